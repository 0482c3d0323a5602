/**
 * One SQS message body → an onboarding event to act on, a skipped event type, or an {@link InvalidEventError}.
 *
 * Order of work: size check (cheap, before parsing), JSON, envelope, event type (compared trimmed and ignoring case; a type
 * we do not handle is skipped before the rest is validated: other event types may have other shapes), then the v1
 * schema (open: unknown fields pass, probable misspellings of ours do not).
 */
import * as z from 'zod';
import { InvalidEventError } from '../errors.js';
import { unwrapEnvelope } from './envelopes.js';
import { isAcceptedEventType } from './event-type.js';
import {
  DEFAULT_ACCEPTED_EVENT_TYPES,
  MAX_EVENT_BODY_BYTES,
  onboardingEventSchema,
  toOnboardingEvent,
  type ParsedEvent,
} from './onboarding-event.js';
import { formatInputIssues, inputIssuesOf, terseErrorMap } from './zod-issues.js';

/** Options of {@link parseEventBody}. */
export interface ParseEventOptions {
  /** The SQS message id: the event id of last resort. */
  messageId: string;
  /** Event types to act on; others are skipped. @default DEFAULT_ACCEPTED_EVENT_TYPES */
  acceptedEventTypes?: readonly string[];
}

/** `undefined`, `null` or a blank string: the field was not really given. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

const isoDateTime = z.iso.datetime({ offset: true });

/** Envelope times are only borrowed when valid: an envelope's odd clock must not reject our event. */
function isIsoDateTime(value: string): boolean {
  return isoDateTime.safeParse(value).success;
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Parses an SQS message body into an onboarding event. The envelope (bare, SNS, EventBridge, CloudEvents 1.0) is
 * unwrapped first; fields the event lacks are taken from the envelope: `eventType` from `detail-type` / `type`,
 * `eventId` from the envelope id, else `options.messageId`, `occurredAt` from the envelope time.
 *
 * Throws {@link InvalidEventError} (a permanent error) whose message lists every problem as `path: message`, the path
 * counted from the body (`detail.person.email: invalid email`, `body: not valid JSON`). Messages never repeat the
 * rejected values (personal data).
 *
 * @example
 * parseEventBody('{"eventType":"user.created","eventId":"hr-1","person":{"email":"ana@example.com"}}', {
 *   messageId: 'sqs-1',
 * });
 * // { kind: 'accepted', envelope: 'bare', event: { eventType: 'user.created', eventId: 'hr-1', person: { email: … } } }
 *
 * parseEventBody('{"eventType":"user.deleted","person":{"id":"…"}}', { messageId: 'sqs-2' });
 * // { kind: 'skipped', eventType: 'user.deleted', eventId: 'sqs-2', envelope: 'bare' }
 */
export function parseEventBody(body: string, options: ParseEventOptions): ParsedEvent {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_EVENT_BODY_BYTES) {
    throw new InvalidEventError(`body: ${bytes} bytes is larger than the ${MAX_EVENT_BODY_BYTES} bytes allowed`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    // The parser's message quotes the input (personal data): say only what is wrong.
    throw new InvalidEventError('body: not valid JSON');
  }

  const unwrapped = unwrapEnvelope(json);
  const candidate: Record<string, unknown> = { ...unwrapped.payload };
  // The event's own fields win; the envelope fills what it lacks (eventId: the SQS message id as last resort).
  if (isAbsent(candidate.eventType) && unwrapped.type !== undefined) candidate.eventType = unwrapped.type;
  if (isAbsent(candidate.eventId)) candidate.eventId = unwrapped.id ?? options.messageId;
  if (isAbsent(candidate.occurredAt) && unwrapped.time !== undefined && isIsoDateTime(unwrapped.time)) {
    candidate.occurredAt = unwrapped.time;
  }

  const accepted = options.acceptedEventTypes ?? DEFAULT_ACCEPTED_EVENT_TYPES;
  const eventType = nonBlank(candidate.eventType);
  if (eventType !== undefined && !isAcceptedEventType(eventType, accepted)) {
    return {
      kind: 'skipped',
      eventType,
      eventId: nonBlank(candidate.eventId) ?? unwrapped.id ?? options.messageId,
      envelope: unwrapped.envelope,
    };
  }

  const result = onboardingEventSchema.safeParse(candidate, { error: terseErrorMap });
  if (!result.success) {
    throw new InvalidEventError(formatInputIssues(inputIssuesOf(result.error), unwrapped.path).join('; '));
  }
  return { kind: 'accepted', event: toOnboardingEvent(result.data), envelope: unwrapped.envelope };
}
