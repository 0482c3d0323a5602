import { describe, expect, it } from 'vitest';
import { OrgBuilder } from '../../helpers/simulator-org.js';

function orgWithMembers() {
  const b = new OrgBuilder();
  const hq = b.location({ mainNumber: '+15550000100' });
  const branch = b.location();
  const lobby = b.workspace({ locationId: hq, displayName: 'Lobby Phone', phoneNumber: '+15550000130' });
  const huntGroup = b.huntGroup({ locationId: hq, name: 'Front Desk', phoneNumber: '+15550000120' });
  const virtualLine = b.virtualLine({
    locationId: hq,
    firstName: 'Security',
    lastName: 'Desk',
    phoneNumber: '+15550000140',
  });
  const colleague = b.person({ locationId: hq, firstName: 'Carol', lastName: 'Smith', directNumber: '+15550000110' });
  const extensionOnly = b.person({ locationId: hq });
  b.workspace({ locationId: branch, phoneNumber: '+15550000199' });
  const person = b.person({ locationId: hq, directNumber: '+15550000150' });
  b.numberState('+15550000130', 'INACTIVE');
  return { state: b.state(), person, lobby, huntGroup, virtualLine, colleague, extensionOnly };
}

describe('person ECBN available numbers', () => {
  it('lists every numbered member of the location except the person, by number, each with its owner', () => {
    // Prepare
    const { state, person, lobby, huntGroup, virtualLine, colleague } = orgWithMembers();

    // Act
    const numbers = state.availableNumbersForPerson(person) ?? [];

    // Assess
    expect(numbers.map((n) => [n.phoneNumber, n.owner?.id, n.owner?.type, n.state, n.isMainNumber])).toEqual([
      ['+15550000110', colleague, 'PEOPLE', 'ACTIVE', false],
      ['+15550000120', huntGroup, 'HUNT_GROUP', 'ACTIVE', false],
      ['+15550000130', lobby, 'PLACE', 'INACTIVE', false],
      ['+15550000140', virtualLine, 'VIRTUAL_LINE', 'ACTIVE', false],
    ]);
  });

  it.each([
    {
      type: 'PEOPLE',
      number: '+15550000110',
      owner: { firstName: 'Carol', lastName: 'Smith', displayName: 'Carol Smith' },
    },
    {
      type: 'VIRTUAL_LINE',
      number: '+15550000140',
      owner: { firstName: 'Security', lastName: 'Desk', displayName: 'Security Desk' },
    },
    { type: 'PLACE', number: '+15550000130', owner: { displayName: 'Lobby Phone' } },
    { type: 'HUNT_GROUP', number: '+15550000120', owner: { displayName: 'Front Desk' } },
  ])('names a $type owner as documented (first/last name only for people and virtual lines)', ({ number, owner }) => {
    // Prepare
    const { state, person } = orgWithMembers();

    // Act
    const entry = state.availableNumbersForPerson(person)?.find((n) => n.phoneNumber === number);

    // Assess
    const { id: _id, type: _type, ...names } = entry?.owner ?? { id: '', type: '' };
    expect(names).toEqual(owner);
  });

  it('writes owner ids with the encoder it is given', () => {
    // Prepare
    const { state, person } = orgWithMembers();

    // Act
    const numbers = state.availableNumbersForPerson(person, { encodeOwnerId: (id) => `re:${id}` }) ?? [];

    // Assess
    expect(numbers.filter((n) => n.owner).every((n) => n.owner?.id.startsWith('re:'))).toBe(true);
  });

  it('has no list for a person without a calling location', () => {
    // Prepare
    const b = new OrgBuilder();
    b.location();
    const newHire = b.person();

    // Act / Assess
    expect(b.state().availableNumbersForPerson(newHire)).toBeUndefined();
  });
});

describe('the location main number among the available numbers', () => {
  it('is not offered: it has no owner, and only an owner id can be put as locationMemberId', () => {
    // Prepare
    const { state, person } = orgWithMembers();

    // Act
    const numbers = state.availableNumbersForPerson(person) ?? [];

    // Assess
    expect(numbers.map((n) => n.phoneNumber)).not.toContain('+15550000100');
    expect(numbers.every((n) => n.owner.id.length > 0)).toBe(true);
  });
});

describe('available numbers filters (phoneNumber, ownerName)', () => {
  it.each([
    { filter: {}, expected: ['+15550000110', '+15550000120', '+15550000130', '+15550000140'] },
    { filter: { phoneNumbers: ['+15550000130'] }, expected: ['+15550000130'] },
    { filter: { phoneNumbers: ['15550000130', '+15550000110'] }, expected: ['+15550000110', '+15550000130'] },
    { filter: { phoneNumbers: ['+15550000100'] }, expected: [] },
    { filter: { phoneNumbers: ['+19999999999'] }, expected: [] },
    { filter: { ownerName: 'lobby' }, expected: ['+15550000130'] },
    { filter: { ownerName: 'carol smith' }, expected: ['+15550000110'] },
    { filter: { ownerName: 'DESK' }, expected: ['+15550000120', '+15550000140'] },
    { filter: { ownerName: 'nobody' }, expected: [] },
    { filter: { phoneNumbers: ['+15550000110'], ownerName: 'lobby' }, expected: [] },
  ])('keeps $expected for $filter', ({ filter, expected }) => {
    // Prepare
    const { state, person } = orgWithMembers();

    // Act
    const kept = state.availableNumbersForPerson(person, { filter }) ?? [];

    // Assess
    expect(kept.map((n) => n.phoneNumber)).toEqual(expected);
  });
});
