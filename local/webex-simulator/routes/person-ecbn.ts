/**
 * Person ECBN endpoints (tag "Emergency Services Settings" / "User Call Settings"):
 * GET/PUT `/telephony/config/people/{personId}/emergencyCallbackNumber`, `…/dependencies`, `…/availableNumbers`.
 * A person unknown, of another org, or without a calling location is a 404 (the telephony API does not know them).
 */
import { sameWebexId } from '../../../lambda/webex/ids.js';
import { SCOPE } from '../auth.js';
import { CALLING_ERROR } from '../errors.js';
import { isPaging, page, parsePaging } from '../pagination.js';
import type { PersonRecord } from '../records.js';
import type { Route, RouteContext } from './route.js';

const BASE = '/telephony/config/people/{personId}/emergencyCallbackNumber';

/** The calling-enabled person the path names, in the addressed org. */
function callingPerson(context: RouteContext): PersonRecord | undefined {
  if (!sameWebexId(context.orgId, context.state.orgId)) return undefined;
  const person = context.state.person(context.params.personId ?? '');
  return person?.locationId !== undefined ? person : undefined;
}

export const getPersonEcbnRoute: Route = {
  method: 'GET',
  template: BASE,
  scope: SCOPE.telephonyConfigRead,
  documentsOrgId: true,
  handle(context) {
    const person = callingPerson(context);
    const view = person && context.state.getPersonEcbnView(person.id);
    if (!view) return CALLING_ERROR.userNotFound();
    // Seen on the live API: the read-back member id can come in another encoding of the same id than the one PUT.
    const memberInfo = view.locationMemberInfo;
    const body = memberInfo
      ? { ...view, locationMemberInfo: { ...memberInfo, memberId: context.encodeOwnerId(memberInfo.memberId) } }
      : view;
    return { status: 200, body };
  },
};

export const putPersonEcbnRoute: Route = {
  method: 'PUT',
  template: BASE,
  scope: SCOPE.telephonyConfigWrite,
  documentsOrgId: true,
  handle(context) {
    const person = callingPerson(context);
    const result = person && context.state.applyPersonEcbnPut(person.id, context.body);
    if (!result) return CALLING_ERROR.userNotFound();
    return result.ok ? { status: 204 } : result.error;
  },
};

export const getPersonEcbnDependenciesRoute: Route = {
  method: 'GET',
  template: `${BASE}/dependencies`,
  scope: SCOPE.telephonyConfigRead,
  documentsOrgId: true,
  handle(context) {
    const person = callingPerson(context);
    const view = person && context.state.getPersonEcbnDependencies(person.id);
    return view ? { status: 200, body: view } : CALLING_ERROR.userNotFound();
  },
};

/** "Limit the number of phone numbers returned to this maximum count. The default is 2000." */
const AVAILABLE_NUMBERS_MAX = 2000;
/** "`ownerName` … Maximum length is 255." */
const OWNER_NAME_MAX_LENGTH = 255;

export const getPersonEcbnAvailableNumbersRoute: Route = {
  method: 'GET',
  template: `${BASE}/availableNumbers`,
  scope: SCOPE.telephonyConfigRead,
  documentsOrgId: true,
  handle(context) {
    const cap = Math.min(AVAILABLE_NUMBERS_MAX, context.maxPageSize ?? AVAILABLE_NUMBERS_MAX);
    const paging = parsePaging(context.query, { defaultMax: cap, cap });
    if (!isPaging(paging)) return paging;
    const ownerName = context.query.get('ownerName') ?? undefined;
    if (ownerName !== undefined && ownerName.length > OWNER_NAME_MAX_LENGTH) {
      return CALLING_ERROR.invalidField('ownerName');
    }
    const phoneNumbers = context.query
      .getAll('phoneNumber')
      .flatMap((value) => value.split(','))
      .map((n) => n.trim())
      .filter(Boolean);
    const person = callingPerson(context);
    const matching =
      person &&
      context.state.availableNumbersForPerson(person.id, {
        encodeOwnerId: context.encodeOwnerId,
        filter: { phoneNumbers, ownerName },
      });
    if (!matching) return CALLING_ERROR.userNotFound();
    const result = page(matching, paging, context.url);
    return {
      status: 200,
      body: { phoneNumbers: result.items },
      ...(result.link ? { headers: { Link: result.link } } : {}),
    };
  },
};
