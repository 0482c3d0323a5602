import { describe, expect, it } from 'vitest';
import { parseEventBody } from '../../../lambda/events/index.js';
import { decodeWebexId, sameWebexId } from '../../../lambda/webex/ids.js';
import { STRICT_SCHEMAS } from '../../../lambda/webex/models.js';
import {
  cloudEventFactory,
  eventBridgeEventFactory,
  onboardingEventFactory,
  snsNotificationFactory,
  toBody,
} from '../../helpers/event-factories.js';
import { availableNumberFactory, otherEncodingOf, personEcbnFactory, testIds } from '../../helpers/rules-factories.js';

// Other engineers build on these factories: they must produce what the real parsers accept.
describe('test factories', () => {
  it.each([
    ['a default GET person ECBN body', personEcbnFactory()],
    [
      'a member-number GET body',
      personEcbnFactory({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(2) }),
    ],
    [
      'a NONE GET body with INVALID qualities',
      personEcbnFactory({ selected: 'NONE', directLineQuality: 'INVALID', locationEcbnQuality: 'INVALID' }),
    ],
  ])('builds %s that the strict Webex schema accepts', (_name, body) => {
    expect(STRICT_SCHEMAS.personEcbn.safeParse(body).error).toBeUndefined();
  });

  it('builds available numbers that the strict Webex schema accepts', () => {
    // Prepare
    const numbers = [
      availableNumberFactory(),
      availableNumberFactory({ state: 'INACTIVE', owner: { id: testIds.huntGroup(1), type: 'HUNT_GROUP' } }),
    ];
    // Act
    const result = STRICT_SCHEMAS.availableNumberList.safeParse({ phoneNumbers: numbers });
    // Assess
    expect(result.error).toBeUndefined();
  });

  it.each([
    ['a bare event', onboardingEventFactory()],
    ['an SNS notification', snsNotificationFactory()],
    ['an EventBridge event', eventBridgeEventFactory()],
    ['a CloudEvent', cloudEventFactory()],
  ])('builds %s that parseEventBody accepts', (_name, value) => {
    expect(parseEventBody(toBody(value), { messageId: 'm-1' }).kind).toBe('accepted');
  });

  it.each([
    ['org', testIds.org(1), 'ORGANIZATION'],
    ['location', testIds.location(1), 'LOCATION'],
    ['person', testIds.person(1), 'PEOPLE'],
    ['place', testIds.place(1), 'PLACE'],
    ['virtualLine', testIds.virtualLine(1), 'VIRTUAL_LINE'],
    ['huntGroup', testIds.huntGroup(1), 'HUNT_GROUP'],
  ])('makes %s ids of the right Webex type, distinct per number', (_name, id, type) => {
    expect(decodeWebexId(id)?.type).toBe(type);
    expect(sameWebexId(id, otherEncodingOf(id))).toBe(true);
    expect(otherEncodingOf(id)).not.toBe(id);
  });

  it('makes different ids for different numbers', () => {
    expect(sameWebexId(testIds.place(1), testIds.place(2))).toBe(false);
  });
});
