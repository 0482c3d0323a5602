/**
 * The organisation allowlist (`ALLOWED_ORG_IDS`). When it is set, a record may only change a person who belongs to a
 * listed organisation, and the person's own `orgId` from the People API is what counts: the event's `orgId` is only
 * the producer's claim (it may be absent, or name an allowed org next to a person of another one).
 * https://developer.webex.com/docs/api/v1/people/get-person-details (`orgId`: "The ID of the organization to which
 * this person belongs").
 */
import { DisallowedOrgError } from '../errors.js';
import { sameWebexId } from '../webex/ids.js';

/** The allowlist rule, as named in every refusal (the dead-letter reason). */
const ORG_RULE = 'ALLOWED_ORG_IDS';

/**
 * Before any Webex call: an event that names an organisation must name an allowed one.
 *
 * @throws DisallowedOrgError (permanent) when the allowlist is set and the event's `orgId` is not on it.
 * @example
 * checkEventOrg(event.orgId, ['Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8x']);
 */
export function checkEventOrg(eventOrgId: string | undefined, allowed: readonly string[]): void {
  if (allowed.length === 0 || eventOrgId === undefined) return;
  if (!isAllowed(eventOrgId, allowed)) {
    throw new DisallowedOrgError(`The event names an organisation that ${ORG_RULE} does not list`);
  }
}

/**
 * On every record, once the person is known: the person's own organisation must be allowed, and must be the one the
 * event names (when it names one).
 *
 * @throws DisallowedOrgError (permanent) naming {@link ORG_RULE}.
 * @example
 * checkPersonOrg({ personOrgId: person.orgId, eventOrgId: event.orgId }, config.allowedOrgIds);
 */
export function checkPersonOrg(
  ids: { readonly personOrgId: string | undefined; readonly eventOrgId: string | undefined },
  allowed: readonly string[],
): void {
  if (allowed.length === 0) return;
  if (ids.personOrgId === undefined || ids.personOrgId.trim() === '') {
    throw new DisallowedOrgError(`The People API gave no orgId for the person, so ${ORG_RULE} cannot be checked`);
  }
  if (!isAllowed(ids.personOrgId, allowed)) {
    throw new DisallowedOrgError(`The person belongs to an organisation that ${ORG_RULE} does not list`);
  }
  if (ids.eventOrgId !== undefined && !sameWebexId(ids.eventOrgId, ids.personOrgId)) {
    throw new DisallowedOrgError(
      `The person belongs to another organisation than the event's orgId (${ORG_RULE} is checked on the person)`,
    );
  }
}

function isAllowed(orgId: string, allowed: readonly string[]): boolean {
  return allowed.some((id) => sameWebexId(id, orgId));
}
