/**
 * PURE: validation of `PUT /telephony/config/people/{personId}/emergencyCallbackNumber` bodies (`PutPersonECBNObject`).
 *
 * Documented: `selected` ∈ `CallBackSelectedPatch` (DIRECT_LINE | LOCATION_ECBN | LOCATION_MEMBER_NUMBER);
 * `locationMemberId` "Required when `selected` is `LOCATION_MEMBER_NUMBER`"; the member must be a person/workspace/
 * virtual line/hunt group "within the location"; `elinEnabled` / `elinForWebexAppEnabled` booleans.
 * The documentation gives no 400 for a missing `selected`, for `DIRECT_LINE` without a direct number, or for a member
 * whose number is INACTIVE, so none is answered: a body without `selected` changes only the ELIN flags it carries
 * (INFERRED), `DIRECT_LINE` without a direct number is stored and read back falling to the location's ECBN
 * (documented `effectiveValue` fallback), and an INACTIVE member is stored and read back with quality `INVALID`
 * (documented: "An inactive or non-existent number"; Webex lists inactive numbers among the available ones).
 * Inferred (docs/webex-simulator.md): the member must be among the person's available numbers (400 otherwise);
 * `locationMemberId` with another `selected` is ignored and the stored member is cleared.
 */
import { CALLING_ERROR, malformed, type SimErrorAnswer } from './errors.js';
import type { NumberState, PersonEcbnSettingState, PersonRecord } from './records.js';

/**
 * Finds `locationMemberId` among the person's available numbers (by Webex id, whatever the encoding): the entry's
 * number state, or `undefined` when the member is not one of them.
 */
export type FindAvailableMember = (memberId: string) => { readonly state: NumberState } | undefined;

const PUT_SELECTIONS = ['DIRECT_LINE', 'LOCATION_ECBN', 'LOCATION_MEMBER_NUMBER'] as const;

/** What a valid PUT changes. */
export interface PersonEcbnUpdate {
  readonly setting: PersonEcbnSettingState;
  readonly elinEnabled?: boolean;
  readonly elinForWebexAppEnabled?: boolean;
}

export type PersonEcbnUpdateResult =
  { readonly ok: true; readonly update: PersonEcbnUpdate } | { readonly ok: false; readonly error: SimErrorAnswer };

const fail = (error: SimErrorAnswer): PersonEcbnUpdateResult => ({ ok: false, error });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a PUT body against a person and the person's available numbers.
 *
 * @example
 * validatePersonEcbnUpdate('{"selected":"LOCATION_MEMBER_NUMBER"}', person, (id) => undefined);
 * // { ok: false, error: { status: 400, message: '[Error 25008] Missing Mandatory field name: locationMemberId', ... } }
 */
export function validatePersonEcbnUpdate(
  rawBody: string,
  person: PersonRecord,
  findAvailableMember: FindAvailableMember,
): PersonEcbnUpdateResult {
  let body: unknown;
  try {
    body = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
  } catch {
    return fail(malformed());
  }
  if (!isRecord(body)) return fail(malformed());

  for (const flag of ['elinEnabled', 'elinForWebexAppEnabled'] as const) {
    if (body[flag] !== undefined && typeof body[flag] !== 'boolean') return fail(CALLING_ERROR.invalidField(flag));
  }
  const flags = {
    ...(typeof body.elinEnabled === 'boolean' ? { elinEnabled: body.elinEnabled } : {}),
    ...(typeof body.elinForWebexAppEnabled === 'boolean'
      ? { elinForWebexAppEnabled: body.elinForWebexAppEnabled }
      : {}),
  };

  const selected = body.selected;
  // INFERRED: no `selected` keeps the current one (the schema requires nothing; ELIN-only updates send the flags).
  if (selected === undefined || selected === null) return { ok: true, update: { setting: person.ecbn, ...flags } };
  if (typeof selected !== 'string' || !(PUT_SELECTIONS as readonly string[]).includes(selected)) {
    return fail(CALLING_ERROR.invalidField('selected'));
  }

  if (selected === 'DIRECT_LINE') return { ok: true, update: { setting: { selected }, ...flags } };
  if (selected === 'LOCATION_ECBN') return { ok: true, update: { setting: { selected }, ...flags } };

  const memberId = body.locationMemberId;
  if (memberId === undefined || memberId === null || memberId === '') {
    return fail(CALLING_ERROR.missingField('locationMemberId'));
  }
  if (typeof memberId !== 'string') return fail(CALLING_ERROR.invalidField('locationMemberId'));
  const candidate = findAvailableMember(memberId);
  if (!candidate) return fail(CALLING_ERROR.memberNotAvailable(memberId));
  return {
    ok: true,
    update: { setting: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: memberId }, ...flags },
  };
}
