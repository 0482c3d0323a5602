/**
 * Unwrapping the envelopes real publishers put around an event before it reaches SQS.
 *
 * - bare: the SQS body is the event (also what SNS sends with raw message delivery on).
 * - SNS → SQS: `{"Type":"Notification","MessageId",…,"Message":"<event JSON as a string>"}`
 *   (https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html). The `Message` may itself hold an
 *   EventBridge or CloudEvents envelope (e.g. EventBridge → SNS → SQS); one level of nesting is unwrapped.
 * - EventBridge → SQS: the whole event, ours in `detail`, its type in `detail-type`
 *   (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html).
 * - CloudEvents 1.0 structured JSON: `specversion`, `id`, `type`, `time`, ours in `data`
 *   (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md).
 *
 * Envelope objects are parsed leniently (publishers add attributes); only the fields we read are checked.
 * Detection is by the keys that only each envelope has; anything else is treated as a bare event, whose closed
 * schema then names every unexpected field.
 */
import * as z from 'zod';
import { InvalidEventError } from '../errors.js';
import type { EventEnvelope } from './onboarding-event.js';
import { formatInputIssues, formatIssuePath, inputIssuesOf, jsonTypeOf, terseErrorMap } from './zod-issues.js';

/** The event payload found inside an envelope, and what the envelope says about it. */
export interface UnwrappedEvent {
  /** The outermost envelope. */
  readonly envelope: EventEnvelope;
  /** The event object (not validated yet). */
  readonly payload: Record<string, unknown>;
  /** Where the payload sits in the body, for error paths (`['detail']`, `['Message', 'data']`). */
  readonly path: readonly PropertyKey[];
  /** The envelope's event type (`detail-type`, CloudEvents `type`). */
  readonly type?: string;
  /** The envelope's id (SNS `MessageId`, EventBridge `id`, CloudEvents `id`). */
  readonly id?: string;
  /** The envelope's time (SNS `Timestamp`, EventBridge `time`, CloudEvents `time`). */
  readonly time?: string;
}

const optionalString = z.string().optional();

const snsNotificationSchema = z.looseObject({
  Type: z.literal('Notification', {
    error: 'expected "Notification" (only SNS notifications carry events; confirm subscriptions out of band)',
  }),
  Message: z.string(),
  MessageId: optionalString,
  Timestamp: optionalString,
});

const eventBridgeSchema = z.looseObject({
  'detail-type': z.string().trim().min(1),
  detail: z.record(z.string(), z.unknown(), { error: 'expected a JSON object' }),
  id: optionalString,
  time: optionalString,
});

/** JSON media types CloudEvents may declare for `data` (`application/json`, `text/json`, `…+json`). */
const JSON_CONTENT_TYPE = /^(application|text)\/([\w.-]+\+)?json(\s*;.*)?$/i;

const cloudEventSchema = z
  .looseObject({
    specversion: z.literal('1.0', { error: 'expected "1.0" (CloudEvents 1.0 structured JSON)' }),
    id: z.string().trim().min(1),
    type: z.string().trim().min(1),
    time: optionalString,
    datacontenttype: z
      .string()
      .regex(JSON_CONTENT_TYPE, { error: 'must be a JSON media type (application/json)' })
      .optional(),
    data: z.record(z.string(), z.unknown(), { error: 'expected a JSON object' }).optional(),
    data_base64: z.unknown().optional(),
  })
  .superRefine((value, context) => {
    if (value.data_base64 !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['data_base64'],
        message: 'binary data is not supported; send the event as JSON in data',
      });
    } else if (value.data === undefined) {
      context.addIssue({ code: 'custom', path: ['data'], message: 'required' });
    }
  });

function fail(lines: readonly string[]): never {
  throw new InvalidEventError(lines.join('; '));
}

function parseEnvelope<T extends z.ZodType>(schema: T, value: unknown, prefix: readonly PropertyKey[]): z.output<T> {
  const result = schema.safeParse(value, { error: terseErrorMap });
  if (!result.success) fail(formatInputIssues(inputIssuesOf(result.error), prefix));
  return result.data as z.output<T>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Which envelope a JSON object is, from keys only that envelope has. */
export function detectEnvelope(value: Record<string, unknown>): EventEnvelope {
  if ('Type' in value && ('Message' in value || 'TopicArn' in value || 'MessageId' in value)) return 'sns';
  if ('specversion' in value) return 'cloudevents';
  if ('detail-type' in value || ('detail' in value && 'source' in value)) return 'eventbridge';
  return 'bare';
}

function unwrapInner(
  value: Record<string, unknown>,
  prefix: readonly PropertyKey[],
): Omit<UnwrappedEvent, 'envelope'> & { kind: EventEnvelope } {
  const kind = detectEnvelope(value);
  switch (kind) {
    case 'eventbridge': {
      const event = parseEnvelope(eventBridgeSchema, value, prefix);
      return {
        kind,
        payload: event.detail,
        path: [...prefix, 'detail'],
        type: event['detail-type'],
        ...idAndTime(event),
      };
    }
    case 'cloudevents': {
      const event = parseEnvelope(cloudEventSchema, value, prefix);
      return {
        kind,
        payload: event.data ?? {},
        path: [...prefix, 'data'],
        type: event.type,
        ...idAndTime(event),
      };
    }
    case 'sns':
      // Only reached for an SNS notification inside another SNS notification's Message.
      return fail([`${formatIssuePath(prefix)}: an SNS notification inside another one is not supported`]);
    default:
      return { kind, payload: value, path: prefix };
  }
}

function idAndTime(event: { id?: string | undefined; time?: string | undefined }): { id?: string; time?: string } {
  const result: { id?: string; time?: string } = {};
  if (event.id !== undefined && event.id.trim() !== '') result.id = event.id.trim();
  if (event.time !== undefined && event.time.trim() !== '') result.time = event.time.trim();
  return result;
}

/**
 * Finds the event inside whatever envelope carried it. Throws {@link InvalidEventError} naming the envelope field at
 * fault (`Message: not valid JSON`, `detail: expected a JSON object`, `specversion: expected "1.0"…`).
 *
 * @example
 * unwrapEnvelope({ Type: 'Notification', MessageId: 'm-1', Message: '{"eventType":"user.created",…}' });
 * // { envelope: 'sns', payload: { eventType: 'user.created', … }, path: ['Message'], id: 'm-1' }
 */
export function unwrapEnvelope(value: unknown): UnwrappedEvent {
  if (!isObject(value)) return fail([`body: expected a JSON object, got ${jsonTypeOf(value)}`]);
  if (detectEnvelope(value) !== 'sns') {
    const { kind, ...rest } = unwrapInner(value, []);
    return { envelope: kind, ...rest };
  }
  const notification = parseEnvelope(snsNotificationSchema, value, []);
  let message: unknown;
  try {
    message = JSON.parse(notification.Message);
  } catch {
    // The parser's message quotes the input, which may hold personal data: say only where.
    return fail(['Message: not valid JSON']);
  }
  if (!isObject(message)) return fail([`Message: expected a JSON object, got ${jsonTypeOf(message)}`]);
  const { kind: _inner, ...inner } = unwrapInner(message, ['Message']);
  const outer = idAndTime({ id: notification.MessageId, time: notification.Timestamp });
  return {
    envelope: 'sns',
    payload: inner.payload,
    path: inner.path,
    // The innermost envelope knows the event best; the SNS ids are the fallback.
    ...(inner.type === undefined ? {} : { type: inner.type }),
    ...((inner.id ?? outer.id) === undefined ? {} : { id: inner.id ?? outer.id }),
    ...((inner.time ?? outer.time) === undefined ? {} : { time: inner.time ?? outer.time }),
  };
}
