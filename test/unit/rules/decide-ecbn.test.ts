import { describe, expect, it } from 'vitest';
import {
  decideEcbn,
  NO_VALID_ECBN_ATTENTION,
  type EcbnRules,
  type PersonFacts,
  type Workplace,
} from '../../../lambda/rules/index.js';
import { webexIdKey } from '../../../lambda/webex/ids.js';
import { ecbnSettingSchema, type AvailableNumber, type EcbnSetting } from '../../../lambda/webex/models.js';
import {
  availableNumberFactory,
  locationDocumentFactory,
  otherEncodingOf,
  personEcbnFactory,
  personFactsFactory,
  rulesFactory,
  testIds,
  zoneDocumentFactory,
  type PersonEcbnOverrides,
} from '../../helpers/rules-factories.js';

// ---------------------------------------------------------------------------------------------------------------
// The rules every case uses:
//   San Jose HQ (location 1): B1 floor 1 → workspace 11 (withoutDirectLine)
//                             B2 floor 3 → "+1 408 555 0123" (withoutDirectLine)
//                             B3 (building-wide) → workspace 30 (everyone)
//   Austin Branch (location 2): withoutDirectLine LOCATION_ECBN, no zones.
// ---------------------------------------------------------------------------------------------------------------

const HQ = testIds.location(1);
const AUSTIN = testIds.location(2);

function hqRules(withDirectLine = 'DIRECT_LINE'): EcbnRules {
  return rulesFactory({
    defaults: { withDirectLine, withoutDirectLine: 'LOCATION_ECBN' },
    locations: [
      locationDocumentFactory({
        locationId: HQ,
        name: 'San Jose HQ',
        zones: [
          zoneDocumentFactory({ match: { building: 'B1', floor: '1' }, callbackMember: { id: testIds.place(11) } }),
          zoneDocumentFactory({
            match: { building: 'B2', floor: '3' },
            callbackMember: { phoneNumber: '+1 408 555 0123' },
          }),
          zoneDocumentFactory({
            match: { building: 'B3' },
            callbackMember: { id: testIds.place(30) },
            appliesTo: 'everyone',
          }),
        ],
      }),
      locationDocumentFactory({ locationId: AUSTIN, name: 'Austin Branch', withoutDirectLine: 'LOCATION_ECBN' }),
    ],
  });
}

const RULES = hqRules();
const RULES_PREFERRING_LOCATION_ECBN = hqRules('LOCATION_ECBN');

const B1_F1: Workplace = { building: 'B1', floor: '1' };
const B2_F3: Workplace = { building: 'B2', floor: '3' };
const B3_F1: Workplace = { building: 'B3', floor: '1' };

/** Workspace 11's number (zone B1/1). */
function member11(overrides: Partial<AvailableNumber> = {}): AvailableNumber {
  return availableNumberFactory({
    phoneNumber: '+14085550111',
    owner: { id: testIds.place(11), type: 'PLACE', displayName: 'SJ-B1-F1 Lobby Phone' },
    ...overrides,
  });
}

/** Workspace 23's number "+14085550123" (zone B2/3 names it by number). */
function member23(overrides: Partial<AvailableNumber> = {}): AvailableNumber {
  return availableNumberFactory({
    phoneNumber: '+14085550123',
    owner: { id: testIds.place(23), type: 'PLACE', displayName: 'SJ-B2-F3 Callback Phone' },
    ...overrides,
  });
}

/** Workspace 30's number (zone B3, everyone). */
function member30(overrides: Partial<AvailableNumber> = {}): AvailableNumber {
  return availableNumberFactory({
    phoneNumber: '+14085550130',
    owner: { id: testIds.place(30), type: 'PLACE', displayName: 'SJ-B3 Security Phone' },
    ...overrides,
  });
}

const PLACE_11 = webexIdKey(testIds.place(11));
const PLACE_30 = webexIdKey(testIds.place(30));
const MEMBER = (id: string): EcbnSetting => ({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: id });
const DIRECT_LINE: EcbnSetting = { selected: 'DIRECT_LINE' };
const LOCATION_ECBN: EcbnSetting = { selected: 'LOCATION_ECBN' };

interface Case {
  name: string;
  person?: Partial<PersonFacts>;
  workplace?: Workplace;
  current?: PersonEcbnOverrides;
  candidates?: AvailableNumber[];
  rules?: EcbnRules;
  wanted: EcbnSetting;
  reason: string;
  attention?: string;
}

const WITH_DID: Partial<PersonFacts> = { hasDirectLine: true };

/** Table rows as `[name, row]`, so the spec name prints in full (`$name` would quote and truncate it). */
function named<T extends { name: string }>(rows: readonly T[]): (readonly [string, T])[] {
  return rows.map((row) => [row.name, row] as const);
}

function decide(row: Omit<Case, 'name' | 'wanted' | 'reason' | 'attention'>) {
  return decideEcbn({
    person: personFactsFactory({ locationId: HQ, ...row.person }),
    ...(row.workplace === undefined ? {} : { workplace: row.workplace }),
    rules: row.rules ?? RULES,
    current: personEcbnFactory(row.current),
    ...(row.candidates === undefined ? {} : { zoneCandidates: row.candidates }),
  });
}

describe('decideEcbn: precedence', () => {
  it.each(
    named<Case>([
      {
        name: "sets the zone member's number for an extension-only person on a zoned floor",
        workplace: B1_F1,
        candidates: [member11()],
        wanted: MEMBER(testIds.place(11)),
        reason: 'zone San Jose HQ/B1/1',
      },
      {
        name: 'matches a zone member given by phone number, whatever the spacing',
        workplace: B2_F3,
        candidates: [member23({ phoneNumber: '+1 408 555 0123' })],
        wanted: MEMBER(testIds.place(23)),
        reason: 'zone San Jose HQ/B2/3',
      },
      {
        name: 'puts the member id as Webex lists it, whatever its encoding',
        workplace: B1_F1,
        candidates: [member11({ owner: { id: otherEncodingOf(testIds.place(11)), type: 'PLACE' } })],
        wanted: MEMBER(otherEncodingOf(testIds.place(11))),
        reason: 'zone San Jose HQ/B1/1',
      },
      {
        name: 'applies an everyone zone to a person with a direct line',
        person: WITH_DID,
        workplace: B3_F1,
        candidates: [member30()],
        wanted: MEMBER(testIds.place(30)),
        reason: 'zone San Jose HQ/B3/*',
      },
      {
        name: 'accepts a NOT_RECOMMENDED hunt-group number as a valid zone member',
        workplace: B2_F3,
        candidates: [member23({ owner: { id: testIds.huntGroup(1), type: 'HUNT_GROUP', displayName: 'Front Desk' } })],
        wanted: MEMBER(testIds.huntGroup(1)),
        reason: 'zone San Jose HQ/B2/3',
      },
      {
        name: "uses the member's ACTIVE number when it also has an inactive one",
        workplace: B1_F1,
        candidates: [member11({ phoneNumber: '+14085550119', state: 'INACTIVE' }), member11()],
        wanted: MEMBER(testIds.place(11)),
        reason: 'zone San Jose HQ/B1/1',
      },
      {
        name: 'keeps the direct line when the person has one',
        person: WITH_DID,
        wanted: DIRECT_LINE,
        reason: 'direct-line',
      },
      {
        name: 'keeps the direct line of a person in a zone meant for people without one',
        person: WITH_DID,
        workplace: B1_F1,
        candidates: [member11()],
        wanted: DIRECT_LINE,
        reason: 'direct-line',
      },
      {
        name: 'gives a person with a direct line the location ECBN when the rules say withDirectLine: LOCATION_ECBN',
        person: WITH_DID,
        rules: RULES_PREFERRING_LOCATION_ECBN,
        wanted: LOCATION_ECBN,
        reason: 'location-default',
      },
      {
        name: 'gives the location ECBN to an extension-only person outside any zone',
        workplace: { building: 'B9' },
        wanted: LOCATION_ECBN,
        reason: 'location-default',
      },
      {
        name: 'gives the location ECBN to an extension-only person whose event has no workplace',
        wanted: LOCATION_ECBN,
        reason: 'location-default',
      },
      {
        name: "applies the location's withoutDirectLine at a location without zones",
        person: { locationId: AUSTIN },
        workplace: B3_F1,
        wanted: LOCATION_ECBN,
        reason: 'location-default',
      },
      {
        name: 'uses the defaults at a location the rules do not list',
        person: { locationId: testIds.location(9), hasDirectLine: true },
        workplace: B1_F1,
        wanted: DIRECT_LINE,
        reason: 'direct-line',
      },
    ]),
  )('%s', (_name, row) => {
    // Act
    const decision = decide(row);
    // Assess
    expect(decision.wanted).toEqual(row.wanted);
    expect(decision.reason).toBe(row.reason);
    expect(decision.attention).toBeUndefined();
  });
});

describe('decideEcbn: fallbacks', () => {
  it.each(
    named<Case>([
      {
        name: "falls back to the location ECBN when the zone member's number is inactive",
        workplace: B1_F1,
        candidates: [member11({ state: 'INACTIVE' })],
        wanted: LOCATION_ECBN,
        reason: `fallback: zone San Jose HQ/B1/1 member ${PLACE_11} is inactive`,
      },
      {
        name: "falls back to the location ECBN when the zone member is not among the person's available numbers",
        workplace: B1_F1,
        candidates: [member30()],
        wanted: LOCATION_ECBN,
        reason: `fallback: zone San Jose HQ/B1/1 member ${PLACE_11} is not among the person's available ECBN numbers`,
      },
      {
        name: 'falls back to the location ECBN when no available numbers were listed',
        workplace: B2_F3,
        wanted: LOCATION_ECBN,
        reason: "fallback: zone San Jose HQ/B2/3 member +14085550123 is not among the person's available ECBN numbers",
      },
      {
        name: "falls back when the member number's state is one this code does not know",
        workplace: B1_F1,
        candidates: [member11({ state: 'PENDING' })],
        wanted: LOCATION_ECBN,
        reason: `fallback: zone San Jose HQ/B1/1 member ${PLACE_11} is inactive`,
      },
      {
        name: "falls back when the member's number has no owner to call back",
        workplace: B2_F3,
        candidates: [member23({ owner: undefined })],
        wanted: LOCATION_ECBN,
        reason: 'fallback: zone San Jose HQ/B2/3 member +14085550123 has no owner to call back',
      },
      {
        name: "falls back to the direct line when an everyone zone's member is inactive",
        person: WITH_DID,
        workplace: B3_F1,
        candidates: [member30({ state: 'INACTIVE' })],
        wanted: DIRECT_LINE,
        reason: `fallback: zone San Jose HQ/B3/* member ${PLACE_30} is inactive`,
      },
      {
        name: 'falls back to the location ECBN when the direct line is INVALID',
        person: WITH_DID,
        current: { directLineQuality: 'INVALID' },
        wanted: LOCATION_ECBN,
        reason: 'fallback: direct line is INVALID',
      },
      {
        name: 'falls back to the direct line when the location ECBN the rules prefer is INVALID',
        person: WITH_DID,
        rules: RULES_PREFERRING_LOCATION_ECBN,
        current: { locationEcbnQuality: 'INVALID' },
        wanted: DIRECT_LINE,
        reason: 'fallback: location ECBN is INVALID',
      },
      {
        name: 'walks past an inactive everyone-zone member and an INVALID direct line to the location ECBN',
        person: WITH_DID,
        workplace: B3_F1,
        candidates: [member30({ state: 'INACTIVE' })],
        current: { directLineQuality: 'INVALID' },
        wanted: LOCATION_ECBN,
        reason: `fallback: zone San Jose HQ/B3/* member ${PLACE_30} is inactive; direct line is INVALID`,
      },
      {
        name: 'chooses the location ECBN and flags attention when no option is valid',
        person: WITH_DID,
        current: { directLineQuality: 'INVALID', locationEcbnQuality: 'INVALID' },
        wanted: LOCATION_ECBN,
        reason:
          'fallback: no valid option (direct line is INVALID; location ECBN is INVALID); least bad: LOCATION_ECBN',
        attention: NO_VALID_ECBN_ATTENTION,
      },
      {
        name: 'never gives DIRECT_LINE to an extension-only person, even when it is the only valid-looking option',
        current: { directLineQuality: 'RECOMMENDED', locationEcbnQuality: 'INVALID' },
        wanted: LOCATION_ECBN,
        reason: 'fallback: no valid option (location ECBN is INVALID); least bad: LOCATION_ECBN',
        attention: NO_VALID_ECBN_ATTENTION,
      },
      {
        name: 'flags attention when the zone member is inactive and the location ECBN INVALID',
        workplace: B1_F1,
        candidates: [member11({ state: 'INACTIVE' })],
        current: { locationEcbnQuality: 'INVALID' },
        wanted: LOCATION_ECBN,
        reason: `fallback: no valid option (zone San Jose HQ/B1/1 member ${PLACE_11} is inactive; location ECBN is INVALID); least bad: LOCATION_ECBN`,
        attention: NO_VALID_ECBN_ATTENTION,
      },
      {
        name: 'treats a missing direct-line quality as not INVALID',
        person: WITH_DID,
        current: { directLineInfo: {} },
        wanted: DIRECT_LINE,
        reason: 'direct-line',
      },
      {
        name: 'treats a quality value Webex added later as not INVALID',
        person: WITH_DID,
        current: { directLineQuality: 'QUESTIONABLE' },
        wanted: DIRECT_LINE,
        reason: 'direct-line',
      },
      {
        name: 'keeps a NOT_RECOMMENDED direct line (usable, only not preferred)',
        person: WITH_DID,
        current: { directLineQuality: 'NOT_RECOMMENDED' },
        wanted: DIRECT_LINE,
        reason: 'direct-line',
      },
      {
        name: 'keeps the location ECBN when the GET says nothing about it',
        current: { locationECBNInfo: undefined },
        wanted: LOCATION_ECBN,
        reason: 'location-default',
      },
    ]),
  )('%s', (_name, row) => {
    // Act
    const decision = decide(row);
    // Assess
    expect(decision.wanted).toEqual(row.wanted);
    expect(decision.reason).toBe(row.reason);
    expect(decision.attention).toBe(row.attention);
  });
});

describe('decideEcbn: what to put if Webex refuses the member (400)', () => {
  it.each(
    named<Case & { fallbackAttention?: string }>([
      {
        name: 'offers the location ECBN to an extension-only person',
        workplace: B1_F1,
        candidates: [member11()],
        wanted: LOCATION_ECBN,
        reason: `fallback: Webex refused zone San Jose HQ/B1/1 member ${PLACE_11}`,
      },
      {
        name: 'offers the direct line to a person who has one (everyone zone)',
        person: WITH_DID,
        workplace: B3_F1,
        candidates: [member30()],
        wanted: DIRECT_LINE,
        reason: `fallback: Webex refused zone San Jose HQ/B3/* member ${PLACE_30}`,
      },
      {
        name: 'skips an INVALID direct line',
        person: WITH_DID,
        workplace: B3_F1,
        candidates: [member30()],
        current: { directLineQuality: 'INVALID' },
        wanted: LOCATION_ECBN,
        reason: `fallback: Webex refused zone San Jose HQ/B3/* member ${PLACE_30}; direct line is INVALID`,
      },
      {
        name: 'flags attention when nothing else is valid',
        workplace: B1_F1,
        candidates: [member11()],
        current: { locationEcbnQuality: 'INVALID' },
        wanted: LOCATION_ECBN,
        reason: `fallback: no valid option (Webex refused zone San Jose HQ/B1/1 member ${PLACE_11}; location ECBN is INVALID); least bad: LOCATION_ECBN`,
        fallbackAttention: NO_VALID_ECBN_ATTENTION,
      },
    ]),
  )('%s', (_name, row) => {
    // Act
    const decision = decide(row);
    // Assess
    expect(decision.wanted.selected).toBe('LOCATION_MEMBER_NUMBER');
    expect(decision.attention).toBeUndefined();
    expect(decision.fallback).toEqual({
      setting: row.wanted,
      reason: row.reason,
      ...(row.fallbackAttention === undefined ? {} : { attention: row.fallbackAttention }),
    });
  });

  it('offers no fallback when the wanted setting is not a member number', () => {
    // Act
    const decision = decide({ person: WITH_DID });
    // Assess
    expect(decision.fallback).toBeUndefined();
  });
});

describe('decideEcbn: changed and previous', () => {
  const zoned = { workplace: B1_F1, candidates: [member11()] };

  it.each<[string, Omit<Case, 'name' | 'wanted' | 'reason'>, boolean]>([
    ['counts a current NONE as different', { ...zoned, current: { selected: 'NONE' } }, true],
    ['counts a missing current selection as different', { ...zoned, current: { selected: undefined } }, true],
    ['counts a selection Webex added later as different', { ...zoned, current: { selected: 'LOCATION_NUMBER' } }, true],
    [
      'counts the same member as unchanged',
      { ...zoned, current: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(11) } },
      false,
    ],
    [
      'counts the same member in another id encoding as unchanged',
      {
        ...zoned,
        current: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: otherEncodingOf(testIds.place(11)) },
      },
      false,
    ],
    [
      'counts another member as different',
      { ...zoned, current: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(12) } },
      true,
    ],
    [
      'counts a member number without member info as different',
      { ...zoned, current: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberInfo: undefined } },
      true,
    ],
    ['counts the same direct line as unchanged', { person: WITH_DID, current: { selected: 'DIRECT_LINE' } }, false],
    [
      'counts the location ECBN as different from the direct line',
      { person: WITH_DID, current: { selected: 'LOCATION_ECBN' } },
      true,
    ],
    ['counts the same location ECBN as unchanged', { current: { selected: 'LOCATION_ECBN' } }, false],
  ])('%s', (_name, row, changed) => {
    // Act
    const decision = decide(row);
    // Assess
    expect(decision.changed).toBe(changed);
  });

  it.each<[string, PersonEcbnOverrides, { selected?: string; locationMemberId?: string }]>([
    [
      'maps a member number with its member id (the GET has no locationMemberId)',
      { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(12) },
      { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(12) },
    ],
    ['leaves out the member info of another selection', { selected: 'DIRECT_LINE' }, { selected: 'DIRECT_LINE' }],
    ['keeps NONE as it was read', { selected: 'NONE' }, { selected: 'NONE' }],
    ['is empty when the GET had no selection', { selected: undefined }, {}],
  ])('reports the previous setting: %s', (_name, current, previous) => {
    // Act
    const decision = decide({ current });
    // Assess
    expect(decision.previous).toEqual(previous);
  });

  it('reports the zone that applied, also when its member could not be used', () => {
    // Act
    const decision = decide({ workplace: B1_F1, candidates: [member11({ state: 'INACTIVE' })] });
    // Assess
    expect(decision.zone).toMatchObject({ locationId: HQ, building: 'B1', floor: '1' });
  });
});

describe('decideEcbn: safety invariants over every combination', () => {
  const qualities = ['RECOMMENDED', 'NOT_RECOMMENDED', 'INVALID', undefined] as const;
  const combinations = [true, false].flatMap((hasDirectLine) =>
    [RULES, RULES_PREFERRING_LOCATION_ECBN].flatMap((rules) =>
      [undefined, B1_F1, B3_F1].flatMap((workplace) =>
        ['ACTIVE', 'INACTIVE', 'absent'].flatMap((memberState) =>
          qualities.flatMap((directLineQuality) =>
            qualities.map((locationEcbnQuality) => ({
              hasDirectLine,
              rules,
              workplace,
              memberState,
              directLineQuality,
              locationEcbnQuality,
            })),
          ),
        ),
      ),
    ),
  );

  function decideCombination(combination: (typeof combinations)[number]) {
    const candidates =
      combination.memberState === 'absent'
        ? []
        : [member11({ state: combination.memberState }), member30({ state: combination.memberState })];
    return decideEcbn({
      person: personFactsFactory({ locationId: HQ, hasDirectLine: combination.hasDirectLine }),
      ...(combination.workplace === undefined ? {} : { workplace: combination.workplace }),
      rules: combination.rules,
      current: personEcbnFactory({
        directLineInfo: { quality: combination.directLineQuality },
        locationECBNInfo: { quality: combination.locationEcbnQuality },
      }),
      zoneCandidates: candidates,
    });
  }

  it('never gives DIRECT_LINE to a person without a direct line', () => {
    // Act
    const violations = combinations
      .filter((combination) => !combination.hasDirectLine)
      .filter((combination) => {
        const decision = decideCombination(combination);
        return decision.wanted.selected === 'DIRECT_LINE' || decision.fallback?.setting.selected === 'DIRECT_LINE';
      });
    // Assess
    expect(combinations).toHaveLength(2 * 2 * 3 * 3 * 4 * 4);
    expect(violations).toEqual([]);
  });

  it('never chooses an INVALID option while a valid one exists, and flags attention exactly when none does', () => {
    // Act
    const violations = combinations.filter((combination) => {
      const decision = decideCombination(combination);
      const zoneApplies =
        combination.workplace === B3_F1 || (combination.workplace === B1_F1 && !combination.hasDirectLine);
      const memberValid = zoneApplies && combination.memberState === 'ACTIVE';
      const directLineValid = combination.hasDirectLine && combination.directLineQuality !== 'INVALID';
      const locationEcbnValid = combination.locationEcbnQuality !== 'INVALID';
      const anyValid = memberValid || directLineValid || locationEcbnValid;
      const chosenValid =
        decision.wanted.selected === 'LOCATION_MEMBER_NUMBER'
          ? memberValid
          : decision.wanted.selected === 'DIRECT_LINE'
            ? directLineValid
            : locationEcbnValid;
      return anyValid
        ? !chosenValid || decision.attention !== undefined
        : decision.attention !== NO_VALID_ECBN_ATTENTION;
    });
    // Assess
    expect(violations).toEqual([]);
  });

  it('always produces a PUT body Webex accepts, with a fallback exactly for member numbers', () => {
    // Act
    const violations = combinations.filter((combination) => {
      const decision = decideCombination(combination);
      const isMember = decision.wanted.selected === 'LOCATION_MEMBER_NUMBER';
      return (
        !ecbnSettingSchema.safeParse(decision.wanted).success ||
        isMember !== (decision.fallback !== undefined) ||
        (decision.fallback !== undefined && decision.fallback.setting.selected === 'LOCATION_MEMBER_NUMBER')
      );
    });
    // Assess
    expect(violations).toEqual([]);
  });
});
