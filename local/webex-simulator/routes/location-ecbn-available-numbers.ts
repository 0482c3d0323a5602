/**
 * `GET /telephony/config/locations/{locationId}/emergencyCallbackNumber/availableNumbers` ("Get Location ECBN
 * Available Phone Numbers", tag Location Call Settings; scope `spark-admin:telephony_config_read`; query `orgId`,
 * `max`, `start`, `phoneNumber`, `ownerName`): the numbers a location may use as its `LOCATION_MEMBER_NUMBER`, items
 * shaped like the person list's (`../available-numbers.ts`, where the inferences are listed). Inferred here: the
 * location's list is the person list of that location without excluding anyone.
 */
import { sameWebexId } from '../../../lambda/webex/ids.js';
import { personAvailableNumbers } from '../available-numbers.js';
import { SCOPE } from '../auth.js';
import { CALLING_ERROR } from '../errors.js';
import { isPaging, pagedAnswer, pagingFor } from './paged.js';
import type { Route } from './route.js';

/** "The default is 2000" (as the person list). */
const AVAILABLE_NUMBERS_MAX = 2000;
const OWNER_NAME_MAX_LENGTH = 255;

export const getLocationEcbnAvailableNumbersRoute: Route = {
  method: 'GET',
  template: '/telephony/config/locations/{locationId}/emergencyCallbackNumber/availableNumbers',
  scope: SCOPE.telephonyConfigRead,
  documentsOrgId: true,
  handle(context) {
    const { query, state } = context;
    const paging = pagingFor(context, AVAILABLE_NUMBERS_MAX);
    if (!isPaging(paging)) return paging;
    const ownerName = query.get('ownerName') ?? undefined;
    if (ownerName !== undefined && ownerName.length > OWNER_NAME_MAX_LENGTH) {
      return CALLING_ERROR.invalidField('ownerName');
    }
    const location = sameWebexId(context.orgId, state.orgId)
      ? state.location(context.params.locationId ?? '')
      : undefined;
    if (!location) return CALLING_ERROR.locationNotFound();
    const phoneNumbers = query
      .getAll('phoneNumber')
      .flatMap((value) => value.split(','))
      .map((n) => n.trim())
      .filter(Boolean);
    const numbers = personAvailableNumbers(
      {
        members: state.membersOf(location.id, { numberedOnly: true }),
        numberState: (n) => state.numberState(n),
        encodeOwnerId: context.encodeOwnerId,
      },
      { phoneNumbers, ownerName },
    );
    return pagedAnswer(numbers, paging, context, 'phoneNumbers');
  },
};
