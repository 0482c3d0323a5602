import { beforeAll, describe, expect, it } from 'vitest';
import { parseEventBody } from '../../../lambda/events/index.js';
import { type EcbnRules } from '../../../lambda/rules/index.js';
import { loadRulesFile } from '../../../tools/rules/index.js';
import { encodeWebexId, sameWebexId } from '../../../lambda/webex/ids.js';
import { benchDirectNumber, benchProfiles, generatePopulation, sameSetting } from '../../../local/bench/population.js';
import { DEMO_ORG_PATH, OrgState, loadOrgFixture, type OrgFixture } from '../../../local/webex-simulator/index.js';

// The demo org's ids, as in examples/demo-org.json and config/ecbn-rules.yaml.
const HQ = 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDAwYzAwMQ';
const AUSTIN = 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDAwYzAwMg';
const B1_F1_PHONE = 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDBkMGIxMQ';
const B2_F1_PHONE = 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDBkMGIyMQ';

let org: OrgFixture;
let rules: EcbnRules;

beforeAll(async () => {
  org = await loadOrgFixture(DEMO_ORG_PATH);
  rules = loadRulesFile('config/ecbn-rules.yaml');
});

describe('benchProfiles (demo org and rules)', () => {
  it('has a person with and without a direct line outside any zone per location, and in every HQ zone', () => {
    // Act
    const labels = benchProfiles(org, rules).map((p) => p.label);

    // Assess
    expect(labels).toEqual([
      'San Jose HQ DID',
      'San Jose HQ no-DID',
      'San Jose HQ/B1/1 DID',
      'San Jose HQ/B1/1 no-DID',
      'San Jose HQ/B1/2 DID',
      'San Jose HQ/B1/2 no-DID',
      'San Jose HQ/B2/1 DID',
      'San Jose HQ/B2/1 no-DID',
      'San Jose HQ/B2/2 DID',
      'San Jose HQ/B2/2 no-DID',
      'Austin Branch DID',
      'Austin Branch no-DID',
    ]);
  });

  it.each([
    { label: 'San Jose HQ DID', expected: { selected: 'DIRECT_LINE' } },
    { label: 'San Jose HQ no-DID', expected: { selected: 'LOCATION_ECBN' } },
    { label: 'San Jose HQ/B1/1 DID', expected: { selected: 'DIRECT_LINE' } },
    {
      label: 'San Jose HQ/B1/1 no-DID',
      expected: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: B1_F1_PHONE },
    },
    // The zone names its member by phone number: the workspace that owns it.
    {
      label: 'San Jose HQ/B2/1 no-DID',
      expected: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: B2_F1_PHONE },
    },
    // The B2 floor 2 phone's number is INACTIVE: the documented fallback is the location ECBN.
    { label: 'San Jose HQ/B2/2 no-DID', expected: { selected: 'LOCATION_ECBN' } },
    { label: 'Austin Branch DID', expected: { selected: 'DIRECT_LINE' } },
    { label: 'Austin Branch no-DID', expected: { selected: 'LOCATION_ECBN' } },
  ])('expects $expected.selected for $label', ({ label, expected }) => {
    // Act
    const profile = benchProfiles(org, rules).find((p) => p.label === label);

    // Assess
    expect(profile?.expected).toEqual(expected);
  });

  it('gives a zone-wide member to people with a direct line too when the zone applies to everyone', () => {
    // Prepare
    const everyone: EcbnRules = {
      ...rules,
      locations: rules.locations.map((l) => ({
        ...l,
        zones: l.zones.map((z) => ({ ...z, appliesTo: 'everyone' as const })),
      })),
    };

    // Act
    const profile = benchProfiles(org, everyone).find((p) => p.label === 'San Jose HQ/B1/1 DID');

    // Assess
    expect(profile?.expected).toEqual({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: B1_F1_PHONE });
  });

  it('refuses rules that name no location of the org', () => {
    // Prepare
    const elsewhere: EcbnRules = {
      ...rules,
      locations: [{ locationId: encodeWebexId('LOCATION', 'nowhere'), zones: [] }],
    };

    // Act / Assess
    expect(() => benchProfiles(org, elsewhere)).toThrow(/nothing to benchmark/);
  });
});

describe('generatePopulation', () => {
  it('spreads people round-robin over the profiles, across both locations', () => {
    // Act
    const people = generatePopulation(org, rules, { count: 24 });

    // Assess
    expect(people.filter((p) => sameWebexId(p.profile.locationId, HQ))).toHaveLength(20);
    expect(people.filter((p) => sameWebexId(p.profile.locationId, AUSTIN))).toHaveLength(4);
    expect(people.filter((p) => p.profile.hasDirectLine)).toHaveLength(12);
  });

  it('is deterministic for a seed and differs with another seed', () => {
    // Act
    const a = generatePopulation(org, rules, { count: 50, seed: 7, occurredAt: '2026-11-29T09:00:00Z' });
    const b = generatePopulation(org, rules, { count: 50, seed: 7, occurredAt: '2026-11-29T09:00:00Z' });
    const c = generatePopulation(org, rules, { count: 50, seed: 8, occurredAt: '2026-11-29T09:00:00Z' });

    // Assess
    expect(b).toEqual(a);
    expect(c.map((p) => p.alreadyRight)).not.toEqual(a.map((p) => p.alreadyRight));
  });

  it('starts about the given share of people on the right ECBN and the others on a wrong one', () => {
    // Act
    const people = generatePopulation(org, rules, { count: 2000, alreadyRightShare: 0.3 });

    // Assess
    const right = people.filter((p) => p.alreadyRight);
    expect(right.length / people.length).toBeGreaterThan(0.25);
    expect(right.length / people.length).toBeLessThan(0.35);
    for (const p of people) {
      expect(sameSetting(p.fixture.ecbn ?? { selected: 'NONE' }, p.expected)).toBe(p.alreadyRight);
    }
  });

  it('gives unique ids, emails and direct lines, and keeps populations of different namespaces apart', () => {
    // Act
    const people = [
      ...generatePopulation(org, rules, { count: 300, namespace: 0 }),
      ...generatePopulation(org, rules, { count: 300, namespace: 1 }),
    ];

    // Assess
    const ids = new Set(people.map((p) => p.fixture.id));
    const emails = new Set(people.flatMap((p) => p.fixture.emails));
    const numbers = people.flatMap((p) => (p.fixture.directNumber === undefined ? [] : [p.fixture.directNumber]));
    expect(ids.size).toBe(600);
    expect(emails.size).toBe(600);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('makes people the simulator accepts and events the handler accepts', () => {
    // Prepare
    const state = new OrgState(org);
    const people = generatePopulation(org, rules, { count: 60, emailOnlyShare: 0.5 });

    // Act
    for (const p of people) state.addPerson(p.fixture);
    const parsed = people.map((p) => parseEventBody(JSON.stringify(p.event), { messageId: 'm' }));

    // Assess
    for (const [i, p] of people.entries()) {
      expect(sameSetting(state.personEcbnSetting(p.fixture.id), p.fixture.ecbn ?? { selected: 'NONE' })).toBe(true);
      expect(parsed[i]).toMatchObject({ kind: 'accepted', event: { eventId: p.event.eventId } });
    }
    expect(people.some((p) => p.event.person.id === undefined)).toBe(true);
  });

  it('puts the zone in the event as the workplace, and none outside zones', () => {
    // Act
    const people = generatePopulation(org, rules, { count: 12 });

    // Assess
    expect(people.map((p) => p.event.workplace)).toEqual(people.map((p) => p.profile.zone));
  });

  it.each([{ count: -1 }, { count: 1.5 }])('refuses a count of $count', ({ count }) => {
    expect(() => generatePopulation(org, rules, { count })).toThrow(RangeError);
  });
});

describe('sameSetting', () => {
  const member = encodeWebexId('PLACE', 'f00d');

  it.each([
    { a: { selected: 'NONE' }, b: { selected: 'NONE' }, same: true },
    { a: { selected: 'DIRECT_LINE' }, b: { selected: 'LOCATION_ECBN' }, same: false },
    {
      a: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: member },
      b: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: encodeWebexId('PLACE', 'f00d', 'urn:TEAM:x') },
      same: true,
    },
    {
      a: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: member },
      b: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: encodeWebexId('PLACE', 'beef') },
      same: false,
    },
  ])('says $same for $a.selected vs $b.selected', ({ a, b, same }) => {
    expect(sameSetting(a, b)).toBe(same);
  });
});

describe('benchDirectNumber', () => {
  it('is E.164 and outside the demo org numbers', () => {
    expect(benchDirectNumber(42)).toBe('+155500000042');
  });

  it('stops before the numbers would collide', () => {
    expect(() => benchDirectNumber(100_000_000)).toThrow(RangeError);
  });
});
