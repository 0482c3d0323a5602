/**
 * Factories for rules, person facts and the Webex bodies the decision reads (GET person ECBN, available numbers).
 * Every factory returns a valid value (Webex bodies pass the strict schemas); override what a test is about.
 *
 * @example
 * const rules = rulesFactory({ locations: [locationDocumentFactory({ zones: [zoneDocumentFactory()] })] });
 * const current = personEcbnFactory({ selected: 'NONE', locationEcbnQuality: 'INVALID' });
 */
import { parseRules } from '../../tools/rules/parse-rules.js';
import type { EcbnRules } from '../../lambda/rules/schema.js';
import type { PersonFacts } from '../../lambda/rules/zone-match.js';
import { encodeWebexId } from '../../lambda/webex/ids.js';
import type { AvailableNumber, EcbnQuality, PersonEcbn } from '../../lambda/webex/models.js';

// ---------------------------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------------------------

/** A deterministic UUID per type letter and number: `…-00000000c003` for `('c', 3)`. */
function testUuid(tag: string, n: number): string {
  return `00000000-0000-4000-8000-${tag}${String(n).padStart(11, '0')}`;
}

/**
 * Deterministic, well-formed Webex ids for tests (`ciscospark://us/<TYPE>/<uuid>`, base64url like Webex).
 *
 * @example
 * testIds.place(3); // Y2lzY29zcGFyazovL3VzL1BMQUNFLzAwMDAwMDAwLTAwMDAtNDAwMC04MDAwLWEwMDAwMDAwMDAwMw
 */
export const testIds = {
  org: (n = 1) => encodeWebexId('ORGANIZATION', testUuid('0', n)),
  location: (n = 1) => encodeWebexId('LOCATION', testUuid('c', n)),
  person: (n = 1) => encodeWebexId('PEOPLE', testUuid('e', n)),
  place: (n = 1) => encodeWebexId('PLACE', testUuid('a', n)),
  virtualLine: (n = 1) => encodeWebexId('VIRTUAL_LINE', testUuid('f', n)),
  huntGroup: (n = 1) => encodeWebexId('HUNT_GROUP', testUuid('b', n)),
} as const;

/** The same entity as `id`, encoded with another cluster part (Webex does this; ids must still compare equal). */
export function otherEncodingOf(id: string): string {
  const text = Buffer.from(id, 'base64url').toString('utf8');
  return Buffer.from(text.replace('ciscospark://us/', 'ciscospark://urn:TEAM:us-east-1_int13/'), 'utf8').toString(
    'base64url',
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Rules documents (the file's shape, before parsing) and parsed rules
// ---------------------------------------------------------------------------------------------------------------

/** A zone as written in the file. */
export interface ZoneDocument {
  match: { building: string | number; floor?: string | number };
  callbackMember: { id?: string; phoneNumber?: string };
  appliesTo?: string;
}

/** A location as written in the file. */
export interface LocationDocument {
  locationId: string;
  name?: string;
  withoutDirectLine?: string;
  zones?: ZoneDocument[];
}

/** The whole file as written. */
export interface RulesDocument {
  version: number;
  defaults?: { withDirectLine?: string; withoutDirectLine?: string };
  locations?: LocationDocument[];
}

/** A floor zone of building B2, floor 3, whose callback member is workspace `testIds.place(1)`. */
export function zoneDocumentFactory(overrides: Partial<ZoneDocument> = {}): ZoneDocument {
  return {
    match: { building: 'B2', floor: '3' },
    callbackMember: { id: testIds.place(1) },
    appliesTo: 'withoutDirectLine',
    ...overrides,
  };
}

/** Location `testIds.location(1)` named "San Jose HQ", without zones unless given. */
export function locationDocumentFactory(overrides: Partial<LocationDocument> = {}): LocationDocument {
  return { locationId: testIds.location(1), name: 'San Jose HQ', zones: [], ...overrides };
}

/** Version 1 with the usual defaults and one location. */
export function rulesDocumentFactory(overrides: Partial<RulesDocument> = {}): RulesDocument {
  return {
    version: 1,
    defaults: { withDirectLine: 'DIRECT_LINE', withoutDirectLine: 'LOCATION_ECBN' },
    locations: [locationDocumentFactory()],
    ...overrides,
  };
}

/**
 * Parsed rules, through the real parser (so a factory can never build rules the parser would reject).
 *
 * @example
 * const rules = rulesFactory({ defaults: { withDirectLine: 'LOCATION_ECBN' } });
 */
export function rulesFactory(overrides: Partial<RulesDocument> = {}): EcbnRules {
  return parseRules(JSON.stringify(rulesDocumentFactory(overrides)), 'rulesFactory');
}

// ---------------------------------------------------------------------------------------------------------------
// Person facts and Webex bodies
// ---------------------------------------------------------------------------------------------------------------

/** An extension-only person (no direct line) at `testIds.location(1)`. */
export function personFactsFactory(overrides: Partial<PersonFacts> = {}): PersonFacts {
  return {
    personId: testIds.person(1),
    locationId: testIds.location(1),
    hasDirectLine: false,
    extension: '2201',
    ...overrides,
  };
}

/** Shortcuts of {@link personEcbnFactory} on top of plain field overrides. */
export interface PersonEcbnOverrides extends Partial<PersonEcbn> {
  /** `directLineInfo.quality` (ignored when `directLineInfo` is given). */
  directLineQuality?: EcbnQuality | (string & {});
  /** `locationECBNInfo.quality` (ignored when `locationECBNInfo` is given). */
  locationEcbnQuality?: EcbnQuality | (string & {});
  /** `locationMemberInfo.memberId` (ignored when `locationMemberInfo` is given). */
  locationMemberId?: string;
}

/**
 * A GET `/telephony/config/people/{personId}/emergencyCallbackNumber` body (`GetPersonCallbackNumberObject`): on the
 * location ECBN, every option RECOMMENDED, as the spec example. Valid under the strict schema.
 *
 * @example
 * personEcbnFactory({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(1) });
 * personEcbnFactory({ directLineInfo: {} }); // a direct line without a quality
 */
export function personEcbnFactory(overrides: PersonEcbnOverrides = {}): PersonEcbn {
  const { directLineQuality, locationEcbnQuality, locationMemberId, ...fields } = overrides;
  const body: PersonEcbn = {
    selected: 'LOCATION_ECBN',
    directLineInfo: {
      phoneNumber: '+14085550201',
      firstName: 'Ana',
      lastName: 'Lima',
      effectiveLevel: 'DIRECT_LINE',
      effectiveValue: '+14085550201',
      quality: directLineQuality ?? 'RECOMMENDED',
    },
    locationECBNInfo: {
      phoneNumber: '+14085550100',
      effectiveLevel: 'LOCATION_ECBN',
      effectiveValue: '+14085550100',
      quality: locationEcbnQuality ?? 'RECOMMENDED',
    },
    locationMemberInfo: {
      phoneNumber: '+14085550134',
      firstName: 'B2-F3',
      lastName: 'Callback Phone',
      memberId: locationMemberId ?? testIds.place(1),
      memberType: 'PLACE',
      effectiveLevel: 'LOCATION_MEMBER_NUMBER',
      effectiveValue: '+14085550134',
      quality: 'RECOMMENDED',
    },
    elinEnabled: false,
    elinForWebexAppEnabled: false,
  };
  return { ...body, ...fields };
}

/**
 * One item of GET `…/emergencyCallbackNumber/availableNumbers` (`PersonECBNAvailableNumberObject`): an ACTIVE number
 * of workspace `testIds.place(1)`.
 *
 * @example
 * availableNumberFactory({ state: 'INACTIVE' });
 * availableNumberFactory({ owner: { id: testIds.huntGroup(1), type: 'HUNT_GROUP', displayName: 'Front Desk' } });
 */
export function availableNumberFactory(overrides: Partial<AvailableNumber> = {}): AvailableNumber {
  return {
    phoneNumber: '+14085550134',
    state: 'ACTIVE',
    isMainNumber: false,
    tollFreeNumber: false,
    telephonyType: 'PSTN_NUMBER',
    isServiceNumber: false,
    owner: { id: testIds.place(1), type: 'PLACE', displayName: 'B2-F3 Callback Phone' },
    ...overrides,
  };
}
