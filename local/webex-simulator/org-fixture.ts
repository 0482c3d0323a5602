/**
 * The org fixture: the JSON file that seeds the simulator's state (e.g. `examples/demo-org.json`).
 * Parsed once with zod at the edge ({@link parseOrgFixture}); everything after that trusts the types.
 *
 * IDs are stored encoded, the way Webex returns them (`encodeWebexId('PEOPLE', uuid)`); requests may use a differently
 * encoded ID of the same entity (see `lambda/webex/ids.ts`).
 */
import * as z from 'zod';
import { decodeWebexId, webexIdKey } from '../../lambda/webex/ids.js';

/** E.164 as Webex Calling stores PSTN numbers: `+` and 7–15 digits. */
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected an E.164 number like +14085550100');
const extension = z.string().regex(/^\d{2,10}$/, 'expected 2-10 digits');

/** An encoded Webex ID of one type (`ciscospark://<cluster>/<TYPE>/<uuid>`, base64url). */
function webexId(type: string) {
  return z.string().refine((id) => decodeWebexId(id)?.type === type, {
    message: `expected an encoded Webex ${type} id (encodeWebexId('${type}', uuid))`,
  });
}

/** A location's ECBN (`CallBackSelected`): its main number, or a member's number. */
const locationEcbnSetting = z.discriminatedUnion('selected', [
  z.strictObject({ selected: z.literal('LOCATION_NUMBER') }),
  z.strictObject({ selected: z.literal('LOCATION_MEMBER_NUMBER'), locationMemberId: z.string().min(1) }),
]);

/** A person's ECBN as configured (GET's `ECBNSelectionType`: `NONE` = never configured). */
const personEcbnSetting = z.discriminatedUnion('selected', [
  z.strictObject({ selected: z.enum(['NONE', 'DIRECT_LINE', 'LOCATION_ECBN']) }),
  z.strictObject({ selected: z.literal('LOCATION_MEMBER_NUMBER'), locationMemberId: z.string().min(1) }),
]);

const locationFixture = z.strictObject({
  id: webexId('LOCATION'),
  name: z.string().min(1),
  /** The location's main number (its CLID); always ACTIVE unless `numberStates` says otherwise. */
  mainNumber: e164,
  /** Prepended to extensions in a person's `work_extension` phone number, as Webex does. */
  routingPrefix: z
    .string()
    .regex(/^\d{1,7}$/)
    .optional(),
  ecbn: locationEcbnSetting.default({ selected: 'LOCATION_NUMBER' }),
  /** Documented range 10–1440, default 60. */
  elinExpiryTimeMinutes: z.number().int().min(10).max(1440).default(60),
  description: z.string().optional(),
});

/** One person of the fixture (also what `OrgState.addPerson` accepts). */
export const personFixtureSchema = z.strictObject({
  id: webexId('PEOPLE'),
  emails: z.array(z.email()).min(1),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  displayName: z.string().min(1).optional(),
  /** Absent until the person is calling-enabled (then they have no location either). */
  locationId: webexId('LOCATION').optional(),
  extension: extension.optional(),
  /** The person's direct line (DID); extension-only people have none. */
  directNumber: e164.optional(),
  ecbn: personEcbnSetting.default({ selected: 'NONE' }),
  elinEnabled: z.boolean().default(false),
  elinForWebexAppEnabled: z.boolean().default(false),
  description: z.string().optional(),
});

const workspaceFixture = z.strictObject({
  id: webexId('PLACE'),
  displayName: z.string().min(1),
  locationId: webexId('LOCATION'),
  phoneNumber: e164.optional(),
  extension: extension.optional(),
  description: z.string().optional(),
});

const virtualLineFixture = z.strictObject({
  id: webexId('VIRTUAL_LINE'),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  displayName: z.string().min(1).optional(),
  locationId: webexId('LOCATION'),
  phoneNumber: e164.optional(),
  extension: extension.optional(),
  description: z.string().optional(),
});

const huntGroupFixture = z.strictObject({
  id: webexId('HUNT_GROUP'),
  name: z.string().min(1),
  locationId: webexId('LOCATION'),
  phoneNumber: e164.optional(),
  extension: extension.optional(),
  description: z.string().optional(),
});

/**
 * An auto attendant owning a number: it shows in the number inventory (`GET /telephony/config/numbers`, owner type
 * `AUTO_ATTENDANT`) but is never an ECBN member (`CallBackMemberType` has no such type), so it is not in any
 * available-numbers list.
 */
const autoAttendantFixture = z.strictObject({
  id: webexId('AUTO_ATTENDANT'),
  name: z.string().min(1),
  locationId: webexId('LOCATION'),
  phoneNumber: e164.optional(),
  extension: extension.optional(),
  description: z.string().optional(),
});

const numberState = z.enum(['ACTIVE', 'INACTIVE']);

const orgFixtureShape = z.strictObject({
  orgId: webexId('ORGANIZATION'),
  name: z.string().optional(),
  description: z.string().optional(),
  locations: z.array(locationFixture).min(1),
  people: z.array(personFixtureSchema).default([]),
  workspaces: z.array(workspaceFixture).default([]),
  virtualLines: z.array(virtualLineFixture).default([]),
  huntGroups: z.array(huntGroupFixture).default([]),
  autoAttendants: z.array(autoAttendantFixture).default([]),
  /** State of assigned numbers; a number not listed is `ACTIVE`. Keys must be numbers of this org. */
  numberStates: z.record(e164, numberState).default({}),
});

/** Cross-reference checks a schema cannot express: unique ids/numbers/emails, references that resolve. */
function checkReferences(org: z.infer<typeof orgFixtureShape>, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });

  const ids = new Map<string, string>();
  const claimId = (id: string, path: (string | number)[]) => {
    const key = webexIdKey(id);
    if (ids.has(key)) issue(path, `duplicate id (also at ${ids.get(key)})`);
    else ids.set(key, path.join('.'));
  };
  const numbers = new Map<string, string>();
  const claimNumber = (number: string | undefined, path: (string | number)[]) => {
    if (number === undefined) return;
    if (numbers.has(number)) issue(path, `number ${number} is already assigned (at ${numbers.get(number)})`);
    else numbers.set(number, path.join('.'));
  };
  const locationKeys = new Set(org.locations.map((l) => webexIdKey(l.id)));
  const checkLocation = (locationId: string | undefined, path: (string | number)[]) => {
    if (locationId !== undefined && !locationKeys.has(webexIdKey(locationId))) issue(path, 'unknown locationId');
  };

  org.locations.forEach((l, i) => {
    claimId(l.id, ['locations', i, 'id']);
    claimNumber(l.mainNumber, ['locations', i, 'mainNumber']);
  });
  const emails = new Set<string>();
  org.people.forEach((p, i) => {
    claimId(p.id, ['people', i, 'id']);
    claimNumber(p.directNumber, ['people', i, 'directNumber']);
    checkLocation(p.locationId, ['people', i, 'locationId']);
    if (p.locationId === undefined && (p.directNumber !== undefined || p.extension !== undefined)) {
      issue(['people', i], 'a person without a calling location has no extension or direct number yet');
    }
    if (p.locationId === undefined && p.ecbn.selected !== 'NONE') {
      issue(['people', i, 'ecbn'], 'a person without a calling location has no ECBN setting');
    }
    for (const email of p.emails) {
      const key = email.toLowerCase();
      if (emails.has(key)) issue(['people', i, 'emails'], `duplicate email ${email}`);
      emails.add(key);
    }
  });
  for (const [kind, list] of [
    ['workspaces', org.workspaces],
    ['virtualLines', org.virtualLines],
    ['huntGroups', org.huntGroups],
    ['autoAttendants', org.autoAttendants],
  ] as const) {
    list.forEach((m, i) => {
      claimId(m.id, [kind, i, 'id']);
      claimNumber(m.phoneNumber, [kind, i, 'phoneNumber']);
      checkLocation(m.locationId, [kind, i, 'locationId']);
    });
  }
  for (const number of Object.keys(org.numberStates)) {
    if (!numbers.has(number)) issue(['numberStates', number], 'not a number assigned in this org');
  }

  // A member reference must name a numbered member of the same location (what PUT would accept).
  const members = new Map<string, { locationKey: string; hasNumber: boolean }>();
  for (const p of org.people) {
    if (p.locationId)
      members.set(webexIdKey(p.id), { locationKey: webexIdKey(p.locationId), hasNumber: !!p.directNumber });
  }
  for (const m of [...org.workspaces, ...org.virtualLines, ...org.huntGroups]) {
    members.set(webexIdKey(m.id), { locationKey: webexIdKey(m.locationId), hasNumber: !!m.phoneNumber });
  }
  const checkMember = (memberId: string, locationId: string, path: (string | number)[]) => {
    const member = members.get(webexIdKey(memberId));
    if (!member) issue(path, 'locationMemberId names no person/workspace/virtual line/hunt group of this org');
    else if (member.locationKey !== webexIdKey(locationId)) issue(path, 'locationMemberId is in another location');
    else if (!member.hasNumber) issue(path, 'locationMemberId has no phone number');
  };
  org.locations.forEach((l, i) => {
    if (l.ecbn.selected === 'LOCATION_MEMBER_NUMBER')
      checkMember(l.ecbn.locationMemberId, l.id, ['locations', i, 'ecbn']);
  });
  org.people.forEach((p, i) => {
    if (p.ecbn.selected === 'LOCATION_MEMBER_NUMBER' && p.locationId) {
      checkMember(p.ecbn.locationMemberId, p.locationId, ['people', i, 'ecbn']);
      if (webexIdKey(p.ecbn.locationMemberId) === webexIdKey(p.id))
        issue(['people', i, 'ecbn'], 'a person cannot be their own location member');
    }
    if (p.ecbn.selected === 'DIRECT_LINE' && !p.directNumber)
      issue(['people', i, 'ecbn'], 'DIRECT_LINE needs a directNumber');
  });
}

/** The zod schema of an org fixture file (after defaults). */
export const orgFixtureSchema = orgFixtureShape.superRefine(checkReferences);

/** A parsed org fixture (defaults applied). */
export type OrgFixture = z.output<typeof orgFixtureSchema>;
/** What a fixture file may contain (defaults not yet applied). */
export type OrgFixtureInput = z.input<typeof orgFixtureSchema>;
export type LocationFixture = OrgFixture['locations'][number];
export type PersonFixture = OrgFixture['people'][number];
export type PersonFixtureInput = z.input<typeof personFixtureSchema>;
export type WorkspaceFixture = OrgFixture['workspaces'][number];
export type VirtualLineFixture = OrgFixture['virtualLines'][number];
export type HuntGroupFixture = OrgFixture['huntGroups'][number];
export type AutoAttendantFixture = OrgFixture['autoAttendants'][number];
export type PersonEcbnFixtureSetting = PersonFixture['ecbn'];
export type LocationEcbnFixtureSetting = LocationFixture['ecbn'];

/**
 * Parses and cross-checks an org fixture; throws a readable error naming every bad path.
 *
 * @example
 * const org = parseOrgFixture(JSON.parse(await readFile('examples/demo-org.json', 'utf8')));
 */
export function parseOrgFixture(input: unknown): OrgFixture {
  const result = orgFixtureSchema.safeParse(input);
  if (!result.success) {
    throw new Error(`Invalid org fixture:\n${z.prettifyError(result.error)}`, { cause: result.error });
  }
  return result.data;
}
