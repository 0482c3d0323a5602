/**
 * PURE: the org's number inventory as `GET /telephony/config/numbers` lists it ("Get Phone Numbers for an Organization
 * with Given Criteria", tag Numbers; response `{ phoneNumbers: NumberObject[] }`).
 *
 * Documented (official definition via wxc_sdk's generated `numbers_auto.py`, `NumberObject`): `phoneNumber`,
 * `extension`, `routingPrefix`, `esn`, `state` (ACTIVE | INACTIVE), `phoneNumberType` (PRIMARY …), `mainNumber` ("used
 * as location CLID"), `includedTelephonyTypes` (PSTN_NUMBER | MOBILE_NUMBER), `tollFreeNumber`, `isServiceNumber`,
 * `location {id, name}`, `owner {id, type, firstName, lastName}` with owner types PEOPLE, PLACE, VIRTUAL_LINE,
 * AUTO_ATTENDANT, HUNT_GROUP, … Filters `locationId`, `phoneNumber`, `ownerType`, `ownerId`, `state`, `ownerName`.
 * Inferred: `owner.displayName` (wxc_sdk's hand-written `NumberOwner` has it; the generated model does not), names
 * given as for available numbers (`firstName`/`lastName` only for PEOPLE and VIRTUAL_LINE); the list holds numbers
 * only (extensions without a number are left out, as the `state` filter documents for itself); order by number.
 */
import type { AutoAttendantFixture } from './org-fixture.js';
import type { LocationRecord, MemberRecord, NumberState } from './records.js';

/** Owner types the simulator has (a subset of the documented `NumberOwnerType`). */
export type InventoryOwnerType = MemberRecord['type'] | 'AUTO_ATTENDANT';

/** `NumberObject`, the fields the simulator fills. */
export interface NumberView {
  phoneNumber: string;
  extension?: string;
  routingPrefix?: string;
  esn?: string;
  state: NumberState;
  phoneNumberType: 'PRIMARY';
  mainNumber: boolean;
  includedTelephonyTypes: 'PSTN_NUMBER';
  tollFreeNumber: boolean;
  isServiceNumber: boolean;
  location: { id: string; name: string };
  owner?: { id: string; type: InventoryOwnerType; firstName?: string; lastName?: string; displayName?: string };
}

/** One location's numbered things, as the org state holds them. */
export interface InventoryLocation {
  readonly location: LocationRecord;
  readonly members: readonly MemberRecord[];
  readonly autoAttendants: readonly AutoAttendantFixture[];
}

/** The documented filters the simulator honours. */
export interface NumberInventoryFilter {
  readonly locationId?: (id: string) => boolean;
  readonly phoneNumber?: string | undefined;
  readonly ownerType?: string | undefined;
  readonly ownerId?: (id: string) => boolean;
  readonly state?: string | undefined;
  readonly ownerName?: string | undefined;
}

const digits = (number: string) => number.replace(/\D/g, '');

function entry(
  location: LocationRecord,
  phoneNumber: string,
  state: NumberState,
  extension: string | undefined,
  owner: NumberView['owner'],
): NumberView {
  const view: NumberView = {
    phoneNumber,
    state,
    phoneNumberType: 'PRIMARY',
    mainNumber: owner === undefined,
    includedTelephonyTypes: 'PSTN_NUMBER',
    tollFreeNumber: false,
    isServiceNumber: false,
    location: { id: location.id, name: location.name },
  };
  if (extension !== undefined) {
    view.extension = extension;
    if (location.routingPrefix !== undefined) {
      view.routingPrefix = location.routingPrefix;
      view.esn = `${location.routingPrefix}${extension}`;
    }
  }
  if (owner !== undefined) view.owner = owner;
  return view;
}

function memberOwner(member: MemberRecord, encodeId: (id: string) => string): NonNullable<NumberView['owner']> {
  const named = member.type === 'PEOPLE' || member.type === 'VIRTUAL_LINE';
  return {
    id: encodeId(member.id),
    type: member.type,
    ...(named && member.firstName !== undefined ? { firstName: member.firstName } : {}),
    ...(named && member.lastName !== undefined ? { lastName: member.lastName } : {}),
    displayName: member.displayName,
  };
}

function keep(view: NumberView, filter: NumberInventoryFilter, ownerIdOf: string | undefined): boolean {
  if (filter.locationId && !filter.locationId(view.location.id)) return false;
  if (filter.phoneNumber && digits(filter.phoneNumber) !== digits(view.phoneNumber)) return false;
  if (filter.ownerType && view.owner?.type !== filter.ownerType) return false;
  if (filter.ownerId && (ownerIdOf === undefined || !filter.ownerId(ownerIdOf))) return false;
  if (filter.state && view.state !== filter.state) return false;
  if (filter.ownerName) {
    const wanted = filter.ownerName.trim().toLowerCase();
    const names = [view.owner?.displayName ?? '', `${view.owner?.firstName ?? ''} ${view.owner?.lastName ?? ''}`];
    if (!names.some((name) => name.toLowerCase().includes(wanted))) return false;
  }
  return true;
}

/**
 * Every number of the given locations that passes the filter, ordered by number.
 *
 * @example
 * numberInventory([{ location: hq, members, autoAttendants: [] }], (n) => 'ACTIVE', (id) => id, { state: 'ACTIVE' });
 */
export function numberInventory(
  locations: readonly InventoryLocation[],
  numberState: (number: string) => NumberState | undefined,
  encodeOwnerId: (id: string) => string,
  filter: NumberInventoryFilter = {},
): NumberView[] {
  const views: NumberView[] = [];
  const add = (view: NumberView, ownerId: string | undefined) => {
    if (keep(view, filter, ownerId)) views.push(view);
  };
  for (const { location, members, autoAttendants } of locations) {
    add(
      entry(location, location.mainNumber, numberState(location.mainNumber) ?? 'ACTIVE', undefined, undefined),
      undefined,
    );
    for (const member of members) {
      if (member.phoneNumber === undefined) continue;
      const state = numberState(member.phoneNumber) ?? 'INACTIVE';
      add(entry(location, member.phoneNumber, state, member.extension, memberOwner(member, encodeOwnerId)), member.id);
    }
    for (const attendant of autoAttendants) {
      if (attendant.phoneNumber === undefined) continue;
      const state = numberState(attendant.phoneNumber) ?? 'INACTIVE';
      const owner = { id: encodeOwnerId(attendant.id), type: 'AUTO_ATTENDANT' as const, displayName: attendant.name };
      add(entry(location, attendant.phoneNumber, state, attendant.extension, owner), attendant.id);
    }
  }
  return views.sort((a, b) => (a.phoneNumber < b.phoneNumber ? -1 : a.phoneNumber > b.phoneNumber ? 1 : 0));
}
