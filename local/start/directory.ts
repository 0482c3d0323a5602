/**
 * Names for the output: who a person is, what a location is called, whose number a member is. The handler's reports
 * carry Webex ids only (they are log lines); an admin reads names.
 *
 * Two sources: the simulator's live org (demo and serve: every name, at once, including people who appear later), and
 * a real org read through the product's own Webex client after a plan run (GET only: people and available numbers).
 * Location names come from the rules file where it names them.
 */
import type { RecordReport } from '../../lambda/flow/record-report.js';
import type { EcbnRules } from '../../lambda/rules/index.js';
import { sameWebexId, webexIdKey } from '../../lambda/webex/ids.js';
import type { WebexClient } from '../../lambda/webex/types.js';
import type { OrgState } from '../webex-simulator/index.js';

export interface PersonName {
  readonly name: string;
  readonly email?: string | undefined;
  /** The person's DID, when known (shown beside DIRECT_LINE). */
  readonly directNumber?: string | undefined;
}

export interface MemberName {
  readonly name: string;
  readonly phoneNumber?: string | undefined;
}

/** Synchronous name lookups by Webex id (any encoding of the id). `undefined`: not known. */
export interface Directory {
  person(personId: string): PersonName | undefined;
  /** For events that name a person by email only (and were not resolved, e.g. not ready yet). */
  personByEmail(email: string): PersonName | undefined;
  location(locationId: string): string | undefined;
  /** The number a location's ECBN currently points at (shown beside LOCATION_ECBN). */
  locationEcbnNumber(locationId: string): string | undefined;
  member(memberId: string): MemberName | undefined;
}

/** No names at all: ids are shown instead. */
export const EMPTY_DIRECTORY: Directory = {
  person: () => undefined,
  personByEmail: () => undefined,
  location: () => undefined,
  locationEcbnNumber: () => undefined,
  member: () => undefined,
};

/**
 * Names from the simulator's live org, the rules file naming locations it does not know.
 *
 * @example
 * const names = directoryFromOrgState(pipeline.webex.state, pipeline.rules);
 * names.member(lobbyPhoneId); // { name: 'SJ-B1-F1 Lobby Phone', phoneNumber: '+14085550111' }
 */
export function directoryFromOrgState(state: OrgState, rules: EcbnRules): Directory {
  const describe = (person: PersonRecord | undefined): PersonName | undefined =>
    person && { name: person.displayName, email: person.emails[0], directNumber: person.directNumber };
  return {
    person: (personId) => describe(state.person(personId)),
    personByEmail: (email) => describe(state.personByEmail(email)),
    location(locationId) {
      return state.location(locationId)?.name ?? ruleLocationName(rules, locationId);
    },
    locationEcbnNumber(locationId) {
      const location = state.location(locationId);
      if (!location) return undefined;
      return location.ecbn.selected === 'LOCATION_MEMBER_NUMBER'
        ? state.member(location.ecbn.locationMemberId)?.phoneNumber
        : location.mainNumber;
    },
    member(memberId) {
      const member = state.member(memberId);
      return member ? { name: member.displayName, phoneNumber: member.phoneNumber } : undefined;
    },
  };
}

/**
 * Reads the names a set of reports needs from a Webex org, with the product's client (GET only: people, location
 * ECBNs, the people's available ECBN numbers). A lookup that fails
 * leaves that name unknown (the id is shown): names are for reading, the decision is already made.
 *
 * @example
 * const names = await fetchDirectory(client, reports, rules);
 */
export async function fetchDirectory(
  client: WebexClient,
  reports: readonly RecordReport[],
  rules: EcbnRules,
): Promise<Directory> {
  const people = new Map<string, PersonName>();
  const members = new Map<string, MemberName>();
  const locations = new Map<string, { name?: string | undefined; ecbnNumber?: string | undefined }>();
  for (const locationId of unique(reports.map((report) => report.locationId))) {
    try {
      const ecbn = await client.getLocationEcbn(locationId);
      const ecbnNumber =
        ecbn.selected === 'LOCATION_MEMBER_NUMBER'
          ? ecbn.locationMemberInfo.phoneNumber
          : ecbn.locationInfo.phoneNumber;
      locations.set(webexIdKey(locationId), { name: ecbn.locationInfo.name, ecbnNumber });
    } catch {
      // Unknown location ECBN: LOCATION_ECBN is shown without its number.
    }
  }
  const personIds = unique(reports.map((report) => report.personId));
  for (const personId of personIds) {
    try {
      const person = await client.getPerson(personId);
      const name = person.displayName ?? [person.firstName, person.lastName].filter(Boolean).join(' ');
      const directNumber = person.phoneNumbers?.find((n) => n.type === 'work')?.value;
      people.set(webexIdKey(personId), {
        name: name || (person.emails?.[0] ?? personId),
        email: person.emails?.[0],
        directNumber,
      });
    } catch {
      // Unknown name: the id is shown.
    }
    const wantedMembers = reports
      .filter((report) => report.personId !== undefined && sameWebexId(report.personId, personId))
      .flatMap((report) => [report.wanted?.locationMemberId, report.previous?.locationMemberId])
      .filter((id): id is string => id !== undefined && !members.has(webexIdKey(id)));
    if (wantedMembers.length === 0) continue;
    try {
      for (const number of await client.listPersonEcbnAvailableNumbers(personId)) {
        const owner = number.owner;
        if (!owner) continue;
        const name =
          owner.displayName ?? ([owner.firstName, owner.lastName].filter(Boolean).join(' ') || webexIdKey(owner.id));
        members.set(webexIdKey(owner.id), { name, phoneNumber: number.phoneNumber });
      }
    } catch {
      // Unknown member names: the ids are shown.
    }
  }
  return {
    person: (personId) => people.get(webexIdKey(personId)),
    personByEmail: () => undefined,
    location: (locationId) => ruleLocationName(rules, locationId) ?? locations.get(webexIdKey(locationId))?.name,
    locationEcbnNumber: (locationId) => locations.get(webexIdKey(locationId))?.ecbnNumber,
    member: (memberId) => members.get(webexIdKey(memberId)),
  };
}

type PersonRecord = NonNullable<ReturnType<OrgState['person']>>;

function ruleLocationName(rules: EcbnRules, locationId: string): string | undefined {
  return rules.locations.find((location) => sameWebexId(location.locationId, locationId))?.name;
}

function unique(ids: readonly (string | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const id of ids) if (id !== undefined && !seen.has(webexIdKey(id))) seen.set(webexIdKey(id), id);
  return [...seen.values()];
}
