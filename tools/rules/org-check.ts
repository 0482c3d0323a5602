/**
 * PURE: the rules against one read of the org (`OrgSnapshot`). Per location: the id is a Webex Calling location of
 * the org, and its ECBN (the last fallback of everyone there) is not INVALID (error) nor NOT_RECOMMENDED (warning).
 * Per zone: the member exists, owns an ACTIVE number in that location, and Webex accepts it as an ECBN member there
 * (the location's ECBN available numbers, read with the function's own `assessCallbackMember`), else an error; a
 * member that is not a person or workspace is a warning (Control Hub advises a person's or workspace's number; Webex
 * rates the others NOT_RECOMMENDED); a member given by number must resolve to exactly one owner.
 */
import type { CallbackMember, EcbnRules, LocationRules } from '../../lambda/rules/schema.js';
import { samePhoneNumber } from '../../lambda/rules/phone-number.js';
import { RECOMMENDED_OWNER_TYPES, assessCallbackMember } from '../../lambda/rules/zone-member.js';
import { sameWebexId, webexIdKey } from '../../lambda/webex/ids.js';
import type { InventoryNumber } from '../../lambda/webex/models.js';
import type { Finding } from './finding.js';
import { memberKind, ownerName } from './member-kind.js';
import { describeLocationEcbn, locationEcbnQuality, type LocationSnapshot, type OrgSnapshot } from './org-snapshot.js';

type Path = readonly (string | number)[];

const error = (path: Path, message: string): Finding => ({ severity: 'error', path, message });
const warning = (path: Path, message: string): Finding => ({ severity: 'warning', path, message });

function locationFindings(path: Path, snapshot: LocationSnapshot): Finding[] {
  const quality = locationEcbnQuality(snapshot.ecbn);
  const what = `the location's ECBN (${describeLocationEcbn(snapshot.ecbn)})`;
  if (quality === 'INVALID') {
    return [
      error(
        path,
        `${what} is INVALID: everyone who falls back to it has no valid callback number; fix it in Control Hub ` +
          '(Calling > Locations > Emergency callback number)',
      ),
    ];
  }
  if (quality === 'NOT_RECOMMENDED') {
    return [warning(path, `${what} is NOT_RECOMMENDED: Control Hub advises the number of a person or workspace`)];
  }
  return [];
}

/** The inventory numbers of the member: those it owns (by id), or the one it is given by. */
function memberNumbers(member: CallbackMember, numbers: readonly InventoryNumber[]): InventoryNumber[] {
  return 'id' in member
    ? numbers.filter((n) => n.owner?.id !== undefined && sameWebexId(n.owner.id, member.id))
    : numbers.filter((n) => n.phoneNumber !== undefined && samePhoneNumber(n.phoneNumber, member.phoneNumber));
}

function describeOwner(number: InventoryNumber): string {
  const owner = number.owner ?? {};
  return `${memberKind(owner.type)} "${ownerName(owner)}"`;
}

function zoneFindings(path: Path, member: CallbackMember, location: LocationSnapshot, org: OrgSnapshot): Finding[] {
  const given = 'id' in member ? 'this id' : member.phoneNumber;
  const owned = memberNumbers(member, org.numbers);
  if (owned.length === 0) {
    return [
      error(
        path,
        'id' in member
          ? 'no number in the org is owned by this id: the member does not exist, or has no phone number'
          : `${given} is not a number of the org`,
      ),
    ];
  }
  if (!('id' in member)) {
    const owners = new Set(owned.map((n) => (n.owner?.id === undefined ? '' : webexIdKey(n.owner.id))));
    if (owners.has('')) {
      return [error(path, `${given} has no owner (unassigned, or a location's main number): nobody to call back`)];
    }
    if (owners.size > 1) {
      const names = owned.map(describeOwner).join(', ');
      return [error(path, `${given} resolves to ${owners.size} owners (${names}); give the member by id`)];
    }
  }
  const first = owned[0] as InventoryNumber;
  const who = describeOwner(first);
  const here = owned.filter((n) => n.location?.id !== undefined && sameWebexId(n.location.id, location.location.id));
  if (here.length === 0) {
    const elsewhere = [...new Set(owned.map((n) => n.location?.name ?? 'another location'))].join(', ');
    return [
      error(
        path,
        `${who} has its numbers in ${elsewhere}, not in this location: a member must be in its zone's location`,
      ),
    ];
  }
  if (!here.some((n) => n.state === 'ACTIVE')) {
    const numbers = here.map((n) => `${n.phoneNumber ?? n.extension ?? '?'} ${n.state ?? 'state unknown'}`).join(', ');
    return [error(path, `${who} owns no ACTIVE number in this location (${numbers}): people here would fall back`)];
  }
  const assessment = assessCallbackMember(member, location.availableNumbers);
  if (assessment.kind !== 'usable') {
    return [
      error(
        path,
        `Webex does not accept ${who} as an ECBN member of this location (not among the location's ECBN available ` +
          'numbers): give a person, workspace, virtual line or hunt group with an ACTIVE number here',
      ),
    ];
  }
  if (!RECOMMENDED_OWNER_TYPES.includes(assessment.owner.type)) {
    return [
      warning(
        path,
        `${who}: Control Hub advises a person's or workspace's number (Webex rates a ` +
          `${memberKind(assessment.owner.type)}'s NOT_RECOMMENDED)`,
      ),
    ];
  }
  return [];
}

function findingsOf(location: LocationRules, index: number, org: OrgSnapshot): Finding[] {
  const path: Path = ['locations', index, 'locationId'];
  const snapshot = org.locations.get(webexIdKey(location.locationId));
  if (snapshot === undefined) {
    return [
      error(
        path,
        'not a Webex Calling location of this org (a typo, another org’s id, or Webex Calling not enabled there); ' +
          '`npm run rules -- discover` lists them',
      ),
    ];
  }
  return [
    ...locationFindings(path, snapshot),
    ...location.zones.flatMap((zone, zoneIndex) =>
      zoneFindings(['locations', index, 'zones', zoneIndex, 'callbackMember'], zone.callbackMember, snapshot, org),
    ),
  ];
}

/**
 * Every finding, in file order.
 *
 * @example
 * checkRulesAgainstOrg(rules, await readOrgSnapshot(webex, { locations: ids, workspaces: false }));
 * // [{ severity: 'error', path: ['locations', 0, 'zones', 3, 'callbackMember'], message: 'workspace "…" owns no ACTIVE number …' }]
 */
export function checkRulesAgainstOrg(rules: EcbnRules, org: OrgSnapshot): Finding[] {
  return rules.locations.flatMap((location, index) => findingsOf(location, index, org));
}
