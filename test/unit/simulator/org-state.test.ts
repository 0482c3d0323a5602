import { describe, expect, it } from 'vitest';
import { decodeWebexId, encodeWebexId } from '../../../lambda/webex/ids.js';
import { OrgBuilder } from '../../helpers/simulator-org.js';

const otherEncoding = (id: string) => {
  const d = decodeWebexId(id);
  if (!d) throw new Error('not an id');
  return encodeWebexId(d.type, d.uuid, 'urn:TEAM:us-east-1_int13');
};

describe('OrgState', () => {
  it('finds people by a differently encoded id and by email in any case', () => {
    // Prepare
    const b = new OrgBuilder();
    const alice = b.person({ locationId: b.location(), emails: ['Alice@Example.com'] });
    const state = b.state();

    // Act / Assess
    expect(state.person(otherEncoding(alice))?.id).toBe(alice);
    expect(state.personByEmail('alice@example.COM')?.id).toBe(alice);
    expect(state.personByEmail('bob@example.com')).toBeUndefined();
  });

  it('applies a valid PUT and reflects it in the setting, the GET and the member dependency count', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const lobby = b.workspace({ locationId: hq });
    const bob = b.person({ locationId: hq });
    const state = b.state();

    // Act
    const result = state.applyPersonEcbnPut(
      bob,
      JSON.stringify({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobby }),
    );

    // Assess
    expect(result?.ok).toBe(true);
    expect(state.personEcbnSetting(bob)).toEqual({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobby });
    expect(state.getPersonEcbnView(bob)?.locationMemberInfo?.memberId).toBe(lobby);
    expect(state.dependentCount(lobby)).toBe(1);
  });

  it('leaves the state alone when a PUT is invalid', () => {
    // Prepare
    const b = new OrgBuilder();
    const bob = b.person({ locationId: b.location(), ecbn: { selected: 'LOCATION_ECBN' } });
    const state = b.state();

    // Act
    const result = state.applyPersonEcbnPut(bob, '{"selected":"LOCATION_MEMBER_NUMBER"}');

    // Assess
    expect(result?.ok).toBe(false);
    expect(state.personEcbnSetting(bob)).toEqual({ selected: 'LOCATION_ECBN' });
  });

  it('has no PUT target for a person without a calling location', () => {
    // Prepare
    const b = new OrgBuilder();
    b.location();
    const newHire = b.person();

    // Act / Assess
    expect(b.state().applyPersonEcbnPut(newHire, '{"selected":"LOCATION_ECBN"}')).toBeUndefined();
  });

  it('makes a new hire calling-ready later with updatePerson', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const newHire = b.person();
    const state = b.state();
    const before = state.getPersonEcbnView(newHire);

    // Act
    state.updatePerson(newHire, { locationId: hq, extension: '2206' });

    // Assess
    expect(before).toBeUndefined();
    expect(state.getPersonEcbnView(newHire)?.selected).toBe('NONE');
    expect(state.membersOf(hq).map((m) => m.id)).toContain(newHire);
  });

  it('resets the ECBN of a person who moves to another location', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const branch = b.location();
    const lobby = b.workspace({ locationId: hq });
    const person = b.person({ locationId: hq, ecbn: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobby } });
    const state = b.state();

    // Act
    state.updatePerson(otherEncoding(person), { locationId: otherEncoding(branch) });

    // Assess
    expect(state.personEcbnSetting(person)).toEqual({ selected: 'NONE' });
    expect(state.dependentCount(lobby)).toBe(0);
  });

  it('gives a person a direct line that then shows up in their colleagues’ available numbers', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const person = b.person({ locationId: hq });
    const colleague = b.person({ locationId: hq });
    const state = b.state();

    // Act
    state.updatePerson(person, { directNumber: '+15557770000' });

    // Assess
    expect(state.availableNumbersForPerson(colleague)?.map((n) => n.phoneNumber)).toContain('+15557770000');
    expect(state.numberState('+15557770000')).toBe('ACTIVE');
  });

  it.each([
    { case: 'a number owned by someone else', patch: { directNumber: 'taken' }, message: /already assigned/ },
    {
      case: 'an unknown location',
      patch: { locationId: encodeWebexId('LOCATION', '00000000-0000-4000-8000-0000000fffff') },
      message: /Unknown location/,
    },
    { case: 'a number without a location', patch: { locationId: null }, message: /without a calling location/ },
  ])('refuses to update a person with $case', ({ patch, message }) => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const taken = b.workspace({ locationId: hq, phoneNumber: '+15558880000' });
    const person = b.person({ locationId: hq, directNumber: '+15558880001' });
    const state = b.state();

    // Act / Assess
    expect(taken).toBeTruthy();
    expect(() =>
      state.updatePerson(person, patch.directNumber === 'taken' ? { directNumber: '+15558880000' } : patch),
    ).toThrow(message);
  });

  it('adds a person who appears later, with the fixture rules', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const state = b.state();
    const id = encodeWebexId('PEOPLE', '00000000-0000-4000-8000-00000000abcd');

    // Act
    state.addPerson({
      id,
      emails: ['late@example.com'],
      firstName: 'Late',
      lastName: 'Comer',
      locationId: hq,
      extension: '2999',
    });

    // Assess
    expect(state.personByEmail('late@example.com')?.id).toBe(id);
    expect(state.getPersonEcbnView(id)?.selected).toBe('NONE');
    expect(() => state.addPerson({ id, emails: ['other@example.com'], firstName: 'A', lastName: 'B' })).toThrow(
      /already exists/,
    );
    expect(() =>
      state.addPerson({
        id: encodeWebexId('PEOPLE', '00000000-0000-4000-8000-00000000abce'),
        emails: ['LATE@example.com'],
        firstName: 'A',
        lastName: 'B',
      }),
    ).toThrow(/already exists/);
  });

  it('activates and deactivates assigned numbers only', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    b.workspace({ locationId: hq, phoneNumber: '+15550001000' });
    const state = b.state();

    // Act
    state.setNumberState('+15550001000', 'INACTIVE');

    // Assess
    expect(state.numberState('+15550001000')).toBe('INACTIVE');
    expect(state.numberState('+15550002000')).toBeUndefined();
    expect(() => state.setNumberState('+15550002000', 'ACTIVE')).toThrow(/not assigned/);
  });

  it('changes a location ECBN for test set-up', () => {
    // Prepare
    const b = new OrgBuilder();
    const hq = b.location();
    const lobby = b.workspace({ locationId: hq });
    const state = b.state();

    // Act
    state.setLocationEcbn(hq, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobby });

    // Assess
    expect(state.getLocationEcbnView(hq)?.selected).toBe('LOCATION_MEMBER_NUMBER');
  });
});
