import { describe, expect, it } from 'vitest';
import { foldEventType, isAcceptedEventType, parseEventBody } from '../../../lambda/events/index.js';
import { onboardingEventFactory, toBody } from '../../helpers/event-factories.js';

describe('event types', () => {
  it.each([
    ['USER.CREATED', 'accepted'],
    [' User.Updated ', 'accepted'],
    ['user.moved\t', 'accepted'],
    ['user.deleted', 'skipped'],
    ['USER.DELETED', 'skipped'],
  ])('parses an event of type %j as %s', (eventType, kind) => {
    const parsed = parseEventBody(toBody(onboardingEventFactory({ eventType })), { messageId: 'sqs-1' });
    expect(parsed.kind).toBe(kind);
  });

  it('compares against accepted types that are themselves written in another case', () => {
    expect(isAcceptedEventType('user.created', ['User.Created'])).toBe(true);
  });

  it('folds only A-Z, exactly as the event-source filter spells out its variants', () => {
    expect(foldEventType(' ÜSER.Created ')).toBe('Üser.created');
  });
});
