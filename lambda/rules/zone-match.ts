/**
 * Which zone of the rules applies to a person: the person's Webex Calling location picks the location rules, the
 * event's workplace picks the zone. Building and floor are compared trimmed and case-insensitively (`" b2 "` is `B2`).
 */
import { sameWebexId, webexIdKey } from '../webex/ids.js';
import type { CallbackMember, EcbnRules, LocationRules, ZoneAppliesTo } from './schema.js';

/** What Webex says about the person (resolved by the handler). */
export interface PersonFacts {
  personId: string;
  /** The person's Webex Calling location. */
  locationId: string;
  /** True when the person has a direct line (DID); extension-only people have none. */
  hasDirectLine: boolean;
  extension?: string;
}

/** Where the person sits, from the event. */
export interface Workplace {
  building?: string;
  floor?: string;
}

/** A zone that applies to a person, with its location. `building`/`floor` are as written in the rules. */
export interface ApplicableZone {
  locationId: string;
  locationName?: string;
  building: string;
  /** Absent for a building-wide zone. */
  floor?: string;
  callbackMember: { id: string } | { phoneNumber: string };
  appliesTo: 'withoutDirectLine' | 'everyone';
}

/** Trimmed, lower-cased: how building and floor labels are compared. */
export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase();
}

/**
 * The comparison key of a zone match: `building/floor`, `*` for a building-wide zone.
 *
 * @example
 * zoneMatchKey(' B2 ', '3'); // 'b2/3'
 * zoneMatchKey('B1'); // 'b1/*'
 */
export function zoneMatchKey(building: string, floor?: string): string {
  return `${normalizeLabel(building)}/${floor === undefined ? '*' : normalizeLabel(floor)}`;
}

/**
 * The one key of a zone's callback member, wherever members are compared or stored (zone candidates cache, decision
 * reasons, the ledger's "who depends on member X" index): `TYPE/uuid` for a member id (two encodings of one member
 * are one key), the phone number as written otherwise.
 *
 * @example
 * callbackMemberKey({ id: placeId }); // 'PLACE/6a1c…'
 * callbackMemberKey({ phoneNumber: '+14085550134' }); // '+14085550134'
 */
export function callbackMemberKey(member: CallbackMember): string {
  return 'id' in member ? webexIdKey(member.id) : member.phoneNumber;
}

/**
 * The zone's name in reasons and logs: `<location name or id>/<building>/<floor or *>`.
 *
 * @example
 * zoneLabel({ locationId: 'L', locationName: 'San Jose HQ', building: 'B2', floor: '3', … }); // 'San Jose HQ/B2/3'
 */
export function zoneLabel(zone: ApplicableZone): string {
  return `${zone.locationName ?? zone.locationId}/${zone.building}/${zone.floor ?? '*'}`;
}

/** The rules of a location, ids compared as Webex ids (two encodings of one location are the same location). */
export function findLocationRules(rules: EcbnRules, locationId: string): LocationRules | undefined {
  return rules.locations.find((location) => sameWebexId(location.locationId, locationId));
}

function fits(appliesTo: ZoneAppliesTo, person: PersonFacts): boolean {
  return appliesTo === 'everyone' || !person.hasDirectLine;
}

function copyMember(member: CallbackMember): ApplicableZone['callbackMember'] {
  return 'id' in member ? { id: member.id } : { phoneNumber: member.phoneNumber };
}

/**
 * The zone that applies to this person, or `undefined`. Only zones whose `appliesTo` fits the person are considered
 * (`withoutDirectLine` zones skip people with a DID); among those, building+floor beats building-only. A workplace
 * without a building matches nothing; a floor the rules do not list falls back to the building-wide zone.
 *
 * @example
 * findApplicableZone(rules, { personId, locationId: hq, hasDirectLine: false }, { building: 'b2', floor: '3' });
 * // { locationId: hq, locationName: 'San Jose HQ', building: 'B2', floor: '3', callbackMember: { id: … }, … }
 */
export function findApplicableZone(
  rules: EcbnRules,
  person: PersonFacts,
  workplace: Workplace | undefined,
): ApplicableZone | undefined {
  const location = findLocationRules(rules, person.locationId);
  if (location === undefined || workplace?.building === undefined || workplace.building.trim() === '') {
    return undefined;
  }
  const building = normalizeLabel(workplace.building);
  const floor =
    workplace.floor === undefined || workplace.floor.trim() === '' ? undefined : normalizeLabel(workplace.floor);
  const candidates = location.zones.filter(
    (zone) => normalizeLabel(zone.match.building) === building && fits(zone.appliesTo, person),
  );
  const onFloor =
    floor === undefined
      ? undefined
      : candidates.find((zone) => zone.match.floor !== undefined && normalizeLabel(zone.match.floor) === floor);
  const zone = onFloor ?? candidates.find((candidate) => candidate.match.floor === undefined);
  if (zone === undefined) return undefined;

  const applicable: ApplicableZone = {
    locationId: location.locationId,
    building: zone.match.building,
    callbackMember: copyMember(zone.callbackMember),
    appliesTo: zone.appliesTo,
  };
  if (location.name !== undefined) applicable.locationName = location.name;
  if (zone.match.floor !== undefined) applicable.floor = zone.match.floor;
  return applicable;
}
