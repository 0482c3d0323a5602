import { describe, expect, it } from 'vitest';
import { foldEventType, isAcceptedEventType, parseEventBody } from '../../../lambda/events/index.js';
import { processRecord } from '../../../lambda/flow/process-record.js';
import { onboardingEventFactory, toBody } from '../../helpers/event-factories.js';
import { FLOW_NOW, flowHarness } from '../../helpers/flow-harness.js';
import { otherEncodingOf, testIds } from '../../helpers/rules-factories.js';
import { sqsRecord } from '../../helpers/sqs-factories.js';

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

describe('Webex ids in the event', () => {
  it.each([
    ['text that is no id at all', { person: { id: 'not-a-webex-id!!' } }, 'person.id'],
    ['base64 that does not decode to a Webex id', { person: { id: 'aGVsbG8gd29ybGQ' } }, 'person.id'],
    ['a location id where the person id belongs', { person: { id: testIds.location(1) } }, 'person.id'],
    ['a location that is no id at all', { locationId: 'HQ-Building-2' }, 'locationId'],
  ])('rejects %s as an invalid event (dead-lettered at the first receive)', (_name, overrides, path) => {
    const body = toBody(onboardingEventFactory(overrides));
    expect(() => parseEventBody(body, { messageId: 'sqs-1' })).toThrow(new RegExp(`${path}: not a Webex`));
  });

  it.each([
    ['a Webex person id', testIds.person(1)],
    ['a Webex person id in another encoding', otherEncodingOf(testIds.person(1))],
    ['a bare UUID', '2b1e1f1c-51c4-4a8c-9d3e-6f0e4c1b7a11'],
  ])('accepts %s as person.id', (_name, id) => {
    const parsed = parseEventBody(toBody(onboardingEventFactory({ person: { id } })), { messageId: 'sqs-1' });
    expect(parsed.kind).toBe('accepted');
  });

  it('dead-letters a person id that is not a Webex id at the first receive, without asking Webex', async () => {
    const { deps, webex, queue } = flowHarness({});
    const record = sqsRecord(toBody(onboardingEventFactory({ person: { id: 'not-a-webex-id!!' } })), {
      receiveCount: 1,
    });
    const report = await processRecord(record, deps, { deadline: FLOW_NOW + 50_000 });
    expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent', receiveCount: 1 });
    expect(webex.calls).toEqual([]);
    expect(queue.deadLetter).toHaveBeenCalledOnce();
  });
});
