/** The onboarding event contract: types, limits and the one parser of SQS bodies. */
export {
  DEFAULT_ACCEPTED_EVENT_TYPES,
  MAX_EVENT_BODY_BYTES,
  onboardingEventSchema,
  type EventEnvelope,
  type OnboardingEvent,
  type ParsedEvent,
} from './onboarding-event.js';
export { parseEventBody, type ParseEventOptions } from './parse-event.js';
export { detectEnvelope, unwrapEnvelope, type UnwrappedEvent } from './envelopes.js';
export { RECONCILE_EVENT_TYPE, foldEventType, isAcceptedEventType } from './event-type.js';
