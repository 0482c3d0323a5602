/**
 * Factories of Webex response bodies, valid against the strict schemas of `lambda/webex/models.ts` (shapes and
 * example values from the official definitions in local/webex-simulator/reference/webex-ecbn-openapi-subset.json).
 * Override what a test is about; the rest stays a realistic default.
 */
import { encodeWebexId } from '../../lambda/webex/ids.js';
import type {
  AvailableNumber,
  EcbnDependencies,
  LocationEcbn,
  PersonEcbn,
  WebexPerson,
} from '../../lambda/webex/models.js';

export const PERSON_UUID = '5c4d1d64-4a2b-4c53-8a3f-2f4a2c1e9b11';
export const PERSON_ID = encodeWebexId('PEOPLE', PERSON_UUID);
export const LOCATION_ID = encodeWebexId('LOCATION', '0d1c8b2a-7e55-4b8a-9a57-3f6b3e0c6a21');
export const ORG_ID = encodeWebexId('ORGANIZATION', '9f3e1a77-2b4c-4d8e-a1f0-6c5d4b3a2e10');

/** `GetPersonCallbackNumberObject`: an extension-only user on the location ECBN. */
export function personEcbnBody(overrides: Partial<PersonEcbn> = {}): PersonEcbn {
  return {
    selected: 'LOCATION_ECBN',
    directLineInfo: { effectiveLevel: 'LOCATION_ECBN', effectiveValue: '+14085550100', quality: 'RECOMMENDED' },
    locationECBNInfo: {
      phoneNumber: '+14085550100',
      effectiveLevel: 'LOCATION_ECBN',
      effectiveValue: '+14085550100',
      quality: 'RECOMMENDED',
    },
    defaultInfo: { effectiveValue: '+14085550100', quality: 'RECOMMENDED' },
    ...overrides,
  };
}

/** `GetPersonCallbackNumberDependenciesObject`. */
export function dependenciesBody(overrides: Partial<EcbnDependencies> = {}): EcbnDependencies {
  return { isLocationEcbnDefault: true, isSelfEcbnDefault: false, dependentMemberCount: 0, ...overrides };
}

/** `PersonECBNAvailableNumberObject`: an active number owned by a workspace. */
export function availableNumberBody(overrides: Partial<AvailableNumber> = {}): AvailableNumber {
  return {
    phoneNumber: '+14085550123',
    extension: '123',
    state: 'ACTIVE',
    isMainNumber: false,
    tollFreeNumber: false,
    telephonyType: 'PSTN_NUMBER',
    isServiceNumber: false,
    owner: {
      id: encodeWebexId('PLACE', '11a3f990-a689-477d-be6b-7120025d8abb'),
      type: 'PLACE',
      displayName: 'Lobby phone',
    },
    ...overrides,
  };
}

/** `PersonECBNAvailableNumberListGetObject` with numbers `+1408555<from>…` (distinct phone numbers). */
export function availableNumbersPage(count: number, from = 1000): { phoneNumbers: AvailableNumber[] } {
  return {
    phoneNumbers: Array.from({ length: count }, (_, index) =>
      availableNumberBody({ phoneNumber: `+1408555${from + index}`, extension: String(from + index) }),
    ),
  };
}

/** `GetLocationCallBackNumberObject`: the location uses its main number. */
export function locationEcbnBody(overrides: Partial<LocationEcbn> = {}): LocationEcbn {
  return {
    locationInfo: {
      phoneNumber: '+14085550100',
      name: 'San Jose HQ',
      effectiveLevel: 'LOCATION_NUMBER',
      effectiveValue: '+14085550100',
      quality: 'RECOMMENDED',
    },
    locationMemberInfo: { effectiveLevel: 'NONE', effectiveValue: '', quality: 'INVALID' },
    selected: 'LOCATION_NUMBER',
    elinExpiryTimeMinutes: 120,
    ...overrides,
  };
}

/** `Person` with calling data. */
export function personBody(overrides: Partial<WebexPerson> = {}): WebexPerson {
  return {
    id: PERSON_ID,
    emails: ['ada.lovelace@example.com'],
    displayName: 'Ada Lovelace',
    firstName: 'Ada',
    lastName: 'Lovelace',
    orgId: ORG_ID,
    extension: '4711',
    locationId: LOCATION_ID,
    ...overrides,
  };
}

/** `PersonCollectionResponse`. */
export function peopleListBody(items: WebexPerson[]): { items: WebexPerson[] } {
  return { items };
}

/**
 * A Webex error body: `{message, errors:[{description, errorCode?}], trackingId}`.
 *
 * @example
 * webexErrorBody({ description: '[Error 25008] Missing Mandatory field name: locationMemberId', errorCode: 25008 });
 */
export function webexErrorBody(
  detail: { message?: string; description?: string; errorCode?: number; trackingId?: string } = {},
): Record<string, unknown> {
  const description =
    detail.description ?? 'The request could not be understood by the server due to malformed syntax.';
  return {
    message: detail.message ?? description,
    errors: [{ description, ...(detail.errorCode === undefined ? {} : { errorCode: detail.errorCode }) }],
    trackingId: detail.trackingId ?? 'ROUTERGW_5c5523e7-0d4e-4a3b-9b0f-0123456789ab',
  };
}
