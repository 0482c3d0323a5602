import { describe, expect, it } from 'vitest';
import {
  classifyPerson,
  notCallingRecord,
  unreadableRecord,
  workplaceFor,
} from '../../../lambda/audit/classify-person.js';
import {
  availableNumberFactory,
  personEcbnFactory,
  personFactsFactory,
  rulesFactory,
  testIds,
  zoneDocumentFactory,
  locationDocumentFactory,
} from '../../helpers/rules-factories.js';
import { auditedPersonFactory } from '../../helpers/audit-factories.js';

const zoneRules = rulesFactory({ locations: [locationDocumentFactory({ zones: [zoneDocumentFactory()] })] });
const onFloor = { building: 'B2', floor: '3' };

describe('classifyPerson', () => {
  it.each([
    {
      name: 'compliant when the zone member is already set',
      current: personEcbnFactory({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(1) }),
      candidates: [availableNumberFactory()],
      status: 'compliant',
      wanted: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(1) },
    },
    {
      name: 'drift when the setting was never made (NONE)',
      current: personEcbnFactory({ selected: 'NONE' }),
      candidates: [availableNumberFactory()],
      status: 'drift',
      wanted: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(1) },
    },
    {
      name: "drift when the person is on another member than the zone's",
      current: personEcbnFactory({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(2) }),
      candidates: [availableNumberFactory()],
      status: 'drift',
      wanted: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(1) },
    },
    {
      name: 'drift to the location ECBN when the zone member was deactivated',
      current: personEcbnFactory({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(1) }),
      candidates: [availableNumberFactory({ state: 'INACTIVE' })],
      status: 'drift',
      wanted: { selected: 'LOCATION_ECBN' },
    },
    {
      name: 'attention when no option is valid',
      current: personEcbnFactory({ selected: 'LOCATION_ECBN', locationEcbnQuality: 'INVALID' }),
      candidates: [availableNumberFactory({ state: 'INACTIVE' })],
      status: 'attention',
      wanted: { selected: 'LOCATION_ECBN' },
    },
  ])('is $name', ({ current, candidates, status, wanted }) => {
    const record = classifyPerson({
      person: auditedPersonFactory(),
      facts: personFactsFactory(),
      workplace: onFloor,
      rules: zoneRules,
      current,
      zoneCandidates: candidates,
    });

    expect(record.status).toBe(status);
    expect(record.wanted).toEqual(wanted);
  });

  it('records the placement it decided with, and the current member', () => {
    const record = classifyPerson({
      person: auditedPersonFactory(),
      facts: personFactsFactory(),
      workplace: onFloor,
      rules: zoneRules,
      current: personEcbnFactory({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(2) }),
      zoneCandidates: [availableNumberFactory()],
    });

    expect(record).toMatchObject({
      placement: { building: 'B2', floor: '3' },
      current: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(2) },
      reason: 'zone San Jose HQ/B2/3',
    });
  });

  it('adds a note to the reason', () => {
    const record = classifyPerson({
      person: auditedPersonFactory(),
      facts: personFactsFactory(),
      workplace: undefined,
      rules: zoneRules,
      current: personEcbnFactory({ selected: 'LOCATION_ECBN' }),
      zoneCandidates: undefined,
      note: 'placement ignored',
    });

    expect(record.reason).toBe('location-default (placement ignored)');
  });
});

describe('workplaceFor', () => {
  it('uses the placement at the person’s calling location', () => {
    expect(workplaceFor({ locationId: testIds.location(1), ...onFloor }, testIds.location(1))).toEqual({
      workplace: onFloor,
    });
  });

  it('ignores a placement for another location, and says so', () => {
    const result = workplaceFor({ locationId: testIds.location(2), ...onFloor }, testIds.location(1));

    expect(result.workplace).toBeUndefined();
    expect(result.ignored).toMatch(/another location/);
  });

  it('has no workplace without a building', () => {
    expect(workplaceFor({ floor: '3' }, testIds.location(1))).toEqual({});
    expect(workplaceFor(undefined, testIds.location(1))).toEqual({});
  });
});

describe('records without a decision', () => {
  it('marks a person without a calling location not-calling, with nothing read', () => {
    expect(notCallingRecord(auditedPersonFactory({ locationId: undefined }))).toMatchObject({
      status: 'not-calling',
      locationId: null,
      current: { selected: 'NOT_READ' },
      wanted: null,
    });
  });

  it('never counts an unreadable person compliant', () => {
    expect(unreadableRecord(auditedPersonFactory(), onFloor, 'ECBN read answered 404')).toMatchObject({
      status: 'attention',
      wanted: null,
      reason: 'not audited: ECBN read answered 404',
    });
  });
});
