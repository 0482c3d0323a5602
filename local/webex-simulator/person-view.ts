/**
 * PURE: the `Person` object of the People API (webex-admin.json) as the simulator answers it.
 *
 * Documented: `extension` "Only applies to a person with a Webex Calling license"; `work_extension` "For the Webex
 * Calling person, the value will have a routing prefix along with the extension"; `callingData` "Include Webex Calling
 * user details in the response"; wxc_sdk: a user is calling-enabled iff `locationId` is set with `callingData=true`.
 * Inferred: without `callingData=true` none of `phoneNumbers`, `extension`, `locationId` is returned.
 */
import type { LocationRecord, PersonRecord } from './records.js';

/** `Person` (only the documented fields the simulator fills). */
export interface PersonView {
  id: string;
  emails: string[];
  phoneNumbers?: { type: 'work' | 'work_extension'; value: string; primary: boolean }[];
  extension?: string;
  locationId?: string;
  displayName: string;
  firstName: string;
  lastName: string;
  orgId: string;
  created: string;
  type: 'person';
}

/**
 * Builds a person object; `location` is the person's calling location, when they have one.
 *
 * @example
 * personView(alice, hq, { callingData: true, orgId }).phoneNumbers; // [{ type: 'work', value: '+14085550201', primary: true }, ...]
 */
export function personView(
  person: PersonRecord,
  location: LocationRecord | undefined,
  options: { readonly callingData: boolean; readonly orgId: string },
): PersonView {
  const view: PersonView = {
    id: person.id,
    emails: [...person.emails],
    displayName: person.displayName,
    firstName: person.firstName,
    lastName: person.lastName,
    orgId: options.orgId,
    created: person.created,
    type: 'person',
  };
  if (!options.callingData || !location) return view;

  const phoneNumbers: NonNullable<PersonView['phoneNumbers']> = [];
  if (person.directNumber !== undefined) phoneNumbers.push({ type: 'work', value: person.directNumber, primary: true });
  if (person.extension !== undefined) {
    phoneNumbers.push({
      type: 'work_extension',
      value: `${location.routingPrefix ?? ''}${person.extension}`,
      primary: person.directNumber === undefined,
    });
  }
  if (phoneNumbers.length > 0) view.phoneNumbers = phoneNumbers;
  if (person.extension !== undefined) view.extension = person.extension;
  view.locationId = location.id;
  return view;
}
