/**
 * Factories for onboarding events and the envelopes publishers wrap them in (SNS → SQS, EventBridge → SQS,
 * CloudEvents 1.0 structured JSON). Each returns a plain object; {@link toBody} makes it an SQS message body.
 *
 * @example
 * const body = toBody(snsNotificationFactory(onboardingEventFactory({ eventType: 'user.moved' })));
 * parseEventBody(body, { messageId: 'sqs-1' });
 */
import type { OnboardingEvent } from '../../lambda/events/onboarding-event.js';
import { testIds } from './rules-factories.js';

/** An SQS message body: the value as JSON text (a string is taken as the body already). */
export function toBody(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A valid v1 event: Ana Lima joins, building B2, floor 3. */
export function onboardingEventFactory(overrides: Partial<OnboardingEvent> = {}): OnboardingEvent {
  return {
    eventType: 'user.created',
    eventId: 'hr-7f3c2a',
    occurredAt: '2026-11-29T09:12:00Z',
    person: { id: testIds.person(1), email: 'ana.lima@example.com' },
    workplace: { building: 'B2', floor: '3' },
    ...overrides,
  };
}

/**
 * An SNS notification as SNS delivers it to an SQS subscriber with raw delivery off: the event is a JSON *string*
 * in `Message` (https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html).
 */
export function snsNotificationFactory(
  message: unknown = onboardingEventFactory(),
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    Type: 'Notification',
    MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
    TopicArn: 'arn:aws:sns:us-east-1:123456789012:hr-onboarding',
    Message: typeof message === 'string' ? message : JSON.stringify(message),
    Timestamp: '2026-11-29T09:12:01.000Z',
    SignatureVersion: '1',
    Signature:
      'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
    SigningCertURL: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
    UnsubscribeURL:
      'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:123456789012:hr-onboarding:0',
    ...overrides,
  };
}

/**
 * An EventBridge event as an SQS target receives it: the whole event, ours in `detail`
 * (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html).
 */
export function eventBridgeEventFactory(
  detail: unknown = onboardingEventFactory(),
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': 'user.created',
    source: 'com.example.hr',
    account: '123456789012',
    time: '2026-11-29T09:12:02Z',
    region: 'us-east-1',
    resources: [],
    detail,
    ...overrides,
  };
}

/**
 * A CloudEvents 1.0 event in structured JSON mode, ours in `data`
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md).
 */
export function cloudEventFactory(
  data: unknown = onboardingEventFactory(),
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: 'ce-0b1f6c4e',
    source: '/hr/onboarding',
    type: 'user.created',
    time: '2026-11-29T09:12:03Z',
    datacontenttype: 'application/json',
    data,
    ...overrides,
  };
}

/** The event without the fields an envelope can supply (type, id, time), as publishers often send it. */
export function eventWithoutEnvelopeFields(event: OnboardingEvent = onboardingEventFactory()): Record<string, unknown> {
  const { eventType: _eventType, eventId: _eventId, occurredAt: _occurredAt, ...rest } = event;
  return rest;
}
