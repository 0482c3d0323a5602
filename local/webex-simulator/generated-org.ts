/**
 * A generated org of any size for the simulator (the audit's bench and `npm run audit -- --people N`), with rules
 * and placements that fit it. Deterministic: person `i` always gets the same id, location, desk and ECBN, so a
 * placement is worked out from the person id alone and nobody has to hold 100,000 placements.
 *
 * Shape: one location per 10,000 people (at least one), buildings B1–B2 with floors 1–3 at each, one workspace phone
 * per floor as the floor zone's callback member. Every 5th person has a direct line (DID) and keeps it; everyone else
 * sits on a floor zone. Every 20th person is not calling-enabled. Every `driftEvery`-th calling person has a wrong
 * setting (`NONE`), the rest are compliant with the rules.
 */
import { decodeWebexId, encodeWebexId } from '../../lambda/webex/ids.js';
import type { EcbnRules, LocationRules } from '../../lambda/rules/schema.js';
import type { OrgFixtureInput } from './org-fixture.js';

export interface GeneratedOrgOptions {
  readonly people: number;
  /** Every n-th calling person is in drift (ECBN `NONE`); 0 = nobody. @default 50 */
  readonly driftEvery?: number;
}

export interface GeneratedOrg {
  readonly fixture: OrgFixtureInput;
  readonly rules: EcbnRules;
  /** Calling people of the org (not-calling ones excluded). */
  readonly callingPeople: number;
  /** People set in drift on purpose. */
  readonly driftPeople: number;
}

const PEOPLE_PER_LOCATION = 10_000;
const BUILDINGS = ['B1', 'B2'] as const;
const FLOORS = ['1', '2', '3'] as const;
const DESKS = BUILDINGS.length * FLOORS.length;

function uuid(kind: string, n: number): string {
  return `00000000-0000-4000-${kind.padStart(4, '0')}-${n.toString(16).padStart(12, '0')}`;
}

const PERSON_KIND = '9001';

/** The person's index, from a generated person id (any encoding); `undefined` for other ids. */
export function generatedPersonIndex(personId: string): number | undefined {
  const decoded = decodeWebexId(personId);
  const match = decoded?.type === 'PEOPLE' ? /^00000000-0000-4000-9001-([0-9a-f]{12})$/.exec(decoded.uuid) : null;
  return match?.[1] === undefined ? undefined : Number.parseInt(match[1], 16);
}

/** Building and floor of generated person `index`. */
export function generatedDesk(index: number): { building: string; floor: string } {
  const desk = index % DESKS;
  return { building: BUILDINGS[Math.floor(desk / FLOORS.length)] ?? 'B1', floor: FLOORS[desk % FLOORS.length] ?? '1' };
}

/** The HR placement of a generated person (its location, building and floor). */
export function generatedPlacement(
  personId: string,
  people: number,
): { locationId: string; building: string; floor: string } | undefined {
  const index = generatedPersonIndex(personId);
  if (index === undefined || index >= people) return undefined;
  return { locationId: locationIdOf(index, people), ...generatedDesk(index) };
}

function locationCount(people: number): number {
  return Math.max(1, Math.ceil(people / PEOPLE_PER_LOCATION));
}

function locationIdOf(index: number, people: number): string {
  return encodeWebexId('LOCATION', uuid('9000', index % locationCount(people)));
}

function workspaceId(location: number, desk: number): string {
  return encodeWebexId('PLACE', uuid('9002', location * DESKS + desk));
}

/**
 * @example
 * const { fixture, rules } = generateOrg({ people: 100_000 });
 * const sim = await startWebexSimulator({ org: fixture });
 */
export function generateOrg(options: GeneratedOrgOptions): GeneratedOrg {
  const { people } = options;
  if (!Number.isInteger(people) || people < 1 || people > 1_000_000) {
    throw new RangeError(`people must be an integer 1..1000000, got ${people}`);
  }
  const driftEvery = options.driftEvery ?? 50;
  const locations = locationCount(people);
  const sites = generatedSites(people);
  const fixture = {
    orgId: encodeWebexId('ORGANIZATION', uuid('9003', 1)),
    name: `Generated org (${people} people)`,
    locations: sites.locations,
    workspaces: sites.workspaces,
    people: [] as NonNullable<OrgFixtureInput['people']>,
  } satisfies OrgFixtureInput;

  let callingPeople = 0;
  let driftPeople = 0;
  for (let i = 0; i < people; i += 1) {
    const id = encodeWebexId('PEOPLE', uuid(PERSON_KIND, i));
    const person: NonNullable<OrgFixtureInput['people']>[number] = {
      id,
      emails: [`person${i}@generated.example.com`],
      firstName: 'Person',
      lastName: `No${i}`,
    };
    if (i % 20 !== 19) {
      callingPeople += 1;
      const location = i % locations;
      const hasDid = i % 5 === 0;
      Object.assign(person, {
        locationId: encodeWebexId('LOCATION', uuid('9000', location)),
        extension: String(100_000 + (i % 900_000)).slice(-6),
        ...(hasDid ? { directNumber: `+1650${pad(i, 7)}` } : {}),
      });
      const drift = driftEvery > 0 && callingPeople % driftEvery === 0;
      if (drift) driftPeople += 1;
      person.ecbn = drift
        ? { selected: 'NONE' }
        : hasDid
          ? { selected: 'DIRECT_LINE' }
          : { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: workspaceId(location, i % DESKS) };
    }
    fixture.people.push(person);
  }
  return {
    fixture,
    rules: sites.rules,
    callingPeople,
    driftPeople,
  };
}

/**
 * The rules of a generated org of `people` people, without generating the people (the audit bench's worker needs
 * the rules, not 100,000 fixtures).
 */
export function generatedRules(people: number): EcbnRules {
  return generatedSites(people).rules;
}

function generatedSites(people: number): {
  locations: NonNullable<OrgFixtureInput['locations']>;
  workspaces: NonNullable<OrgFixtureInput['workspaces']>;
  rules: EcbnRules;
} {
  const locations: NonNullable<OrgFixtureInput['locations']> = [];
  const workspaces: NonNullable<OrgFixtureInput['workspaces']> = [];
  const rulesLocations: LocationRules[] = [];
  for (let l = 0; l < locationCount(people); l += 1) {
    const locationId = encodeWebexId('LOCATION', uuid('9000', l));
    locations.push({ id: locationId, name: `Site ${l + 1}`, mainNumber: `+1212${pad(l, 7)}` });
    const zones: LocationRules['zones'][number][] = [];
    for (let desk = 0; desk < DESKS; desk += 1) {
      const { building, floor } = generatedDesk(desk);
      workspaces.push({
        id: workspaceId(l, desk),
        displayName: `Site ${l + 1} ${building}-F${floor} Callback Phone`,
        locationId,
        phoneNumber: `+1213${pad(l * DESKS + desk, 7)}`,
      });
      zones.push({
        match: { building, floor },
        callbackMember: { id: workspaceId(l, desk) },
        appliesTo: 'withoutDirectLine',
      });
    }
    rulesLocations.push({ locationId, name: `Site ${l + 1}`, zones });
  }
  return {
    locations,
    workspaces,
    rules: {
      version: 1,
      defaults: { withDirectLine: 'DIRECT_LINE', withoutDirectLine: 'LOCATION_ECBN' },
      locations: rulesLocations,
    },
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
