/**
 * PURE: a person's ECBN available numbers (`PersonECBNAvailableNumberListGetObject` items) and their filters.
 *
 * Documented: the list holds the numbers a person may use as `LOCATION_MEMBER_NUMBER`; `owner.id` goes into
 * `locationMemberId`; filters `phoneNumber` (comma-separated) and `ownerName`; `owner.firstName`/`lastName` "present only
 * when the owner type is PEOPLE or VIRTUAL_LINE"; `isMainNumber` = "used as a location CLID".
 * Every entry has an `owner`: Webex documents these numbers as assigned to an owning entity, whose id is what
 * `locationMemberId` takes, so a number without an owner cannot be offered.
 * Inferred: the list covers the numbers of the person's own location (every member with a number except the person
 * themself; the location's main number, which the org fixture never gives a member, is not offered), INACTIVE numbers
 * included with `state: 'INACTIVE'`, ordered by number;
 * `ownerName` matches a case-insensitive substring of the owner's display name or "first last".
 */
import type { MemberRecord, NumberState } from './records.js';

/** `PersonECBNAvailableNumberObject`. */
export interface AvailableNumberView {
  phoneNumber: string;
  state: NumberState;
  isMainNumber: boolean;
  tollFreeNumber: boolean;
  telephonyType: 'PSTN_NUMBER';
  isServiceNumber: boolean;
  owner: {
    id: string;
    type: MemberRecord['type'];
    firstName?: string;
    lastName?: string;
    displayName?: string;
  };
}

export interface AvailableNumbersInput {
  /** Members of the person's location, the person excluded. */
  readonly members: readonly MemberRecord[];
  readonly numberState: (number: string) => NumberState | undefined;
  /**
   * How owner ids are written. The real service may answer with a differently encoded id of the same entity (wxc_sdk's
   * live tests compare them by UUID), so the simulator can re-encode them to keep clients honest.
   */
  readonly encodeOwnerId: (id: string) => string;
}

/** The documented filters of the available-numbers list. */
export interface AvailableNumbersFilter {
  /** Numbers to keep; compared by digits, so `+14085550111` and `14085550111` are the same number. */
  readonly phoneNumbers?: readonly string[] | undefined;
  readonly ownerName?: string | undefined;
}

const digits = (number: string) => number.replace(/\D/g, '');

/** Builds the predicate once per request; members are checked before any view is built (thousands per location). */
function matcher(filter: AvailableNumbersFilter): (phoneNumber: string, member: MemberRecord | undefined) => boolean {
  const wanted = filter.phoneNumbers?.length ? new Set(filter.phoneNumbers.map(digits)) : undefined;
  const ownerName = filter.ownerName?.trim().toLowerCase();
  return (phoneNumber, member) => {
    if (wanted && !wanted.has(digits(phoneNumber))) return false;
    if (ownerName) {
      if (!member) return false;
      const names = [member.displayName, `${member.firstName ?? ''} ${member.lastName ?? ''}`.trim()];
      if (!names.some((name) => name.toLowerCase().includes(ownerName))) return false;
    }
    return true;
  };
}

/**
 * The available numbers of a person's location that pass the filters, ordered by number.
 *
 * @example
 * personAvailableNumbers({ members, numberState, encodeOwnerId: (id) => id },
 *   { phoneNumbers: ['+14085550111'] }); // the one entry with that number
 */
export function personAvailableNumbers(
  input: AvailableNumbersInput,
  filter: AvailableNumbersFilter = {},
): AvailableNumberView[] {
  const matches = matcher(filter);
  const numbers: AvailableNumberView[] = [];
  for (const member of input.members) {
    if (member.phoneNumber === undefined || !matches(member.phoneNumber, member)) continue;
    const named = member.type === 'PEOPLE' || member.type === 'VIRTUAL_LINE';
    numbers.push({
      phoneNumber: member.phoneNumber,
      state: input.numberState(member.phoneNumber) ?? 'INACTIVE',
      // The fixture keeps main numbers apart from member numbers, so a member's number is never the main one.
      isMainNumber: false,
      tollFreeNumber: false,
      telephonyType: 'PSTN_NUMBER',
      isServiceNumber: false,
      owner: {
        id: input.encodeOwnerId(member.id),
        type: member.type,
        ...(named && member.firstName !== undefined ? { firstName: member.firstName } : {}),
        ...(named && member.lastName !== undefined ? { lastName: member.lastName } : {}),
        displayName: member.displayName,
      },
    });
  }
  // Plain comparison: localeCompare (ICU) was a hot spot with thousands of numbers.
  return numbers.sort((a, b) => (a.phoneNumber < b.phoneNumber ? -1 : a.phoneNumber > b.phoneNumber ? 1 : 0));
}
