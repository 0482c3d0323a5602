import { describe, expect, it } from 'vitest';
import { decodeWebexId, encodeWebexId, sameWebexId } from '../../../lambda/webex/ids.js';
import { validatePersonEcbnUpdate } from '../../../local/webex-simulator/ecbn-update.js';
import { OrgBuilder } from '../../helpers/simulator-org.js';

/** A person in a location with an active workspace, an inactive workspace, a hunt group, and a colleague elsewhere. */
function scenario(options: { directNumber?: boolean } = {}) {
  const b = new OrgBuilder();
  const hq = b.location();
  const branch = b.location();
  const lobby = b.workspace({ locationId: hq });
  const inactivePhone = b.workspace({ locationId: hq, phoneNumber: '+15550009999' });
  b.numberState('+15550009999', 'INACTIVE');
  const huntGroup = b.huntGroup({ locationId: hq });
  const extensionOnlyColleague = b.person({ locationId: hq });
  const branchPhone = b.workspace({ locationId: branch });
  const person = b.person({ locationId: hq, ...(options.directNumber ? { directNumber: b.number() } : {}) });
  const state = b.state();
  const record = state.person(person);
  const list = state.availableNumbersForPerson(person);
  if (!record || !list) throw new Error('scenario broken');
  // The lookup the state gives the validator, built here from the documented list itself.
  const numbers = (memberId: string) => list.find((n) => n.owner !== undefined && sameWebexId(n.owner.id, memberId));
  return { person, record, numbers, lobby, inactivePhone, huntGroup, extensionOnlyColleague, branchPhone };
}

const alternateEncoding = (id: string) => {
  const d = decodeWebexId(id);
  if (!d) throw new Error('not an id');
  return encodeWebexId(d.type, d.uuid, 'urn:TEAM:us-east-1_int13');
};

describe('validatePersonEcbnUpdate (PUT body)', () => {
  // The documentation gives no 400 for these: Webex accepts them (and the GET then says what they resolve to).
  it.each([
    { case: 'an empty body (nothing changes)', body: '', expected: { selected: 'NONE' } },
    {
      case: 'no selected (only the ELIN flags change)',
      body: '{"elinEnabled":true}',
      expected: { selected: 'NONE' },
      elinEnabled: true,
    },
    {
      case: 'DIRECT_LINE for a person without a direct number',
      body: '{"selected":"DIRECT_LINE"}',
      expected: { selected: 'DIRECT_LINE' },
    },
  ])('accepts $case', ({ body, expected, elinEnabled }) => {
    // Prepare: an extension-only person never configured
    const { record, numbers } = scenario();

    // Act
    const result = validatePersonEcbnUpdate(body, record, numbers);

    // Assess
    expect(result).toEqual({
      ok: true,
      update: { setting: expected, ...(elinEnabled === undefined ? {} : { elinEnabled }) },
    });
  });

  it.each([
    { body: '{"selected":"LOCATION_ECBN"}', expected: { selected: 'LOCATION_ECBN' } },
    { body: '{"selected":"DIRECT_LINE"}', expected: { selected: 'DIRECT_LINE' } },
    { body: '{"selected":"LOCATION_ECBN","locationMemberId":"ignored"}', expected: { selected: 'LOCATION_ECBN' } },
  ])('accepts $body', ({ body, expected }) => {
    // Prepare
    const { record, numbers } = scenario({ directNumber: true });

    // Act
    const result = validatePersonEcbnUpdate(body, record, numbers);

    // Assess
    expect(result).toEqual({ ok: true, update: { setting: expected } });
  });

  it.each([
    { case: 'an active workspace of the location, in another id encoding', member: 'lobby', encode: alternateEncoding },
    // Webex lists inactive numbers and documents no 400 for them: the GET then rates the member INVALID.
    { case: 'a workspace whose number is INACTIVE', member: 'inactivePhone', encode: (id: string) => id },
  ] as const)('accepts $case as LOCATION_MEMBER_NUMBER, keeping the id as sent', ({ member, encode }) => {
    // Prepare
    const scenarioIds = scenario();
    const { record, numbers } = scenarioIds;
    const sent = encode(scenarioIds[member]);

    // Act
    const result = validatePersonEcbnUpdate(
      JSON.stringify({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: sent }),
      record,
      numbers,
    );

    // Assess
    expect(result).toEqual({
      ok: true,
      update: { setting: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: sent } },
    });
  });

  it('accepts a hunt group member (NOT_RECOMMENDED is a quality, not a rejection)', () => {
    // Prepare
    const { record, numbers, huntGroup } = scenario();

    // Act
    const result = validatePersonEcbnUpdate(
      JSON.stringify({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: huntGroup }),
      record,
      numbers,
    );

    // Assess
    expect(result.ok).toBe(true);
  });

  it('stores the ELIN flags when they are booleans', () => {
    // Prepare
    const { record, numbers } = scenario();

    // Act
    const result = validatePersonEcbnUpdate(
      '{"selected":"LOCATION_ECBN","elinEnabled":true,"elinForWebexAppEnabled":false}',
      record,
      numbers,
    );

    // Assess
    expect(result).toEqual({
      ok: true,
      update: { setting: { selected: 'LOCATION_ECBN' }, elinEnabled: true, elinForWebexAppEnabled: false },
    });
  });

  it.each([
    {
      case: 'a body that is not JSON',
      body: '{selected:',
      status: 400,
      description: 'The request could not be understood by the server due to malformed syntax.',
      code: undefined,
    },
    {
      case: 'a JSON array',
      body: '[]',
      status: 400,
      description: 'The request could not be understood by the server due to malformed syntax.',
      code: undefined,
    },
    {
      case: 'selected NONE (GET only)',
      body: '{"selected":"NONE"}',
      status: 400,
      description: '[Error 25009] Invalid field value: selected',
      code: 25009,
    },
    {
      case: 'an unknown selected',
      body: '{"selected":"LOCATION_NUMBER"}',
      status: 400,
      description: '[Error 25009] Invalid field value: selected',
      code: 25009,
    },
    {
      case: 'a non-string selected',
      body: '{"selected":1}',
      status: 400,
      description: '[Error 25009] Invalid field value: selected',
      code: 25009,
    },
    {
      case: 'LOCATION_MEMBER_NUMBER without locationMemberId',
      body: '{"selected":"LOCATION_MEMBER_NUMBER"}',
      status: 400,
      description: '[Error 25008] Missing Mandatory field name: locationMemberId',
      code: 25008,
    },
    {
      case: 'LOCATION_MEMBER_NUMBER with an empty locationMemberId',
      body: '{"selected":"LOCATION_MEMBER_NUMBER","locationMemberId":""}',
      status: 400,
      description: '[Error 25008] Missing Mandatory field name: locationMemberId',
      code: 25008,
    },
    {
      case: 'a non-string locationMemberId',
      body: '{"selected":"LOCATION_MEMBER_NUMBER","locationMemberId":7}',
      status: 400,
      description: '[Error 25009] Invalid field value: locationMemberId',
      code: 25009,
    },
    {
      case: 'a non-boolean elinEnabled',
      body: '{"selected":"LOCATION_ECBN","elinEnabled":"yes"}',
      status: 400,
      description: '[Error 25009] Invalid field value: elinEnabled',
      code: 25009,
    },
  ])('rejects $case', ({ body, status, description, code }) => {
    // Prepare
    const { record, numbers } = scenario();

    // Act
    const result = validatePersonEcbnUpdate(body, record, numbers);

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.status).toBe(status);
    expect(result.error.message).toBe(description);
    expect(result.error.errors).toEqual([code === undefined ? { description } : { description, errorCode: code }]);
  });

  it.each([
    { case: 'a workspace of another location', member: 'branchPhone', code: 25010 },
    { case: 'an extension-only colleague (no number)', member: 'extensionOnlyColleague', code: 25010 },
    { case: 'the person themself', member: 'person', code: 25010 },
    { case: 'an id nobody has', member: 'unknown', code: 25010 },
  ] as const)('rejects $case as location member', ({ member, code }) => {
    // Prepare
    const s = scenario();
    const memberId = member === 'unknown' ? encodeWebexId('PLACE', '00000000-0000-4000-8000-0000000fffff') : s[member];

    // Act
    const result = validatePersonEcbnUpdate(
      JSON.stringify({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: memberId }),
      s.record,
      s.numbers,
    );

    // Assess
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.status).toBe(400);
    expect(result.error.errors?.[0]?.errorCode).toBe(code);
    expect(result.error.message).toContain(memberId);
  });
});
