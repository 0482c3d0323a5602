/**
 * The simulator's mutable org: records loaded from the fixture, indexes, and the mutations tests and PUTs make.
 * Every lookup goes through `webexIdKey` (memoized: `idKey`), so a differently encoded ID of the same entity finds it.
 * The answers themselves are computed by the pure functions of `ecbn-semantics.ts` and `available-numbers.ts`.
 */
import { idKey } from './id-key.js';
import { personAvailableNumbers, type AvailableNumbersFilter, type AvailableNumberView } from './available-numbers.js';
import {
  locationEcbnView,
  personEcbnDependencies,
  personEcbnView,
  type EcbnDependenciesView,
  type LocationEcbnView,
  type OrgLookup,
  type PersonEcbnView,
} from './ecbn-semantics.js';
import { validatePersonEcbnUpdate, type PersonEcbnUpdateResult } from './ecbn-update.js';
import {
  personFixtureSchema,
  type AutoAttendantFixture,
  type OrgFixture,
  type PersonFixture,
  type PersonFixtureInput,
} from './org-fixture.js';
import type {
  LocationEcbnSettingState,
  LocationRecord,
  MemberRecord,
  NumberState,
  PersonEcbnSettingState,
  PersonRecord,
} from './records.js';

/** Fields of a person that `updatePerson` may change; `null` removes an optional field. */
export interface PersonPatch {
  readonly emails?: readonly string[];
  readonly firstName?: string;
  readonly lastName?: string;
  readonly displayName?: string;
  readonly locationId?: string | null;
  readonly extension?: string | null;
  readonly directNumber?: string | null;
}

/** A person's ECBN in the form of the PUT body (for soak comparisons). */
export interface PersonEcbnSetting {
  readonly selected: PersonEcbnSettingState['selected'];
  readonly locationMemberId?: string;
}

/** Stable creation time of fixture people (the simulator has no history). */
const FIXTURE_CREATED = '2026-01-05T09:00:00.000Z';

export class OrgState implements OrgLookup {
  readonly orgId: string;
  readonly orgName: string | undefined;
  readonly #locations = new Map<string, LocationRecord>();
  readonly #people = new Map<string, PersonRecord>();
  /** Workspaces, virtual lines and hunt groups (people are members through `#people`). */
  readonly #otherMembers = new Map<string, MemberRecord>();
  /** location key → workspaces, virtual lines and hunt groups there. */
  readonly #otherMembersByLocation = new Map<string, MemberRecord[]>();
  /** Auto attendants: they own numbers (inventory) but are never ECBN members. */
  readonly #autoAttendants: readonly AutoAttendantFixture[];
  readonly #emailIndex = new Map<string, string>();
  /** Every assigned number → the key of its owner (a location for main numbers). */
  readonly #numberOwners = new Map<string, string>();
  readonly #numberStates = new Map<string, NumberState>();
  /** member key → keys of the people on LOCATION_MEMBER_NUMBER with it. */
  readonly #dependents = new Map<string, Set<string>>();
  /** location key → keys of its calling-enabled people. */
  readonly #peopleByLocation = new Map<string, Set<string>>();
  /** location key → keys of its people with a direct line: available-number lists stay cheap with thousands of people. */
  readonly #numberedPeopleByLocation = new Map<string, Set<string>>();
  readonly #now: () => number;

  constructor(fixture: OrgFixture, options: { readonly now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
    this.orgId = fixture.orgId;
    this.orgName = fixture.name;
    for (const l of fixture.locations) {
      this.#locations.set(idKey(l.id), {
        id: l.id,
        name: l.name,
        mainNumber: l.mainNumber,
        routingPrefix: l.routingPrefix,
        ecbn: { ...l.ecbn },
        elinExpiryTimeMinutes: l.elinExpiryTimeMinutes,
      });
      this.#numberOwners.set(l.mainNumber, idKey(l.id));
    }
    for (const w of fixture.workspaces) {
      this.#addOtherMember({ ...w, type: 'PLACE', firstName: undefined, lastName: undefined });
    }
    for (const v of fixture.virtualLines) {
      this.#addOtherMember({
        ...v,
        type: 'VIRTUAL_LINE',
        displayName: v.displayName ?? `${v.firstName} ${v.lastName}`,
      });
    }
    for (const h of fixture.huntGroups) {
      this.#addOtherMember({
        ...h,
        type: 'HUNT_GROUP',
        displayName: h.name,
        firstName: undefined,
        lastName: undefined,
      });
    }
    this.#autoAttendants = fixture.autoAttendants.map((a) => ({ ...a }));
    for (const a of this.#autoAttendants) if (a.phoneNumber) this.#numberOwners.set(a.phoneNumber, idKey(a.id));
    for (const p of fixture.people) this.#insertPerson(p, FIXTURE_CREATED);
    for (const [number, state] of Object.entries(fixture.numberStates)) this.#numberStates.set(number, state);
  }

  #addOtherMember(m: {
    id: string;
    type: MemberRecord['type'];
    locationId: string;
    phoneNumber?: string | undefined;
    extension?: string | undefined;
    firstName: string | undefined;
    lastName: string | undefined;
    displayName: string;
  }): void {
    const record: MemberRecord = {
      id: m.id,
      type: m.type,
      locationId: m.locationId,
      phoneNumber: m.phoneNumber,
      extension: m.extension,
      firstName: m.firstName,
      lastName: m.lastName,
      displayName: m.displayName,
    };
    this.#otherMembers.set(idKey(m.id), record);
    const locationKey = idKey(m.locationId);
    this.#otherMembersByLocation.set(locationKey, [...(this.#otherMembersByLocation.get(locationKey) ?? []), record]);
    if (m.phoneNumber !== undefined) this.#numberOwners.set(m.phoneNumber, idKey(m.id));
  }

  #insertPerson(p: PersonFixture, created: string): PersonRecord {
    const key = idKey(p.id);
    const record: PersonRecord = {
      id: p.id,
      emails: [...p.emails],
      firstName: p.firstName,
      lastName: p.lastName,
      displayName: p.displayName ?? `${p.firstName} ${p.lastName}`,
      locationId: p.locationId,
      extension: p.extension,
      directNumber: p.directNumber,
      ecbn: { ...p.ecbn },
      elinEnabled: p.elinEnabled,
      elinForWebexAppEnabled: p.elinForWebexAppEnabled,
      created,
    };
    this.#people.set(key, record);
    for (const email of p.emails) this.#emailIndex.set(email.toLowerCase(), key);
    if (p.directNumber !== undefined) this.#numberOwners.set(p.directNumber, key);
    this.#placePerson(record);
    this.#index(record);
    return record;
  }

  // ----- OrgLookup -------------------------------------------------------------------------------------------------

  location(id: string): LocationRecord | undefined {
    return this.#locations.get(idKey(id));
  }

  member(id: string): MemberRecord | undefined {
    const key = idKey(id);
    const other = this.#otherMembers.get(key);
    if (other) return other;
    const person = this.#people.get(key);
    if (person?.locationId === undefined) return undefined;
    return {
      id: person.id,
      type: 'PEOPLE',
      locationId: person.locationId,
      phoneNumber: person.directNumber,
      extension: person.extension,
      firstName: person.firstName,
      lastName: person.lastName,
      displayName: person.displayName,
    };
  }

  numberState(number: string): NumberState | undefined {
    if (!this.#numberOwners.has(number)) return undefined;
    return this.#numberStates.get(number) ?? 'ACTIVE';
  }

  /**
   * How many people use this member as their ECBN (`dependentMemberCount`).
   *
   * @example
   * state.dependentCount(lobbyPhoneId); // 1 after one PUT LOCATION_MEMBER_NUMBER → lobbyPhoneId
   */
  dependentCount(memberId: string): number {
    return this.#dependents.get(idKey(memberId))?.size ?? 0;
  }

  // ----- Queries ---------------------------------------------------------------------------------------------------

  person(id: string): PersonRecord | undefined {
    return this.#people.get(idKey(id));
  }

  personByEmail(email: string): PersonRecord | undefined {
    const key = this.#emailIndex.get(email.trim().toLowerCase());
    return key === undefined ? undefined : this.#people.get(key);
  }

  /** Every person, in insertion order. */
  people(): PersonRecord[] {
    return [...this.#people.values()];
  }

  locations(): LocationRecord[] {
    return [...this.#locations.values()];
  }

  /** The auto attendants of a location (number owners that are never ECBN members). */
  autoAttendantsOf(locationId: string): AutoAttendantFixture[] {
    const locationKey = idKey(locationId);
    return this.#autoAttendants.filter((a) => idKey(a.locationId) === locationKey);
  }

  /**
   * Members of a location (people with a calling location, workspaces, virtual lines, hunt groups); with
   * `numberedOnly`, only those with a phone number (the candidates of an available-numbers list).
   */
  membersOf(locationId: string, options: { readonly numberedOnly?: boolean } = {}): MemberRecord[] {
    const locationKey = idKey(locationId);
    const members: MemberRecord[] = [];
    for (const m of this.#otherMembersByLocation.get(locationKey) ?? []) {
      if (!options.numberedOnly || m.phoneNumber !== undefined) members.push(m);
    }
    const people = options.numberedOnly ? this.#numberedPeopleByLocation : this.#peopleByLocation;
    for (const personKey of people.get(locationKey) ?? []) {
      const person = this.#people.get(personKey);
      const member = person && this.member(person.id);
      if (member) members.push(member);
    }
    return members;
  }

  /** The person ECBN GET body; `undefined` for an unknown person or one without a calling location. */
  getPersonEcbnView(personId: string): PersonEcbnView | undefined {
    const person = this.person(personId);
    return person ? personEcbnView(this, person) : undefined;
  }

  /** The person ECBN dependencies GET body; `undefined` for an unknown or not calling-enabled person. */
  getPersonEcbnDependencies(personId: string): EcbnDependenciesView | undefined {
    const person = this.person(personId);
    return person?.locationId !== undefined ? personEcbnDependencies(this, person) : undefined;
  }

  getLocationEcbnView(locationId: string): LocationEcbnView | undefined {
    const location = this.location(locationId);
    return location ? locationEcbnView(this, location) : undefined;
  }

  /**
   * A person's ECBN available numbers (filtered, unpaged); `undefined` for an unknown or not calling-enabled person.
   * `encodeOwnerId` lets the server answer with a differently encoded (but equal) owner id.
   *
   * @example
   * state.availableNumbersForPerson(bobId, { filter: { phoneNumbers: ['+14085550111'] } });
   */
  availableNumbersForPerson(
    personId: string,
    options: { readonly encodeOwnerId?: (id: string) => string; readonly filter?: AvailableNumbersFilter } = {},
  ): AvailableNumberView[] | undefined {
    const person = this.person(personId);
    if (person?.locationId === undefined) return undefined;
    const location = this.location(person.locationId);
    if (!location) return undefined;
    return personAvailableNumbers(
      {
        members: this.membersOf(location.id, { numberedOnly: true }).filter((m) => idKey(m.id) !== idKey(person.id)),
        numberState: (n) => this.numberState(n),
        encodeOwnerId: options.encodeOwnerId ?? ((id) => id),
      },
      options.filter,
    );
  }

  /**
   * The person's ECBN as stored, shaped like a PUT body (plus `NONE`).
   *
   * @example
   * state.personEcbnSetting(bobId); // { selected: 'NONE' }
   */
  personEcbnSetting(personId: string): PersonEcbnSetting {
    const person = this.#requirePerson(personId);
    return person.ecbn.selected === 'LOCATION_MEMBER_NUMBER'
      ? { selected: person.ecbn.selected, locationMemberId: person.ecbn.locationMemberId }
      : { selected: person.ecbn.selected };
  }

  // ----- Mutations -------------------------------------------------------------------------------------------------

  /**
   * Validates a PUT body like the real service and applies it when valid.
   *
   * @example
   * state.applyPersonEcbnPut(bobId, JSON.stringify({ selected: 'LOCATION_ECBN' })); // { ok: true, ... }
   */
  applyPersonEcbnPut(personId: string, rawBody: string): PersonEcbnUpdateResult | undefined {
    const person = this.person(personId);
    if (person?.locationId === undefined || !this.location(person.locationId)) return undefined;
    const personLocationKey = idKey(person.locationId);
    // The same set as availableNumbersForPerson (numbered members of the person's location, not the person), by lookup.
    const findAvailableMember = (memberId: string) => {
      const member = this.member(memberId);
      if (member?.phoneNumber === undefined || idKey(member.locationId) !== personLocationKey) return undefined;
      if (idKey(member.id) === idKey(person.id)) return undefined;
      return { state: this.numberState(member.phoneNumber) ?? 'INACTIVE' };
    };
    const result = validatePersonEcbnUpdate(rawBody, person, findAvailableMember);
    if (result.ok) {
      this.#setEcbn(person, result.update.setting);
      if (result.update.elinEnabled !== undefined) person.elinEnabled = result.update.elinEnabled;
      if (result.update.elinForWebexAppEnabled !== undefined) {
        person.elinForWebexAppEnabled = result.update.elinForWebexAppEnabled;
      }
    }
    return result;
  }

  /** Sets a person's ECBN without the PUT validation (test set-up). */
  setPersonEcbn(personId: string, setting: PersonEcbnSettingState): void {
    this.#setEcbn(this.#requirePerson(personId), setting);
  }

  /** Sets a location's ECBN (test set-up; the product never changes it). */
  setLocationEcbn(locationId: string, setting: LocationEcbnSettingState): void {
    const location = this.location(locationId);
    if (!location) throw new Error(`Unknown location ${locationId}`);
    location.ecbn = { ...setting };
  }

  /**
   * Activates or deactivates an assigned number.
   *
   * @example
   * state.setNumberState('+14085550122', 'ACTIVE'); // the B2 floor 2 phone was ported
   */
  setNumberState(number: string, state: NumberState): void {
    if (!this.#numberOwners.has(number)) throw new Error(`Number ${number} is not assigned in this org`);
    this.#numberStates.set(number, state);
  }

  /**
   * Adds a person (e.g. a new hire that appears after the event was published). Same validation as the fixture.
   *
   * @example
   * state.addPerson({ id: encodeWebexId('PEOPLE', randomUUID()), emails: ['new@example.com'], firstName: 'N', lastName: 'H' });
   */
  addPerson(input: PersonFixtureInput): PersonRecord {
    const p = personFixtureSchema.parse(input);
    if (this.#people.has(idKey(p.id)) || this.#otherMembers.has(idKey(p.id))) {
      throw new Error(`Id ${p.id} already exists`);
    }
    for (const email of p.emails) {
      if (this.#emailIndex.has(email.toLowerCase())) throw new Error(`Email ${email} already exists`);
    }
    if (p.locationId !== undefined && !this.location(p.locationId)) throw new Error(`Unknown location ${p.locationId}`);
    if (p.locationId === undefined && (p.directNumber !== undefined || p.extension !== undefined)) {
      throw new Error('A person without a calling location has no extension or direct number');
    }
    if (p.directNumber !== undefined && this.#numberOwners.has(p.directNumber)) {
      throw new Error(`Number ${p.directNumber} is already assigned`);
    }
    const record = this.#insertPerson({ ...p, ecbn: { selected: 'NONE' } }, new Date(this.#now()).toISOString());
    if (p.ecbn.selected !== 'NONE') this.setPersonEcbn(p.id, p.ecbn);
    return record;
  }

  /**
   * Changes a person, e.g. gives a new hire a calling location ("becomes ready later"). Moving a person to another
   * location (or removing it) resets their ECBN to `NONE`: a member of the old location is no longer valid.
   *
   * @example
   * state.updatePerson(frankId, { locationId: hqId, extension: '2206' });
   */
  updatePerson(personId: string, patch: PersonPatch): PersonRecord {
    const person = this.#requirePerson(personId);
    const key = idKey(person.id);
    const nextLocation = patch.locationId === undefined ? person.locationId : (patch.locationId ?? undefined);
    if (nextLocation !== undefined && !this.location(nextLocation)) throw new Error(`Unknown location ${nextLocation}`);
    const nextDirect = patch.directNumber === undefined ? person.directNumber : (patch.directNumber ?? undefined);
    const nextExtension = patch.extension === undefined ? person.extension : (patch.extension ?? undefined);
    if (nextLocation === undefined && (nextDirect !== undefined || nextExtension !== undefined)) {
      throw new Error('A person without a calling location has no extension or direct number');
    }
    if (nextDirect !== undefined && nextDirect !== person.directNumber && this.#numberOwners.has(nextDirect)) {
      throw new Error(`Number ${nextDirect} is already assigned`);
    }
    if (patch.emails) {
      for (const email of patch.emails) {
        const owner = this.#emailIndex.get(email.toLowerCase());
        if (owner !== undefined && owner !== key) throw new Error(`Email ${email} already exists`);
      }
      for (const email of person.emails) this.#emailIndex.delete(email.toLowerCase());
      person.emails = [...patch.emails];
      for (const email of person.emails) this.#emailIndex.set(email.toLowerCase(), key);
    }
    const moved =
      nextLocation === undefined || person.locationId === undefined
        ? nextLocation !== person.locationId
        : idKey(nextLocation) !== idKey(person.locationId);
    if (moved) this.#setEcbn(person, { selected: 'NONE' });
    if (person.directNumber !== undefined && person.directNumber !== nextDirect) {
      this.#numberOwners.delete(person.directNumber);
      this.#numberStates.delete(person.directNumber);
    }
    if (nextDirect !== undefined) this.#numberOwners.set(nextDirect, key);
    this.#unplacePerson(person);
    person.locationId = nextLocation;
    person.directNumber = nextDirect;
    person.extension = nextExtension;
    this.#placePerson(person);
    if (patch.firstName !== undefined) person.firstName = patch.firstName;
    if (patch.lastName !== undefined) person.lastName = patch.lastName;
    if (patch.displayName !== undefined) person.displayName = patch.displayName;
    return person;
  }

  #requirePerson(personId: string): PersonRecord {
    const person = this.person(personId);
    if (!person) throw new Error(`Unknown person ${personId}`);
    return person;
  }

  #setEcbn(person: PersonRecord, setting: PersonEcbnSettingState): void {
    this.#unindex(person);
    person.ecbn = { ...setting };
    this.#index(person);
  }

  #placePerson(person: PersonRecord): void {
    if (person.locationId === undefined) return;
    const locationKey = idKey(person.locationId);
    const add = (index: Map<string, Set<string>>) => {
      let set = index.get(locationKey);
      if (!set) index.set(locationKey, (set = new Set()));
      set.add(idKey(person.id));
    };
    add(this.#peopleByLocation);
    if (person.directNumber !== undefined) add(this.#numberedPeopleByLocation);
  }

  #unplacePerson(person: PersonRecord): void {
    if (person.locationId === undefined) return;
    const locationKey = idKey(person.locationId);
    this.#peopleByLocation.get(locationKey)?.delete(idKey(person.id));
    this.#numberedPeopleByLocation.get(locationKey)?.delete(idKey(person.id));
  }

  #index(person: PersonRecord): void {
    if (person.ecbn.selected !== 'LOCATION_MEMBER_NUMBER') return;
    const memberKey = idKey(person.ecbn.locationMemberId);
    let set = this.#dependents.get(memberKey);
    if (!set) this.#dependents.set(memberKey, (set = new Set()));
    set.add(idKey(person.id));
  }

  #unindex(person: PersonRecord): void {
    if (person.ecbn.selected !== 'LOCATION_MEMBER_NUMBER') return;
    this.#dependents.get(idKey(person.ecbn.locationMemberId))?.delete(idKey(person.id));
  }
}
