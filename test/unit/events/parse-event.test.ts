import { describe, expect, it } from 'vitest';
import { classifyError, InvalidEventError } from '../../../lambda/errors.js';
import {
  DEFAULT_ACCEPTED_EVENT_TYPES,
  MAX_EVENT_BODY_BYTES,
  parseEventBody,
  type OnboardingEvent,
} from '../../../lambda/events/index.js';
import {
  cloudEventFactory,
  eventBridgeEventFactory,
  eventWithoutEnvelopeFields,
  onboardingEventFactory,
  snsNotificationFactory,
  toBody,
} from '../../helpers/event-factories.js';
import { testIds } from '../../helpers/rules-factories.js';

const MESSAGE_ID = 'sqs-msg-0001';

/** Parses or returns the thrown error (so tables can assert on either). */
function parseOrError(body: string, acceptedEventTypes?: readonly string[]) {
  try {
    return parseEventBody(
      body,
      acceptedEventTypes ? { messageId: MESSAGE_ID, acceptedEventTypes } : { messageId: MESSAGE_ID },
    );
  } catch (error) {
    return error;
  }
}

/** Pads valid JSON with trailing spaces to exactly `bytes` UTF-8 bytes. */
function padTo(json: string, bytes: number): string {
  return json + ' '.repeat(bytes - Buffer.byteLength(json, 'utf8'));
}

describe('parseEventBody: envelopes', () => {
  const event = onboardingEventFactory();

  it.each([
    ['a bare event', toBody(event), 'bare'],
    ['an SNS notification with the event as a JSON string in Message', toBody(snsNotificationFactory(event)), 'sns'],
    ['an EventBridge event with the event in detail', toBody(eventBridgeEventFactory(event)), 'eventbridge'],
    ['a CloudEvents 1.0 structured event with the event in data', toBody(cloudEventFactory(event)), 'cloudevents'],
    [
      'an SNS notification carrying an EventBridge event',
      toBody(snsNotificationFactory(eventBridgeEventFactory(event))),
      'sns',
    ],
    ['an SNS notification carrying a CloudEvent', toBody(snsNotificationFactory(cloudEventFactory(event))), 'sns'],
  ])('unwraps %s', (_name, body, envelope) => {
    // Act
    const parsed = parseEventBody(body, { messageId: MESSAGE_ID });
    // Assess
    expect(parsed).toEqual({ kind: 'accepted', event, envelope });
  });

  it.each([
    [
      'SNS: MessageId and Timestamp (SNS has no event type)',
      snsNotificationFactory({ ...eventWithoutEnvelopeFields(), eventType: 'user.created' }),
      {
        eventType: 'user.created',
        eventId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
        occurredAt: '2026-11-29T09:12:01.000Z',
      },
    ],
    [
      'EventBridge: detail-type, id and time',
      eventBridgeEventFactory(eventWithoutEnvelopeFields(), { 'detail-type': 'user.moved' }),
      { eventType: 'user.moved', eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718', occurredAt: '2026-11-29T09:12:02Z' },
    ],
    [
      'CloudEvents: type, id and time',
      cloudEventFactory(eventWithoutEnvelopeFields(), { type: 'user.updated' }),
      { eventType: 'user.updated', eventId: 'ce-0b1f6c4e', occurredAt: '2026-11-29T09:12:03Z' },
    ],
    [
      'SNS around EventBridge: the inner envelope first',
      snsNotificationFactory(eventBridgeEventFactory(eventWithoutEnvelopeFields())),
      {
        eventType: 'user.created',
        eventId: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
        occurredAt: '2026-11-29T09:12:02Z',
      },
    ],
  ])('fills the fields an event lacks from its envelope (%s)', (_name, envelope, expected) => {
    // Act
    const parsed = parseEventBody(toBody(envelope), { messageId: MESSAGE_ID });
    // Assess
    expect(parsed).toMatchObject({ kind: 'accepted', event: expected });
  });

  it('keeps the event’s own type, id and time over the envelope’s', () => {
    // Prepare
    const event = onboardingEventFactory({
      eventType: 'user.moved',
      eventId: 'hr-own',
      occurredAt: '2026-01-01T00:00:00Z',
    });
    const body = toBody(
      eventBridgeEventFactory(event, { 'detail-type': 'User Moved', id: 'eb-id', time: '2026-02-02T00:00:00Z' }),
    );
    // Act
    const parsed = parseEventBody(body, { messageId: MESSAGE_ID });
    // Assess
    expect(parsed).toEqual({ kind: 'accepted', event, envelope: 'eventbridge' });
  });

  it('takes the SQS message id as event id when neither the event nor a bare envelope has one', () => {
    // Prepare
    const body = toBody({ eventType: 'user.created', person: { email: 'ana.lima@example.com' } });
    // Act
    const parsed = parseEventBody(body, { messageId: MESSAGE_ID });
    // Assess
    expect(parsed).toEqual({
      kind: 'accepted',
      envelope: 'bare',
      event: { eventType: 'user.created', eventId: MESSAGE_ID, person: { email: 'ana.lima@example.com' } },
    });
  });

  it('ignores an envelope time that is not an ISO 8601 date-time instead of rejecting the event', () => {
    // Prepare
    const body = toBody(cloudEventFactory(eventWithoutEnvelopeFields(), { time: 'yesterday' }));
    // Act
    const parsed = parseEventBody(body, { messageId: MESSAGE_ID });
    // Assess
    expect(parsed.kind === 'accepted' && parsed.event.occurredAt).toBeUndefined();
  });
});

describe('parseEventBody: event types', () => {
  it('accepts user.created, user.updated and user.moved by default', () => {
    expect(DEFAULT_ACCEPTED_EVENT_TYPES).toEqual(['user.created', 'user.updated', 'user.moved']);
  });

  it.each([
    ['a bare event', toBody({ eventType: 'user.deleted', person: { id: testIds.person(1) } }), 'bare', MESSAGE_ID],
    [
      'an EventBridge event whose detail has another shape',
      toBody(eventBridgeEventFactory({ employeeNumber: 42 }, { 'detail-type': 'user.deleted' })),
      'eventbridge',
      '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    ],
    [
      'a CloudEvent',
      toBody(cloudEventFactory({ anything: true }, { type: 'com.example.payroll.run' })),
      'cloudevents',
      'ce-0b1f6c4e',
    ],
    [
      'an SNS notification',
      toBody(snsNotificationFactory({ eventType: 'user.suspended', eventId: 'hr-9' })),
      'sns',
      'hr-9',
    ],
  ])('skips another event type in %s without validating the rest', (_name, body, envelope, eventId) => {
    // Act
    const parsed = parseEventBody(body, { messageId: MESSAGE_ID });
    // Assess
    expect(parsed).toMatchObject({ kind: 'skipped', envelope, eventId });
  });

  it('acts on the configured event types only', () => {
    // Prepare
    const hire = toBody(onboardingEventFactory({ eventType: 'hr.hire' }));
    const created = toBody(onboardingEventFactory({ eventType: 'user.created' }));
    // Act
    const hireParsed = parseEventBody(hire, { messageId: MESSAGE_ID, acceptedEventTypes: ['hr.hire'] });
    const createdParsed = parseEventBody(created, { messageId: MESSAGE_ID, acceptedEventTypes: ['hr.hire'] });
    // Assess
    expect(hireParsed.kind).toBe('accepted');
    expect(createdParsed).toEqual({
      kind: 'skipped',
      eventType: 'user.created',
      eventId: 'hr-7f3c2a',
      envelope: 'bare',
    });
  });
});

describe('parseEventBody: normalisation', () => {
  it.each<[string, Record<string, unknown>, Partial<OnboardingEvent>]>([
    [
      'trims text fields',
      { person: { email: '  ana.lima@example.com ' }, workplace: { building: ' B2 ', floor: ' 3 ' } },
      { person: { email: 'ana.lima@example.com' }, workplace: { building: 'B2', floor: '3' } },
    ],
    [
      'reads a numeric floor as text',
      { workplace: { building: 'B2', floor: 3 } },
      { workplace: { building: 'B2', floor: '3' } },
    ],
    [
      'treats null and blank optional fields as absent',
      {
        orgId: null,
        locationId: '  ',
        occurredAt: null,
        person: { id: '', email: 'ana.lima@example.com' },
        workplace: null,
      },
      { person: { email: 'ana.lima@example.com' } },
    ],
    ['accepts a person known only by id', { person: { id: testIds.person(7) } }, { person: { id: testIds.person(7) } }],
    [
      'accepts an organisation and a location id',
      { orgId: testIds.org(1), locationId: testIds.location(2) },
      { orgId: testIds.org(1), locationId: testIds.location(2) },
    ],
    [
      'accepts a raw UUID as person id (not every system has the encoded form)',
      { person: { id: '5e0c2b7a-4d1f-4c8e-9a6b-0000000e0001' } },
      { person: { id: '5e0c2b7a-4d1f-4c8e-9a6b-0000000e0001' } },
    ],
  ])('%s', (_name, fields, expected) => {
    // Prepare
    const { workplace: _w, occurredAt: _o, ...base } = onboardingEventFactory({ person: { id: testIds.person(1) } });
    const body = toBody({ ...base, ...fields });
    // Act
    const parsed = parseEventBody(body, { messageId: MESSAGE_ID });
    // Assess
    expect(parsed.kind).toBe('accepted');
    const event = (parsed as Extract<typeof parsed, { kind: 'accepted' }>).event;
    expect(event).toEqual({
      eventType: 'user.created',
      eventId: 'hr-7f3c2a',
      ...expected,
      person: expected.person ?? base.person,
    });
  });
});

describe('parseEventBody: invalid events', () => {
  const valid = onboardingEventFactory();
  const longBody = padTo(toBody(valid), MAX_EVENT_BODY_BYTES + 1);

  it.each<[string, string, string]>([
    // Not JSON / not an object
    ['a body that is not JSON', '{"eventType": "user.created",', 'body: not valid JSON'],
    ['an empty body', '', 'body: not valid JSON'],
    ['a JSON array', '[]', 'body: expected a JSON object, got array'],
    ['a JSON string', '"user.created"', 'body: expected a JSON object, got string'],
    ['JSON null', 'null', 'body: expected a JSON object, got null'],
    // Size
    ['a body over 256 KB', longBody, `body: ${MAX_EVENT_BODY_BYTES + 1} bytes is larger than the 262144 bytes allowed`],
    // Wrong envelopes
    [
      'an SNS subscription confirmation',
      toBody(snsNotificationFactory(valid, { Type: 'SubscriptionConfirmation' })),
      'Type: expected "Notification"',
    ],
    [
      'an SNS notification whose Message is not JSON',
      toBody(snsNotificationFactory('not json')),
      'Message: not valid JSON',
    ],
    [
      'an SNS notification whose Message is an object, not a string',
      toBody(snsNotificationFactory(valid, { Message: valid })),
      'Message: expected string, got object',
    ],
    [
      'an SNS notification whose Message is a JSON list',
      toBody(snsNotificationFactory('[1]')),
      'Message: expected a JSON object, got array',
    ],
    [
      'an SNS notification inside another',
      toBody(snsNotificationFactory(snsNotificationFactory(valid))),
      'Message: an SNS notification inside another one is not supported',
    ],
    [
      'an EventBridge event whose detail is a string',
      toBody(eventBridgeEventFactory(JSON.stringify(valid))),
      'detail: expected a JSON object',
    ],
    [
      'an EventBridge event without detail-type',
      toBody(eventBridgeEventFactory(valid, { 'detail-type': undefined })),
      'detail-type: required',
    ],
    [
      'a CloudEvent of another spec version',
      toBody(cloudEventFactory(valid, { specversion: '0.3' })),
      'specversion: expected "1.0"',
    ],
    ['a CloudEvent without id', toBody(cloudEventFactory(valid, { id: undefined })), 'id: required'],
    [
      'a CloudEvent with binary data',
      toBody(cloudEventFactory(valid, { data: undefined, data_base64: 'e30=' })),
      'data_base64: binary data is not supported',
    ],
    ['a CloudEvent without data', toBody(cloudEventFactory(valid, { data: undefined })), 'data: required'],
    [
      'a CloudEvent whose data is not JSON',
      toBody(cloudEventFactory(valid, { datacontenttype: 'application/xml' })),
      'datacontenttype: must be a JSON media type',
    ],
    // Missing person
    ['an event without person', toBody({ ...valid, person: undefined }), 'person: required'],
    ['a person with neither id nor email', toBody({ ...valid, person: {} }), 'person: needs id or email'],
    [
      'a person with blank id and email',
      toBody({ ...valid, person: { id: ' ', email: '' } }),
      'person: needs id or email',
    ],
    // Bad email
    ['a bad email', toBody({ ...valid, person: { email: 'ana.lima(at)example.com' } }), 'person.email: invalid email'],
    [
      'a bad email inside EventBridge detail',
      toBody(eventBridgeEventFactory({ ...valid, person: { email: 'x@' } })),
      'detail.person.email: invalid email',
    ],
    [
      'a bad email inside an SNS notification',
      toBody(snsNotificationFactory({ ...valid, person: { email: '@x' } })),
      'Message.person.email: invalid email',
    ],
    [
      'a bad email inside CloudEvents data',
      toBody(cloudEventFactory({ ...valid, person: { email: 'a b@c.d' } })),
      'data.person.email: invalid email',
    ],
    // Wrong types
    ['a numeric event type', toBody({ ...valid, eventType: 7 }), 'eventType: expected string, got number'],
    ['a numeric event id', toBody({ ...valid, eventId: 42 }), 'eventId: expected string, got number'],
    ['a numeric person id', toBody({ ...valid, person: { id: 12345 } }), 'person.id: expected string, got number'],
    [
      'a person given as a string',
      toBody({ ...valid, person: 'ana.lima@example.com' }),
      'person: expected a mapping (object), got string',
    ],
    [
      'a boolean floor',
      toBody({ ...valid, workplace: { building: 'B2', floor: true } }),
      'workplace.floor: expected string, got boolean',
    ],
    [
      'a workplace given as a list',
      toBody({ ...valid, workplace: ['B2', '3'] }),
      'workplace: expected a mapping (object), got array',
    ],
    [
      'an occurredAt that is not ISO 8601',
      toBody({ ...valid, occurredAt: '29/11/2026 09:12' }),
      'occurredAt: invalid ISO 8601 date-time',
    ],
    [
      'a person id that is a location id',
      toBody({ ...valid, person: { id: testIds.location(1) } }),
      'person.id: not a Webex PEOPLE id',
    ],
    [
      'a location id that is a person id',
      toBody({ ...valid, locationId: testIds.person(1) }),
      'locationId: not a Webex LOCATION id',
    ],
    ['an event type that is missing everywhere', toBody({ ...valid, eventType: undefined }), 'eventType: required'],
    // Unknown fields (typos must not silently drop the workplace)
    [
      'a misspelt workplace',
      toBody({ ...eventWithoutEnvelopeFields(valid), eventType: 'user.created', workplce: { building: 'B2' } }),
      'workplce: unknown field',
    ],
    [
      'a misspelt person email',
      toBody({ ...valid, person: { id: testIds.person(1), emial: 'ana.lima@example.com' } }),
      'person.emial: unknown field (did you mean email?)',
    ],
    [
      'a field written in another case',
      toBody({ ...valid, WorkPlace: { building: 'B2' } }),
      'WorkPlace: unknown field (did you mean workplace?)',
    ],
    [
      'an S3 notification sent to the wrong queue',
      toBody({ Records: [{ eventSource: 'aws:s3' }] }),
      'eventType: required; person: required',
    ],
  ])('rejects %s as a permanent error naming the field', (_name, body, expected) => {
    // Act
    const error = parseOrError(body);
    // Assess
    expect(error).toBeInstanceOf(InvalidEventError);
    expect((error as InvalidEventError).message).toContain(expected);
    expect(classifyError(error)).toBe('permanent');
  });

  it('tolerates fields the HR system adds that are no misspelling of ours', () => {
    // Prepare
    const body = toBody({
      ...valid,
      department: 'R&D',
      person: { ...valid.person, displayName: 'Ana Lima' },
      workplace: { building: 'B2', floor: '3', desk: '3-114' },
    });
    // Act
    const parsed = parseEventBody(body, { messageId: MESSAGE_ID });
    // Assess
    expect(parsed.kind).toBe('accepted');
    expect(parsed.kind === 'accepted' && parsed.event.workplace).toEqual({ building: 'B2', floor: '3' });
  });

  it('lists every problem of an event, not just the first', () => {
    // Prepare
    const body = toBody({
      ...valid,
      person: { email: 'nope' },
      occurredAt: 'soon',
      workplace: { building: 2, flor: '3' },
    });
    // Act
    const error = parseOrError(body) as InvalidEventError;
    // Assess
    expect(error.message).toBe(
      'occurredAt: invalid ISO 8601 date-time; person.email: invalid email; workplace.flor: unknown field (did you mean floor?)',
    );
  });

  it('accepts a body of exactly 256 KB', () => {
    // Prepare
    const body = padTo(toBody(valid), MAX_EVENT_BODY_BYTES);
    // Act
    const parsed = parseEventBody(body, { messageId: MESSAGE_ID });
    // Assess
    expect(parsed.kind).toBe('accepted');
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    // Prepare: 'é' is two bytes, so this body has MAX characters but MAX + 1 bytes.
    const json = toBody({ ...valid, eventId: 'é' });
    const body = json + ' '.repeat(MAX_EVENT_BODY_BYTES - json.length);
    // Act
    const error = parseOrError(body);
    // Assess
    expect(body.length).toBe(MAX_EVENT_BODY_BYTES);
    expect((error as InvalidEventError).message).toMatch(/^body: 262145 bytes is larger/);
  });

  it.each([
    ['an invalid email', toBody({ ...valid, person: { email: 'ana.lima.secret@@example.com' } }), 'ana.lima.secret'],
    ['a body that is not JSON', '{"person":{"email":"ana.lima.secret@example.com"}', 'ana.lima.secret'],
    [
      'an SNS Message that is not JSON',
      toBody(snsNotificationFactory('{"email":"ana.lima.secret@example.com"')),
      'ana.lima.secret',
    ],
  ])('never repeats personal data from %s in the error', (_name, body, secret) => {
    // Act
    const error = parseOrError(body) as InvalidEventError;
    // Assess
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error.message).not.toContain(secret);
  });
});
