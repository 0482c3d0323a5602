/**
 * Zod schemas of the Webex responses and request bodies the product uses, from the official definitions
 * (`webex-cloud-calling.json`, `webex-admin.json`; vendored subset: local/webex-simulator/reference/webex-ecbn-openapi-subset.json).
 *
 * Two modes, one definition (as wxc_sdk's `ApiModel`: lenient in production, strict in tests):
 * - `lenient`: unknown fields and unknown enum values are tolerated (real APIs grow); the client logs the drift.
 * - `strict`: unknown fields and enum values are errors; tests use it so we notice drift in our own fixtures.
 *
 * Docs: https://developer.webex.com/docs/api/v1/emergency-services-settings
 */
import * as z from 'zod';

export type SchemaMode = 'lenient' | 'strict';

/** A value of a documented enum, or (leniently) a value Webex added after this code was written. */
export type Lenient<T extends string> = T | (string & {});

// ---------------------------------------------------------------------------------------------------------------
// Documented value sets (`as const`, one line each, from the spec descriptions)
// ---------------------------------------------------------------------------------------------------------------

/** `ECBNSelectionType`: what GET returns as `selected`. */
export const ECBN_SELECTION = [
  /** Returned calls go directly to the member (their own direct line). */
  'DIRECT_LINE',
  /** The location's default ECBN; typical for extension-only users. */
  'LOCATION_ECBN',
  /** Another member's number in the location (multi-floor / multi-building sites). */
  'LOCATION_MEMBER_NUMBER',
  /** When no other option is selected (GET only: PUT does not accept it). */
  'NONE',
] as const;
export type EcbnSelection = (typeof ECBN_SELECTION)[number];

/** `CallBackSelectedPatch`: what PUT accepts as `selected` (no `NONE`). */
export const ECBN_PUT_SELECTION = ['DIRECT_LINE', 'LOCATION_ECBN', 'LOCATION_MEMBER_NUMBER'] as const;
export type EcbnPutSelection = (typeof ECBN_PUT_SELECTION)[number];

/** `ECBNDirectLineEffectiveLevelType` (directLineInfo / locationECBNInfo `effectiveLevel`). */
export const ECBN_DIRECT_LINE_EFFECTIVE_LEVEL = ['DIRECT_LINE', 'LOCATION_ECBN', 'LOCATION_NUMBER', 'NONE'] as const;

/** `LocationMemberInfoEffectiveLevelType` (locationMemberInfo `effectiveLevel`). */
export const ECBN_LOCATION_MEMBER_EFFECTIVE_LEVEL = [
  'DIRECT_LINE',
  'LOCATION_ECBN',
  'LOCATION_NUMBER',
  'LOCATION_MEMBER_NUMBER',
  'NONE',
] as const;

/** `ECBNQualityType`. */
export const ECBN_QUALITY = [
  /** An activated number, associated with a User or Workspace. */
  'RECOMMENDED',
  /** An activated number, associated with anything else, like Auto Attendant or Hunt Group. */
  'NOT_RECOMMENDED',
  /** An inactive or non-existent number. */
  'INVALID',
] as const;
export type EcbnQuality = (typeof ECBN_QUALITY)[number];

/** `MemberType` / `CallBackMemberType` / available-number `owner.type`. */
export const MEMBER_TYPE = ['PEOPLE', 'PLACE', 'VIRTUAL_LINE', 'HUNT_GROUP'] as const;
export type MemberType = (typeof MEMBER_TYPE)[number];

/** `STATE` of a phone number. */
export const NUMBER_STATE = ['ACTIVE', 'INACTIVE'] as const;
export type NumberState = (typeof NUMBER_STATE)[number];

/** `CallBackSelected` (location ECBN). */
export const LOCATION_CALLBACK_SELECTED = ['LOCATION_NUMBER', 'LOCATION_MEMBER_NUMBER'] as const;
/** `CallBackEffectiveLevel` (location ECBN). */
export const LOCATION_CALLBACK_EFFECTIVE_LEVEL = ['LOCATION_NUMBER', 'LOCATION_MEMBER_NUMBER', 'NONE'] as const;

/**
 * `NumberOwnerType` of the number inventory (`GET /telephony/config/numbers`, wxc_sdk's generated `numbers_auto.py`):
 * every kind of owner a number can have; only the first four can be an ECBN member (`MEMBER_TYPE`).
 */
export const NUMBER_OWNER_TYPE = [
  ...MEMBER_TYPE,
  'AUTO_ATTENDANT',
  'CALL_QUEUE',
  'PAGING_GROUP',
  'VOICE_MESSAGING',
  'OFFICE_ANYWHERE',
  'CONTACT_CENTER_LINK',
  'CONTACT_CENTER_ADAPTER',
  'ROUTE_LIST',
  'VOICEMAIL_GROUP',
  'COLLABORATE_BRIDGE',
] as const;
export type NumberOwnerType = (typeof NUMBER_OWNER_TYPE)[number];

/** `phoneNumbers[].type` of a Person. */
export const PERSON_PHONE_TYPE = ['work', 'work_extension', 'mobile', 'fax'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Schema builders
// ---------------------------------------------------------------------------------------------------------------

function enumOf<const T extends readonly [string, ...string[]]>(
  values: T,
  mode: SchemaMode,
): z.ZodType<Lenient<T[number]>> {
  if (mode === 'strict') return z.enum(values) as unknown as z.ZodType<Lenient<T[number]>>;
  return z.string() as z.ZodType<Lenient<T[number]>>;
}

/** A field the spec requires: required in strict mode, optional (drift, logged) in lenient mode. */
function requiredInStrict<T extends z.ZodType>(schema: T, mode: SchemaMode): z.ZodOptional<T> {
  // Typed as optional in both modes: code must not rely on a field that a real org may leave out.
  return (mode === 'strict' ? schema : schema.optional()) as unknown as z.ZodOptional<T>;
}

function objectOf<T extends z.ZodRawShape>(shape: T, mode: SchemaMode) {
  return mode === 'strict' ? z.strictObject(shape) : z.looseObject(shape);
}

/** Builds every Webex schema for one mode. */
export function buildWebexSchemas(mode: SchemaMode) {
  const quality = enumOf(ECBN_QUALITY, mode);

  const directLineInfo = objectOf(
    {
      phoneNumber: z.string().optional(),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      effectiveLevel: enumOf(ECBN_DIRECT_LINE_EFFECTIVE_LEVEL, mode).optional(),
      effectiveValue: z.string().optional(),
      quality: quality.optional(),
    },
    mode,
  );

  const locationMemberInfo = objectOf(
    {
      phoneNumber: z.string().optional(),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      memberId: z.string().optional(),
      memberType: enumOf(MEMBER_TYPE, mode).optional(),
      effectiveLevel: enumOf(ECBN_LOCATION_MEMBER_EFFECTIVE_LEVEL, mode).optional(),
      effectiveValue: z.string().optional(),
      quality: quality.optional(),
    },
    mode,
  );

  /** `GetPersonCallbackNumberObject`: no field is required in the spec. */
  const personEcbn = objectOf(
    {
      selected: enumOf(ECBN_SELECTION, mode).optional(),
      directLineInfo: directLineInfo.optional(),
      locationECBNInfo: directLineInfo.optional(),
      locationMemberInfo: locationMemberInfo.optional(),
      defaultInfo: objectOf({ effectiveValue: z.string().optional(), quality: quality.optional() }, mode).optional(),
      elinEnabled: z.boolean().optional(),
      elinForWebexAppEnabled: z.boolean().optional(),
    },
    mode,
  );

  /** `GetPersonCallbackNumberDependenciesObject`. */
  const ecbnDependencies = objectOf(
    {
      isLocationEcbnDefault: z.boolean(),
      isSelfEcbnDefault: z.boolean(),
      dependentMemberCount: z.number(),
    },
    mode,
  );

  /** `PersonECBNAvailableNumberObject`: `owner.id` is what goes into `locationMemberId`. */
  const availableNumber = objectOf(
    {
      phoneNumber: z.string(),
      extension: z.string().optional(),
      state: enumOf(NUMBER_STATE, mode),
      // Required by the spec, but the product does not read them: leniently, a missing one is drift, not a failure.
      isMainNumber: requiredInStrict(z.boolean(), mode),
      tollFreeNumber: requiredInStrict(z.boolean(), mode),
      telephonyType: requiredInStrict(enumOf(['PSTN_NUMBER'] as const, mode), mode),
      isServiceNumber: requiredInStrict(z.boolean(), mode),
      owner: objectOf(
        {
          id: z.string(),
          type: enumOf(MEMBER_TYPE, mode),
          firstName: z.string().optional(),
          lastName: z.string().optional(),
          displayName: z.string().optional(),
        },
        mode,
      ).optional(),
    },
    mode,
  );

  /** `PersonECBNAvailableNumberListGetObject`. */
  const availableNumberList = objectOf({ phoneNumbers: z.array(availableNumber) }, mode);

  // Required by the spec, but `effectiveValue` is "available only when number is present" and wxc_sdk reads every
  // field as optional: leniently a missing one is drift, not a failure (reference §8 "Location ECBN read leniency").
  const locationCallbackInfo = {
    effectiveLevel: enumOf(LOCATION_CALLBACK_EFFECTIVE_LEVEL, mode).optional(),
    effectiveValue: requiredInStrict(z.string(), mode),
    quality: requiredInStrict(quality, mode),
  };

  /** `GetLocationCallBackNumberObject`. */
  const locationEcbn = objectOf(
    {
      locationInfo: objectOf(
        { phoneNumber: z.string().optional(), name: z.string().optional(), ...locationCallbackInfo },
        mode,
      ),
      locationMemberInfo: objectOf(
        {
          phoneNumber: z.string().optional(),
          firstName: z.string().optional(),
          lastName: z.string().optional(),
          memberId: z.string().optional(),
          memberType: enumOf(MEMBER_TYPE, mode).optional(),
          ...locationCallbackInfo,
        },
        mode,
      ),
      selected: enumOf(LOCATION_CALLBACK_SELECTED, mode),
      // ELIN fields are new (wxc_sdk 1.35, 2026): older orgs may not send it.
      elinExpiryTimeMinutes: requiredInStrict(z.number().int(), mode),
    },
    mode,
  );

  /** `Person` (webex-admin.json), only what we use is typed; the rest passes in lenient mode. */
  const person = objectOf(
    {
      id: z.string(),
      emails: z.array(z.string()).optional(),
      displayName: z.string().optional(),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      orgId: z.string().optional(),
      phoneNumbers: z
        .array(
          objectOf({ type: enumOf(PERSON_PHONE_TYPE, mode), value: z.string(), primary: z.boolean().optional() }, mode),
        )
        .optional(),
      extension: z.string().optional(),
      locationId: z.string().optional(),
    },
    // People objects carry many fields we do not use (avatar, status, ...): always tolerate them.
    'lenient',
  );

  /** `PersonCollectionResponse`. */
  const personList = objectOf({ items: z.array(person), notFoundIds: z.array(z.string()).nullish() }, 'lenient');

  /** `ListLocationObject` (`GET /telephony/config/locations`): only what the tools read is typed. */
  const callingLocation = objectOf({ id: z.string(), name: z.string().optional() }, 'lenient');
  const callingLocationList = objectOf({ locations: z.array(callingLocation) }, 'lenient');

  /** `Workspace` (`GET /workspaces`, webex-device.json): many fields the tools do not read, always tolerated. */
  const workspace = objectOf(
    {
      id: z.string(),
      displayName: z.string().optional(),
      locationId: z.string().optional(),
      calling: objectOf({ type: z.string().optional() }, 'lenient').optional(),
    },
    'lenient',
  );
  const workspaceList = objectOf({ items: z.array(workspace) }, 'lenient');

  /** `NumberObject` (`GET /telephony/config/numbers`): the number inventory, with its location and owner. */
  const inventoryNumber = objectOf(
    {
      // "Response excludes any extensions without numbers" only with some filters: an entry may be an extension.
      phoneNumber: z.string().optional(),
      extension: z.string().optional(),
      state: enumOf(NUMBER_STATE, mode).optional(),
      mainNumber: z.boolean().optional(),
      location: objectOf({ id: z.string(), name: z.string().optional() }, 'lenient').optional(),
      owner: objectOf(
        {
          id: z.string().optional(),
          type: enumOf(NUMBER_OWNER_TYPE, mode).optional(),
          firstName: z.string().optional(),
          lastName: z.string().optional(),
          displayName: z.string().optional(),
        },
        'lenient',
      ).optional(),
    },
    // Many documented fields the tools do not read (esn, routingPrefix, telephony types …): always tolerated.
    'lenient',
  );
  const inventoryNumberList = objectOf({ phoneNumbers: z.array(inventoryNumber) }, 'lenient');

  /** Webex error body: `{message, errors:[{description, errorCode?}], trackingId, errorCode?}`. */
  const errorBody = z.looseObject({
    message: z.string().optional(),
    errorCode: z.number().optional(),
    errors: z.array(z.looseObject({ description: z.string().optional(), errorCode: z.number().optional() })).optional(),
    trackingId: z.string().optional(),
  });

  return {
    personEcbn,
    ecbnDependencies,
    availableNumber,
    availableNumberList,
    locationEcbn,
    person,
    personList,
    callingLocationList,
    workspaceList,
    inventoryNumberList,
    errorBody,
  };
}

export type WebexSchemas = ReturnType<typeof buildWebexSchemas>;

export const LENIENT_SCHEMAS: WebexSchemas = buildWebexSchemas('lenient');
export const STRICT_SCHEMAS: WebexSchemas = buildWebexSchemas('strict');

export type PersonEcbn = z.infer<WebexSchemas['personEcbn']>;
export type EcbnDependencies = z.infer<WebexSchemas['ecbnDependencies']>;
export type AvailableNumber = z.infer<WebexSchemas['availableNumber']>;
export type LocationEcbn = z.infer<WebexSchemas['locationEcbn']>;
export type WebexPerson = z.infer<WebexSchemas['person']>;
export type WebexErrorBody = z.infer<WebexSchemas['errorBody']>;
export type CallingLocation = z.infer<WebexSchemas['callingLocationList']>['locations'][number];
export type Workspace = z.infer<WebexSchemas['workspaceList']>['items'][number];
export type InventoryNumber = z.infer<WebexSchemas['inventoryNumberList']>['phoneNumbers'][number];

/** `PutPersonECBNObject` as we send it: `locationMemberId` only with `LOCATION_MEMBER_NUMBER`. */
export type EcbnSetting =
  | { readonly selected: 'DIRECT_LINE' | 'LOCATION_ECBN' }
  | { readonly selected: 'LOCATION_MEMBER_NUMBER'; readonly locationMemberId: string };

/** Validates a PUT body before sending: `selected` in the PUT enum; member id present iff LOCATION_MEMBER_NUMBER. */
export const ecbnSettingSchema: z.ZodType<EcbnSetting> = z.discriminatedUnion('selected', [
  z.strictObject({ selected: z.enum(['DIRECT_LINE', 'LOCATION_ECBN']) }),
  z.strictObject({ selected: z.literal('LOCATION_MEMBER_NUMBER'), locationMemberId: z.string().min(1) }),
]);
