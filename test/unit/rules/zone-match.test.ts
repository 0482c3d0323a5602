import { describe, expect, it } from 'vitest';
import { findApplicableZone, type Workplace } from '../../../lambda/rules/index.js';
import {
  locationDocumentFactory,
  otherEncodingOf,
  personFactsFactory,
  rulesFactory,
  testIds,
  zoneDocumentFactory,
} from '../../helpers/rules-factories.js';

/**
 * HQ (location 1): B1 floor 1 → place 11 (withoutDirectLine); B2 building-wide → place 20 (everyone);
 * B2 floor 3 → place 23 (withoutDirectLine). Branch (location 2): no zones.
 */
const rules = rulesFactory({
  locations: [
    locationDocumentFactory({
      zones: [
        zoneDocumentFactory({ match: { building: 'B1', floor: '1' }, callbackMember: { id: testIds.place(11) } }),
        zoneDocumentFactory({
          match: { building: 'B2' },
          callbackMember: { id: testIds.place(20) },
          appliesTo: 'everyone',
        }),
        zoneDocumentFactory({
          match: { building: 'B2', floor: '3' },
          callbackMember: { phoneNumber: '+14085550123' },
          appliesTo: 'withoutDirectLine',
        }),
      ],
    }),
    locationDocumentFactory({ locationId: testIds.location(2), name: 'Austin Branch', zones: [] }),
  ],
});

describe('findApplicableZone', () => {
  it.each<[string, { hasDirectLine?: boolean; locationId?: string }, Workplace | undefined, string | undefined]>([
    ['picks the floor zone of an extension-only person', {}, { building: 'B1', floor: '1' }, 'B1/1'],
    ['prefers the building+floor zone over the building-wide zone', {}, { building: 'B2', floor: '3' }, 'B2/3'],
    ['uses the building-wide zone for a floor the rules do not list', {}, { building: 'B2', floor: '7' }, 'B2/*'],
    ['uses the building-wide zone when the event gives no floor', {}, { building: 'B2' }, 'B2/*'],
    ['matches building and floor case-insensitively after trimming', {}, { building: ' b1 ', floor: ' 1' }, 'B1/1'],
    [
      'skips a withoutDirectLine floor zone for a person with a direct line, taking the everyone zone',
      { hasDirectLine: true },
      { building: 'B2', floor: '3' },
      'B2/*',
    ],
    [
      'applies no withoutDirectLine zone to a person with a direct line',
      { hasDirectLine: true },
      { building: 'B1', floor: '1' },
      undefined,
    ],
    ['matches no zone of another building', {}, { building: 'B9', floor: '1' }, undefined],
    [
      'matches no zone for a floor of a building that only has floor zones',
      {},
      { building: 'B1', floor: '2' },
      undefined,
    ],
    ['matches no zone without a workplace', {}, undefined, undefined],
    ['matches no zone for a workplace without building', {}, { floor: '3' }, undefined],
    ['matches no zone for a blank building', {}, { building: '  ', floor: '3' }, undefined],
    ['matches no zone at a location without zones', { locationId: testIds.location(2) }, { building: 'B2' }, undefined],
    [
      'matches no zone at a location the rules do not list',
      { locationId: testIds.location(9) },
      { building: 'B2' },
      undefined,
    ],
    [
      'finds the location when Webex encodes its id differently',
      { locationId: otherEncodingOf(testIds.location(1)) },
      { building: 'B2', floor: '3' },
      'B2/3',
    ],
  ])('%s', (_name, facts, workplace, expected) => {
    // Prepare
    const person = personFactsFactory(facts);
    // Act
    const zone = findApplicableZone(rules, person, workplace);
    // Assess
    expect(zone === undefined ? undefined : `${zone.building}/${zone.floor ?? '*'}`).toBe(expected);
  });

  it('returns the zone with its location and member as written in the rules', () => {
    // Act
    const zone = findApplicableZone(rules, personFactsFactory(), { building: 'b2', floor: '3' });
    // Assess
    expect(zone).toEqual({
      locationId: testIds.location(1),
      locationName: 'San Jose HQ',
      building: 'B2',
      floor: '3',
      callbackMember: { phoneNumber: '+14085550123' },
      appliesTo: 'withoutDirectLine',
    });
  });
});
