import { describe, expect, it } from 'vitest';
import { decodeWebexId, encodeWebexId } from '../../../lambda/webex/ids.js';
import { numberQuality, type NumberOwnerKind } from '../../../local/webex-simulator/ecbn-semantics.js';
import type { EcbnQuality, NumberState } from '../../../local/webex-simulator/records.js';
import { OrgBuilder } from '../../helpers/simulator-org.js';

/** The same entity, encoded with the other cluster spelling the spec examples show. */
function reencoded(id: string): string {
  const decoded = decodeWebexId(id);
  if (!decoded) throw new Error('not a Webex id');
  return encodeWebexId(decoded.type, decoded.uuid, 'urn:TEAM:us-east-1_int13');
}

describe('numberQuality', () => {
  it.each<[NumberState | undefined, NumberOwnerKind | undefined, EcbnQuality]>([
    ['ACTIVE', 'PEOPLE', 'RECOMMENDED'],
    ['ACTIVE', 'PLACE', 'RECOMMENDED'],
    ['ACTIVE', 'LOCATION', 'RECOMMENDED'],
    ['ACTIVE', 'HUNT_GROUP', 'NOT_RECOMMENDED'],
    ['ACTIVE', 'VIRTUAL_LINE', 'NOT_RECOMMENDED'],
    ['INACTIVE', 'PEOPLE', 'INVALID'],
    ['INACTIVE', 'PLACE', 'INVALID'],
    ['INACTIVE', 'HUNT_GROUP', 'INVALID'],
    [undefined, 'PEOPLE', 'INVALID'],
    ['ACTIVE', undefined, 'INVALID'],
  ])('rates a %s number of a %s as %s', (state, owner, expected) => {
    // Act / Assess
    expect(numberQuality(state, owner)).toBe(expected);
  });
});

describe('person ECBN view (GET …/emergencyCallbackNumber)', () => {
  it('shows the direct line as DIRECT_LINE with its number when the person has one', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location({ name: 'HQ', mainNumber: '+15550000100' });
    const alice = b.person({ locationId: hq, directNumber: '+15550000201', ecbn: { selected: 'DIRECT_LINE' } });
    const state = b.state();

    // Act
    const view = state.getPersonEcbnView(alice);

    // Assess
    expect(view).toEqual({
      selected: 'DIRECT_LINE',
      directLineInfo: {
        phoneNumber: '+15550000201',
        firstName: 'Person',
        lastName: expect.any(String),
        effectiveLevel: 'DIRECT_LINE',
        effectiveValue: '+15550000201',
        quality: 'RECOMMENDED',
      },
      locationECBNInfo: {
        phoneNumber: '+15550000100',
        firstName: 'HQ',
        effectiveLevel: 'LOCATION_NUMBER',
        effectiveValue: '+15550000100',
        quality: 'RECOMMENDED',
      },
      defaultInfo: { effectiveValue: '+15550000201', quality: 'RECOMMENDED' },
      elinEnabled: false,
      elinForWebexAppEnabled: false,
    });
  });

  it('answers selected NONE and no locationMemberInfo for a person never configured', () => {
    // Prepare
    const b = new OrgBuilder();
    const bob = b.person({ locationId: b.location() });
    const state = b.state();

    // Act
    const view = state.getPersonEcbnView(bob);

    // Assess
    expect(view?.selected).toBe('NONE');
    expect(view).not.toHaveProperty('locationMemberInfo');
  });

  it.each([
    {
      scenario: 'the location uses its main number',
      locationEcbn: 'main' as const,
      expected: { effectiveLevel: 'LOCATION_NUMBER', value: 'main', quality: 'RECOMMENDED' },
    },
    {
      scenario: 'the location uses a workspace phone',
      locationEcbn: 'workspace' as const,
      expected: { effectiveLevel: 'LOCATION_ECBN', value: 'member', quality: 'RECOMMENDED' },
    },
    {
      scenario: 'the location uses a hunt group',
      locationEcbn: 'huntGroup' as const,
      expected: { effectiveLevel: 'LOCATION_ECBN', value: 'member', quality: 'NOT_RECOMMENDED' },
    },
  ])('falls back to the location ECBN without a direct line when $scenario', ({ locationEcbn, expected }) => {
    // Prepare
    const b = new OrgBuilder();
    const mainNumber = '+15550000100';
    const memberNumber = '+15550000150';
    const locationId = encodeWebexId('LOCATION', '00000000-0000-4000-8000-00000000aaaa');
    const member =
      locationEcbn === 'workspace'
        ? b.workspace({ locationId, phoneNumber: memberNumber })
        : b.huntGroup({ locationId, phoneNumber: memberNumber });
    b.location({
      id: locationId,
      mainNumber,
      ecbn:
        locationEcbn === 'main'
          ? { selected: 'LOCATION_NUMBER' }
          : { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: member },
    });
    const person = b.person({ locationId });
    const state = b.state();
    const value = expected.value === 'main' ? mainNumber : memberNumber;

    // Act
    const view = state.getPersonEcbnView(person);

    // Assess
    expect(view?.directLineInfo).not.toHaveProperty('phoneNumber');
    expect(view?.directLineInfo).toMatchObject({
      effectiveLevel: expected.effectiveLevel,
      effectiveValue: value,
      quality: expected.quality,
    });
    expect(view?.locationECBNInfo).toMatchObject({
      phoneNumber: value,
      effectiveLevel: expected.effectiveLevel,
      effectiveValue: value,
      quality: expected.quality,
    });
    expect(view?.defaultInfo).toEqual({ effectiveValue: value, quality: expected.quality });
  });

  it('names a workspace location member the way the spec example does (first name = its name, last name ".")', () => {
    // Prepare
    const b = new OrgBuilder();
    const locationId = encodeWebexId('LOCATION', '00000000-0000-4000-8000-00000000aaab');
    const lobby = b.workspace({ locationId, displayName: 'Lobby Phone' });
    b.location({ id: locationId, ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobby } });
    const person = b.person({ locationId });

    // Act
    const info = b.state().getPersonEcbnView(person)?.locationECBNInfo;

    // Assess
    expect(info).toMatchObject({ firstName: 'Lobby Phone', lastName: '.' });
  });

  it('keeps DIRECT_LINE but rates it INVALID when the direct number is inactive', () => {
    // Prepare
    const b = new OrgBuilder();
    const person = b.person({
      locationId: b.location(),
      directNumber: '+15550000201',
      ecbn: { selected: 'DIRECT_LINE' },
    });
    b.numberState('+15550000201', 'INACTIVE');

    // Act
    const view = b.state().getPersonEcbnView(person);

    // Assess
    expect(view?.directLineInfo).toMatchObject({
      effectiveLevel: 'DIRECT_LINE',
      effectiveValue: '+15550000201',
      quality: 'INVALID',
    });
    expect(view?.defaultInfo.quality).toBe('INVALID');
  });

  it('rates the location number INVALID when the main number is inactive', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location({ mainNumber: '+15550000100' });
    b.numberState('+15550000100', 'INACTIVE');
    const person = b.person({ locationId: hq });

    // Act
    const view = b.state().getPersonEcbnView(person);

    // Assess
    expect(view?.locationECBNInfo).toMatchObject({ effectiveLevel: 'LOCATION_NUMBER', quality: 'INVALID' });
  });

  it.each([
    { kind: 'workspace', memberType: 'PLACE', state: 'ACTIVE', quality: 'RECOMMENDED' },
    { kind: 'workspace', memberType: 'PLACE', state: 'INACTIVE', quality: 'INVALID' },
    { kind: 'person', memberType: 'PEOPLE', state: 'ACTIVE', quality: 'RECOMMENDED' },
    { kind: 'huntGroup', memberType: 'HUNT_GROUP', state: 'ACTIVE', quality: 'NOT_RECOMMENDED' },
    { kind: 'virtualLine', memberType: 'VIRTUAL_LINE', state: 'ACTIVE', quality: 'NOT_RECOMMENDED' },
  ] as const)(
    'shows a $state $kind location member as LOCATION_MEMBER_NUMBER rated $quality',
    ({ kind, memberType, state: numberState, quality }) => {
      // Prepare
      const b = new OrgBuilder();
      const hq = b.location();
      const memberNumber = '+15550000777';
      const member =
        kind === 'workspace'
          ? b.workspace({ locationId: hq, phoneNumber: memberNumber })
          : kind === 'person'
            ? b.person({ locationId: hq, directNumber: memberNumber })
            : kind === 'huntGroup'
              ? b.huntGroup({ locationId: hq, phoneNumber: memberNumber })
              : b.virtualLine({ locationId: hq, phoneNumber: memberNumber });
      b.numberState(memberNumber, numberState);
      const person = b.person({
        locationId: hq,
        ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: member },
      });

      // Act
      const view = b.state().getPersonEcbnView(person);

      // Assess
      expect(view?.selected).toBe('LOCATION_MEMBER_NUMBER');
      expect(view?.locationMemberInfo).toMatchObject({
        phoneNumber: memberNumber,
        memberId: member,
        memberType,
        effectiveLevel: 'LOCATION_MEMBER_NUMBER',
        effectiveValue: memberNumber,
        quality,
      });
    },
  );

  it('returns the member id as it was set, even when it is encoded differently from the fixture', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const lobby = b.workspace({ locationId: hq });
    const person = b.person({ locationId: hq });
    const state = b.state();
    state.setPersonEcbn(person, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: reencoded(lobby) });

    // Act
    const info = state.getPersonEcbnView(person)?.locationMemberInfo;

    // Assess
    expect(info?.memberId).toBe(reencoded(lobby));
    expect(info?.memberType).toBe('PLACE');
  });

  it('falls back to the location ECBN when the location member lost its number', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location({ mainNumber: '+15550000100' });
    const colleague = b.person({ locationId: hq, directNumber: '+15550000300' });
    const person = b.person({
      locationId: hq,
      ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: colleague },
    });
    const state = b.state();
    state.updatePerson(colleague, { directNumber: null });

    // Act
    const info = state.getPersonEcbnView(person)?.locationMemberInfo;

    // Assess
    expect(info).toEqual({
      memberId: colleague,
      memberType: 'PEOPLE',
      effectiveLevel: 'LOCATION_NUMBER',
      effectiveValue: '+15550000100',
      quality: 'RECOMMENDED',
    });
  });

  it('has no ECBN view for a person without a calling location', () => {
    // Prepare
    const b = new OrgBuilder();
    b.location();
    const newHire = b.person();

    // Act / Assess
    expect(b.state().getPersonEcbnView(newHire)).toBeUndefined();
  });
});

describe('person ECBN dependencies', () => {
  it('counts the people on LOCATION_MEMBER_NUMBER with the person, whatever the id encoding', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const target = b.person({ locationId: hq, directNumber: b.number() });
    const first = b.person({ locationId: hq });
    const second = b.person({ locationId: hq });
    const state = b.state();

    // Act
    state.setPersonEcbn(first, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: target });
    state.setPersonEcbn(second, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: reencoded(target) });

    // Assess
    expect(state.getPersonEcbnDependencies(target)?.dependentMemberCount).toBe(2);
    expect(state.dependentCount(reencoded(target))).toBe(2);
  });

  it('gives the count back when a dependent person moves to another option', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const target = b.person({ locationId: hq, directNumber: b.number() });
    const dependent = b.person({
      locationId: hq,
      ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: target },
    });
    const state = b.state();
    const before = state.dependentCount(target);

    // Act
    state.setPersonEcbn(dependent, { selected: 'LOCATION_ECBN' });

    // Assess
    expect(before).toBe(1);
    expect(state.dependentCount(target)).toBe(0);
  });

  it.each([
    {
      scenario: 'is the location ECBN member',
      isLocationMember: true,
      selected: 'NONE',
      expected: { isLocationEcbnDefault: true, isSelfEcbnDefault: false },
    },
    {
      scenario: 'is on their own direct line',
      isLocationMember: false,
      selected: 'DIRECT_LINE',
      expected: { isLocationEcbnDefault: false, isSelfEcbnDefault: true },
    },
    {
      scenario: 'is on the location ECBN',
      isLocationMember: false,
      selected: 'LOCATION_ECBN',
      expected: { isLocationEcbnDefault: false, isSelfEcbnDefault: false },
    },
  ] as const)('flags a person who $scenario', ({ isLocationMember, selected, expected }) => {
    // Prepare
    const b = new OrgBuilder();
    const locationId = encodeWebexId('LOCATION', '00000000-0000-4000-8000-00000000aaac');
    const person = b.person({ locationId, directNumber: b.number(), ecbn: { selected } });
    b.location({
      id: locationId,
      ecbn: isLocationMember
        ? { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: person }
        : { selected: 'LOCATION_NUMBER' },
    });

    // Act
    const dependencies = b.state().getPersonEcbnDependencies(person);

    // Assess
    expect(dependencies).toEqual({ ...expected, dependentMemberCount: 0 });
  });
});

describe('location ECBN view (GET …/features/emergencyCallbackNumber)', () => {
  it('shows the main number and an empty member option when the location uses its main number', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location({ name: 'HQ', mainNumber: '+15550000100' });

    // Act
    const view = b.state().getLocationEcbnView(hq);

    // Assess
    expect(view).toEqual({
      locationInfo: {
        phoneNumber: '+15550000100',
        name: 'HQ',
        effectiveLevel: 'LOCATION_NUMBER',
        effectiveValue: '+15550000100',
        quality: 'RECOMMENDED',
      },
      locationMemberInfo: { effectiveLevel: 'NONE', effectiveValue: '', quality: 'INVALID' },
      selected: 'LOCATION_NUMBER',
      elinExpiryTimeMinutes: 60,
    });
  });

  it.each([
    { kind: 'workspace', state: 'ACTIVE', quality: 'RECOMMENDED' },
    { kind: 'workspace', state: 'INACTIVE', quality: 'INVALID' },
    { kind: 'huntGroup', state: 'ACTIVE', quality: 'NOT_RECOMMENDED' },
  ] as const)('shows a $state $kind member rated $quality', ({ kind, state: numberState, quality }) => {
    // Prepare
    const b = new OrgBuilder();
    const locationId = encodeWebexId('LOCATION', '00000000-0000-4000-8000-00000000aaad');
    const memberNumber = '+15550000188';
    const member =
      kind === 'workspace'
        ? b.workspace({ locationId, phoneNumber: memberNumber })
        : b.huntGroup({ locationId, phoneNumber: memberNumber });
    b.location({ id: locationId, ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: member } });
    b.numberState(memberNumber, numberState);

    // Act
    const view = b.state().getLocationEcbnView(locationId);

    // Assess
    expect(view?.selected).toBe('LOCATION_MEMBER_NUMBER');
    expect(view?.locationMemberInfo).toMatchObject({
      phoneNumber: memberNumber,
      memberId: member,
      effectiveLevel: 'LOCATION_MEMBER_NUMBER',
      effectiveValue: memberNumber,
      quality,
    });
  });

  it('has no view for an unknown location', () => {
    // Prepare
    const b = new OrgBuilder();
    b.location();

    // Act / Assess
    expect(
      b.state().getLocationEcbnView(encodeWebexId('LOCATION', '00000000-0000-4000-8000-0000000fffff')),
    ).toBeUndefined();
  });
});
