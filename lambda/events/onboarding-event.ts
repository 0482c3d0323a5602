/**
 * The onboarding event, version 1: what an HR system sends when a person joins, changes or moves.
 *
 * ```json
 * {
 *   "eventType": "user.created",
 *   "eventId": "hr-7f3c2a",
 *   "occurredAt": "2026-11-29T09:12:00Z",
 *   "person": { "id": "<Webex person id>", "email": "ana.lima@example.com" },
 *   "locationId": "<Webex location id, optional>",
 *   "workplace": { "building": "B2", "floor": "3" }
 * }
 * ```
 *
 * Unknown fields are tolerated (HR systems add their own: `department`, `displayName`, …), except a field that looks
 * like a misspelling of one we read (`workplce: unknown field (did you mean workplace?)`): a misspelt `workplace` would
 * otherwise silently drop the building and floor that choose a life-safety setting. Optional text fields accept
 * `null` and blank strings as "absent" (HR exports often send them); `building`/`floor` also accept numbers.
 */
import * as z from 'zod';
import { decodeWebexId } from '../webex/ids.js';

/** A validated onboarding event (v1). Text fields are trimmed; absent optional fields are `undefined`. */
export interface OnboardingEvent {
  /** e.g. `user.created`; see {@link DEFAULT_ACCEPTED_EVENT_TYPES}. */
  eventType: string;
  /** The producer's id, else the envelope's id, else the SQS message id: always set. */
  eventId: string;
  /** ISO 8601 date-time with offset; the envelope's time when the event has none. */
  occurredAt?: string;
  /** Webex organisation id (partner-managed orgs); checked against `ALLOWED_ORG_IDS` by the handler. */
  orgId?: string;
  /** At least one of `id` (Webex person id) and `email`. */
  person: { id?: string; email?: string };
  /** Webex location id; the person's Webex Calling location is the default. */
  locationId?: string;
  /** Where the person sits; matched against rule zones case-insensitively after trimming. */
  workplace?: { building?: string; floor?: string };
}

/** How the event reached the queue. */
export type EventEnvelope = 'bare' | 'sns' | 'eventbridge' | 'cloudevents';

/** The outcome of parsing one SQS body: an event to act on, or a type we do not handle (acknowledged, counted). */
export type ParsedEvent =
  | { kind: 'accepted'; event: OnboardingEvent; envelope: EventEnvelope }
  | { kind: 'skipped'; eventType: string; eventId: string; envelope: EventEnvelope };

/** Event types acted on unless `ACCEPTED_EVENT_TYPES` says otherwise; any other type is skipped, never an error. */
export const DEFAULT_ACCEPTED_EVENT_TYPES: readonly string[] = Object.freeze([
  'user.created',
  'user.updated',
  'user.moved',
]);

/**
 * Largest body accepted, in UTF-8 bytes. SQS itself now takes up to 1 MiB per message (2025), so the queue does
 * not enforce the 256 KiB that an onboarding event never needs; this bound keeps a runaway producer cheap to reject.
 */
export const MAX_EVENT_BODY_BYTES = 256 * 1024;

/** Blank strings and `null` mean "absent". */
function blankToUndefined(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Optional text: string, `null` or absent; trimmed; blank becomes `undefined`. */
function optionalText(maxLength: number) {
  return z.string().max(maxLength).nullish().transform(blankToUndefined);
}

/** Optional text that may arrive as a JSON number (`"floor": 3`). */
function optionalLabel(maxLength: number) {
  return z.preprocess(
    (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
    optionalText(maxLength),
  );
}

/** A bare UUID, the form some payloads carry Webex ids in (compared by its UUID part: `sameWebexId`). */
const RAW_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An optional Webex id: one that decodes as a Webex id of `type`, or a bare UUID. Anything else is an invalid event,
 * dead-lettered at the first receive: a location id in `person.id`, or text that is no id at all
 * (`not-a-webex-id!!`), would otherwise be looked up, answered 404 and retried as "not ready" for the whole window.
 */
export function optionalWebexId(type: string) {
  return optionalText(512).refine(
    (id) => {
      if (id === undefined) return true;
      const decoded = decodeWebexId(id);
      return decoded === undefined ? RAW_UUID.test(id) : decoded.type === type;
    },
    { error: `not a Webex ${type} id` },
  );
}

/** Edit distance of two short strings, counting a swap of neighbours as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The known field an unknown one was probably meant to be (same letters in another case, or ≤ 2 edits away). */
export function nearMissOf(key: string, known: readonly string[]): string | undefined {
  if (known.includes(key)) return undefined;
  const lower = key.toLowerCase();
  return known.find((candidate) => {
    const target = candidate.toLowerCase();
    if (target === lower) return true;
    const limit = Math.min(2, Math.floor(Math.min(lower.length, target.length) / 3));
    return limit > 0 && editDistance(lower, target) <= limit;
  });
}

/**
 * An open object (unknown fields pass) that still rejects probable misspellings of its own fields.
 */
function tolerantObject<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.looseObject(shape).superRefine((value, context) => {
    for (const key of Object.keys(value)) {
      const meant = nearMissOf(key, known);
      if (meant !== undefined) {
        context.addIssue({ code: 'custom', path: [key], message: `unknown field (did you mean ${meant}?)` });
      }
    }
  });
}

/** The event body (v1), after the envelope's defaults are filled in. */
export const onboardingEventSchema = tolerantObject({
  eventType: z.string().trim().min(1).max(128),
  eventId: z.string().trim().min(1).max(256),
  occurredAt: optionalText(64).pipe(z.iso.datetime({ offset: true, error: 'invalid ISO 8601 date-time' }).optional()),
  orgId: optionalWebexId('ORGANIZATION'),
  person: tolerantObject({
    id: optionalWebexId('PEOPLE'),
    email: optionalText(320).pipe(z.email({ error: 'invalid email' }).optional()),
  }).refine((person) => person.id !== undefined || person.email !== undefined, { error: 'needs id or email' }),
  locationId: optionalWebexId('LOCATION'),
  workplace: tolerantObject({ building: optionalLabel(128), floor: optionalLabel(128) })
    .nullish()
    .transform((workplace) => workplace ?? undefined),
});

/**
 * Drops `undefined` members so the object has only the fields that were given (clean logs, `toEqual` in tests).
 */
export function toOnboardingEvent(parsed: z.output<typeof onboardingEventSchema>): OnboardingEvent {
  const person: OnboardingEvent['person'] = {};
  if (parsed.person.id !== undefined) person.id = parsed.person.id;
  if (parsed.person.email !== undefined) person.email = parsed.person.email;
  const event: OnboardingEvent = { eventType: parsed.eventType, eventId: parsed.eventId, person };
  if (parsed.occurredAt !== undefined) event.occurredAt = parsed.occurredAt;
  if (parsed.orgId !== undefined) event.orgId = parsed.orgId;
  if (parsed.locationId !== undefined) event.locationId = parsed.locationId;
  if (parsed.workplace !== undefined) {
    const workplace: NonNullable<OnboardingEvent['workplace']> = {};
    if (parsed.workplace.building !== undefined) workplace.building = parsed.workplace.building;
    if (parsed.workplace.floor !== undefined) workplace.floor = parsed.workplace.floor;
    event.workplace = workplace;
  }
  return event;
}
