/**
 * The bench's synthetic people and their onboarding events, spread over an org's locations and zones (the demo org's
 * by default): people with and without a direct line, in a zone or not, some already on the right ECBN.
 *
 * Pure: the expected ECBN of every person is derived from the rules file and the org fixture here, independently of
 * the handler, so a run can check the simulator's final state person by person (`wrongState`).
 */
import { sameWebexId, encodeWebexId } from '../../lambda/webex/ids.js';
import type { EcbnRules, LocationRules, ZoneRule } from '../../lambda/rules/index.js';
import type { OrgFixture, PersonFixtureInput } from '../webex-simulator/index.js';
import { seededRandom } from '../webex-simulator/index.js';

/** A person's ECBN as the simulator's org fixture writes it (`NONE`: never configured). */
export type EcbnState = NonNullable<PersonFixtureInput['ecbn']>;

/** One kind of person: where they are, whether they have a DID, which zone their workplace falls in. */
export interface PersonProfile {
  readonly locationId: string;
  readonly locationName: string;
  readonly hasDirectLine: boolean;
  /** The zone the event's workplace matches; absent: no workplace in the event. */
  readonly zone?: { readonly building: string; readonly floor?: string };
  /** What the rules give this profile. */
  readonly expected: EcbnState;
  /** Short label for tables, e.g. `San Jose HQ/B1/1 no-DID`. */
  readonly label: string;
}

/** A synthetic person: the simulator record to add, the event to publish, and the ECBN expected afterwards. */
export interface BenchPerson {
  readonly index: number;
  readonly profile: PersonProfile;
  readonly fixture: PersonFixtureInput;
  /** The event body as the HR system would publish it (bare v1 event). */
  readonly event: BenchEvent;
  /** True when the simulator already holds the expected ECBN (the event must end `unchanged`). */
  readonly alreadyRight: boolean;
  readonly expected: EcbnState;
}

/** The v1 onboarding event the bench publishes (see `lambda/events/onboarding-event.ts`). */
export interface BenchEvent {
  readonly eventType: 'user.created' | 'user.updated';
  readonly eventId: string;
  readonly occurredAt: string;
  readonly person: { readonly id?: string; readonly email: string };
  readonly workplace?: { readonly building: string; readonly floor?: string };
}

export interface PopulationOptions {
  readonly count: number;
  /** Share of people whose ECBN is already right. @default 0.3 */
  readonly alreadyRightShare?: number;
  /** Share of events that name the person by email only (a People API lookup instead of a GET by id). @default 0.1 */
  readonly emailOnlyShare?: number;
  /** @default 1 */
  readonly seed?: number;
  /** `occurredAt` of every event. @default now */
  readonly occurredAt?: string;
  /** Distinguishes the ids, emails and numbers of several populations in one org (e.g. warm-up vs timed). */
  readonly namespace?: number;
}

/**
 * The profiles an org and its rules allow: per location with rules, a person with and without a DID outside any zone,
 * and with and without a DID in every zone whose callback member is found in the org fixture.
 *
 * @example
 * const profiles = benchProfiles(org, rules); // demo org: 12 profiles (HQ: 2 + 4 zones × 2, Austin: 2)
 */
export function benchProfiles(org: OrgFixture, rules: EcbnRules): PersonProfile[] {
  const profiles: PersonProfile[] = [];
  for (const locationRules of rules.locations) {
    const location = org.locations.find((l) => sameWebexId(l.id, locationRules.locationId));
    if (!location) continue;
    for (const hasDirectLine of [true, false]) {
      profiles.push({
        locationId: location.id,
        locationName: location.name,
        hasDirectLine,
        expected: outsideZone(rules, locationRules, hasDirectLine),
        label: `${location.name} ${hasDirectLine ? 'DID' : 'no-DID'}`,
      });
    }
    for (const zone of locationRules.zones) {
      const member = findZoneMember(org, location.id, zone);
      if (!member) continue;
      for (const hasDirectLine of [true, false]) {
        const applies = zone.appliesTo === 'everyone' || !hasDirectLine;
        const where = `${zone.match.building}${zone.match.floor === undefined ? '' : `/${zone.match.floor}`}`;
        profiles.push({
          locationId: location.id,
          locationName: location.name,
          hasDirectLine,
          zone: zone.match,
          expected: !applies
            ? outsideZone(rules, locationRules, hasDirectLine)
            : member.active
              ? { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: member.id }
              : // The documented fallback order when the zone member is INVALID: DID, then the location ECBN.
                hasDirectLine
                ? { selected: 'DIRECT_LINE' }
                : { selected: 'LOCATION_ECBN' },
          label: `${location.name}/${where} ${hasDirectLine ? 'DID' : 'no-DID'}`,
        });
      }
    }
  }
  if (profiles.length === 0) throw new Error('No location of the rules is in the org: nothing to benchmark');
  return profiles;
}

/**
 * `count` people, round-robin over {@link benchProfiles}, with their events and expected ECBN. Deterministic for a
 * given seed.
 *
 * @example
 * const people = generatePopulation(org, rules, { count: 2000 });
 * for (const p of people) simulator.state.addPerson(p.fixture);
 */
export function generatePopulation(org: OrgFixture, rules: EcbnRules, options: PopulationOptions): BenchPerson[] {
  if (!Number.isInteger(options.count) || options.count < 0) {
    throw new RangeError(`count must be a non-negative integer, got ${options.count}`);
  }
  const profiles = benchProfiles(org, rules);
  const random = seededRandom(options.seed ?? 1);
  const alreadyRightShare = options.alreadyRightShare ?? 0.3;
  const emailOnlyShare = options.emailOnlyShare ?? 0.1;
  const occurredAt = options.occurredAt ?? new Date().toISOString();
  const namespace = options.namespace ?? 0;
  const people: BenchPerson[] = [];
  for (let index = 0; index < options.count; index++) {
    const profile = profiles[index % profiles.length] as PersonProfile;
    const serial = namespace * 10_000_000 + index;
    const id = encodeWebexId('PEOPLE', benchUuid(serial));
    const email = `bench.person.${serial}@acme-robotics.example`;
    const alreadyRight = random() < alreadyRightShare;
    const initial = alreadyRight ? profile.expected : wrongSetting(profile, random());
    const fixture: PersonFixtureInput = {
      id,
      emails: [email],
      firstName: 'Bench',
      lastName: `Person ${serial}`,
      locationId: profile.locationId,
      extension: String(10_000_000 + serial),
      ...(profile.hasDirectLine ? { directNumber: benchDirectNumber(serial) } : {}),
      ecbn: initial,
    };
    const emailOnly = random() < emailOnlyShare;
    const event: BenchEvent = {
      eventType: index % 4 === 0 ? 'user.updated' : 'user.created',
      eventId: `bench-${serial}`,
      occurredAt,
      person: emailOnly ? { email } : { id, email },
      ...(profile.zone === undefined ? {} : { workplace: profile.zone }),
    };
    people.push({ index, profile, fixture, event, alreadyRight, expected: profile.expected });
  }
  return people;
}

/**
 * True when two ECBN settings are the same (member ids compared with `sameWebexId`).
 *
 * @example
 * sameSetting({ selected: 'LOCATION_ECBN' }, { selected: 'LOCATION_ECBN' }); // true
 */
export function sameSetting(a: ComparableSetting, b: ComparableSetting): boolean {
  if (a.selected !== b.selected) return false;
  if (a.selected !== 'LOCATION_MEMBER_NUMBER') return true;
  return sameWebexId(a.locationMemberId, b.locationMemberId);
}

/** Any ECBN setting shape (fixture, simulator state, PUT body). */
export interface ComparableSetting {
  readonly selected: string;
  readonly locationMemberId?: string | undefined;
}

/** A UUID that encodes the serial (the simulator only needs uniqueness; a readable id helps when debugging). */
export function benchUuid(serial: number): string {
  return `0000be9c-0000-4000-8000-${String(serial).padStart(12, '0')}`;
}

/** A unique E.164 direct line outside the demo org's numbers (+1 555 01xx xxxx). */
export function benchDirectNumber(serial: number): string {
  if (serial >= 100_000_000) throw new RangeError('bench serials stop at 99,999,999');
  return `+1555${String(serial).padStart(8, '0')}`;
}

/** Before the event: never configured, or configured to something else than the rules want. */
function wrongSetting(profile: PersonProfile, draw: number): EcbnState {
  if (draw < 0.5) return { selected: 'NONE' };
  return profile.expected.selected === 'LOCATION_ECBN' && profile.hasDirectLine
    ? { selected: 'DIRECT_LINE' }
    : profile.expected.selected === 'LOCATION_ECBN'
      ? { selected: 'NONE' }
      : { selected: 'LOCATION_ECBN' };
}

function outsideZone(rules: EcbnRules, location: LocationRules, hasDirectLine: boolean): EcbnState {
  const selected = hasDirectLine
    ? rules.defaults.withDirectLine
    : (location.withoutDirectLine ?? rules.defaults.withoutDirectLine);
  return { selected };
}

/** The zone's callback member in the org fixture (by id or by number), with whether its number is ACTIVE. */
function findZoneMember(
  org: OrgFixture,
  locationId: string,
  zone: ZoneRule,
): { id: string; active: boolean } | undefined {
  const members = [...org.workspaces, ...org.virtualLines, ...org.huntGroups].filter((m) =>
    sameWebexId(m.locationId, locationId),
  );
  const spec = zone.callbackMember;
  const member = members.find((m) =>
    'id' in spec ? sameWebexId(m.id, spec.id) : m.phoneNumber !== undefined && m.phoneNumber === spec.phoneNumber,
  );
  if (member?.phoneNumber === undefined) return undefined;
  return { id: member.id, active: (org.numberStates[member.phoneNumber] ?? 'ACTIVE') === 'ACTIVE' };
}
