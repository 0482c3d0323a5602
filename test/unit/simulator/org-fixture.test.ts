import { describe, expect, it } from 'vitest';
import { encodeWebexId } from '../../../lambda/webex/ids.js';
import { parseOrgFixture, type OrgFixtureInput } from '../../../local/webex-simulator/org-fixture.js';
import { demoIds, demoOrg, OrgBuilder } from '../../helpers/simulator-org.js';

describe('the demo org (examples/demo-org.json)', () => {
  it('parses and has what the demo scenarios need', () => {
    // Act
    const org = demoOrg();
    const ids = demoIds(org);

    // Assess
    expect(org.locations.map((l) => l.name)).toEqual(['San Jose HQ', 'Austin Branch']);
    expect(org.numberStates).toEqual({ '+14085550122': 'INACTIVE' });
    expect(org.people.find((p) => p.id === ids.person('frank.lee'))?.locationId).toBeUndefined();
    expect(org.people.filter((p) => p.directNumber === undefined && p.locationId !== undefined).length).toBeGreaterThan(
      2,
    );
    expect(org.people.filter((p) => p.directNumber !== undefined).length).toBeGreaterThan(1);
    expect(org.huntGroups).toHaveLength(1);
    expect(ids.workspace('SJ-B2-F2 Callback Phone')).toBeTruthy();
  });
});

describe('parseOrgFixture', () => {
  const base = () => {
    const b = new OrgBuilder();
    const hq = b.location();
    const other = b.location();
    b.workspace({ locationId: hq, phoneNumber: '+15550000111' });
    b.person({ locationId: hq });
    return { input: b.input(), hq, other };
  };
  type Mutate = (input: OrgFixtureInput, ids: { hq: string; other: string }) => void;

  const first = <T>(list: T[] | undefined): T => {
    const item = list?.[0];
    if (item === undefined) throw new Error('fixture factory broken');
    return item;
  };
  it.each<[string, Mutate, RegExp]>([
    [
      'an id of the wrong type',
      (o) => {
        first(o.people).id = encodeWebexId('PLACE', '00000000-0000-4000-8000-000000000001');
      },
      /expected an encoded Webex PEOPLE id/,
    ],
    [
      'a duplicate id',
      (o) => {
        o.people?.push({ ...first(o.people), emails: ['someone.else@example.com'] });
      },
      /duplicate id/,
    ],
    [
      'a number assigned twice',
      (o) => {
        first(o.locations).mainNumber = '+15550000111';
      },
      /already assigned/,
    ],
    [
      'an unknown location',
      (o) => {
        first(o.people).locationId = encodeWebexId('LOCATION', '00000000-0000-4000-8000-0000000fffff');
      },
      /unknown locationId/,
    ],
    [
      'a person with an extension but no location',
      (o) => {
        delete first(o.people).locationId;
      },
      /no extension or direct number yet/,
    ],
    [
      'a number state for a number nobody has',
      (o) => {
        o.numberStates = { '+19999999999': 'INACTIVE' };
      },
      /not a number assigned/,
    ],
    [
      'a location member from another location',
      (o, { other }) => {
        const location = o.locations.find((l) => l.id === other);
        if (location) location.ecbn = { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: first(o.workspaces).id };
      },
      /in another location/,
    ],
    [
      'DIRECT_LINE without a direct number',
      (o) => {
        first(o.people).ecbn = { selected: 'DIRECT_LINE' };
      },
      /DIRECT_LINE needs a directNumber/,
    ],
    [
      'a number that is not E.164',
      (o) => {
        first(o.workspaces).phoneNumber = '408-555-0100';
      },
      /E\.164/,
    ],
    [
      'an unknown field (typo)',
      (o) => {
        Object.assign(first(o.people), { directNumbr: '+15550000999' });
      },
      /directNumbr/,
    ],
  ])('rejects %s with the path in the message', (_case, mutate, message) => {
    // Prepare
    const { input, hq, other } = base();
    mutate(input, { hq, other });

    // Act / Assess
    expect(() => parseOrgFixture(input)).toThrow(message);
  });

  it('applies the documented defaults', () => {
    // Prepare
    const { input } = base();

    // Act
    const org = parseOrgFixture(input);

    // Assess
    expect(org.locations[0]).toMatchObject({ ecbn: { selected: 'LOCATION_NUMBER' }, elinExpiryTimeMinutes: 60 });
    expect(org.people[0]).toMatchObject({ ecbn: { selected: 'NONE' }, elinEnabled: false });
    expect(org.numberStates).toEqual({});
  });
});
