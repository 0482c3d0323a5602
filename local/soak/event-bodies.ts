/**
 * SQS bodies the soak publishes: a v1 onboarding event, bare or inside the envelopes the handler unwraps (SNS
 * notification, EventBridge event, CloudEvents 1.0), and the malformed bodies HR integrations really send.
 * Formats: `lambda/events/onboarding-event.ts`, `lambda/events/envelopes.ts`.
 */

/** A v1 onboarding event as a producer sends it (only the fields the soak uses). */
export interface SoakEvent {
  readonly eventType: string;
  readonly eventId: string;
  readonly occurredAt?: string;
  readonly person?: { readonly id?: string; readonly email?: string };
  readonly locationId?: string;
  readonly workplace?: { readonly building?: string; readonly floor?: string | number };
}

export const ENVELOPES = ['bare', 'sns', 'eventbridge', 'cloudevents'] as const;
export type Envelope = (typeof ENVELOPES)[number];

/** The kinds of invalid body, each a permanent failure (`InvalidEventError`). */
export const INVALID_KINDS = [
  'misspelt-field',
  'bad-email',
  'bad-occurred-at',
  'location-id-as-person-id',
  'missing-person',
  'not-json',
] as const;
export type InvalidKind = (typeof INVALID_KINDS)[number];

/**
 * Serialises an event, wrapped in `envelope`.
 *
 * @example
 * wrapEvent({ eventType: 'user.created', eventId: 'e1', person: { email: 'a@b.example' } }, 'sns');
 * // '{"Type":"Notification","MessageId":"sns-e1",…,"Message":"{\"eventType\":…}"}'
 */
export function wrapEvent(event: SoakEvent, envelope: Envelope): string {
  const time = event.occurredAt ?? new Date(0).toISOString();
  switch (envelope) {
    case 'bare':
      return JSON.stringify(event);
    case 'sns':
      return JSON.stringify({
        Type: 'Notification',
        MessageId: `sns-${event.eventId}`,
        TopicArn: 'arn:aws:sns:us-east-1:000000000000:hr-onboarding',
        Message: JSON.stringify(event),
        Timestamp: time,
      });
    case 'eventbridge':
      return JSON.stringify({
        version: '0',
        id: `eb-${event.eventId}`,
        'detail-type': event.eventType,
        source: 'hr.onboarding',
        account: '000000000000',
        time,
        region: 'us-east-1',
        resources: [],
        detail: event,
      });
    case 'cloudevents':
      return JSON.stringify({
        specversion: '1.0',
        id: `ce-${event.eventId}`,
        type: event.eventType,
        source: '/hr/onboarding',
        time,
        datacontenttype: 'application/json',
        data: event,
      });
  }
}

/**
 * A body the handler must reject as invalid. `personId`, when given, is a real person's id: the event must not change
 * them (the soak checks they keep their setting).
 *
 * @example
 * invalidBody('misspelt-field', { eventId: 'bad-1', personId, locationId }); // "workplce" instead of "workplace"
 */
export function invalidBody(
  kind: InvalidKind,
  input: { eventId: string; occurredAt: string; personId?: string; locationId: string },
): string {
  const base = { eventType: 'user.created', eventId: input.eventId, occurredAt: input.occurredAt };
  const person =
    input.personId === undefined ? { email: `${input.eventId}@acme-robotics.example` } : { id: input.personId };
  switch (kind) {
    case 'misspelt-field':
      return JSON.stringify({ ...base, person, workplce: { building: 'B1', floor: '1' } });
    case 'bad-email':
      return JSON.stringify({ ...base, person: { ...person, email: 'not-an-email' } });
    case 'bad-occurred-at':
      return JSON.stringify({ ...base, occurredAt: 'yesterday', person });
    case 'location-id-as-person-id':
      return JSON.stringify({ ...base, person: { id: input.locationId } });
    case 'missing-person':
      return JSON.stringify(base);
    case 'not-json':
      // A producer that cut its output short.
      return JSON.stringify({ ...base, person }).slice(0, -3);
  }
}

/** Whether an invalid kind names a real person (a bystander the handler must leave alone). */
export function invalidKindNamesPerson(kind: InvalidKind): boolean {
  return kind === 'misspelt-field' || kind === 'bad-email' || kind === 'bad-occurred-at' || kind === 'not-json';
}
