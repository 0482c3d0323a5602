/**
 * `GET /telephony/config/numbers` ("Get Phone Numbers for an Organization with Given Criteria", tag Numbers;
 * scope `spark-admin:telephony_config_read`). Fields, filters and what is inferred: `../number-inventory.ts`.
 * Paging `start`/`max` with a `Link` next page (inferred: as the other telephony lists; wxc_sdk follows `Link`).
 */
import { sameWebexId } from '../../../lambda/webex/ids.js';
import { SCOPE } from '../auth.js';
import { CALLING_ERROR } from '../errors.js';
import { numberInventory } from '../number-inventory.js';
import { isPaging, pagedAnswer, pagingFor } from './paged.js';
import type { Route } from './route.js';

/** Inferred page size (the documentation gives none for this list): the available-numbers lists' 2000. */
const NUMBERS_MAX = 2000;
/** "Maximum length is 255" (`ownerName`). */
const OWNER_NAME_MAX_LENGTH = 255;

export const listNumbersRoute: Route = {
  method: 'GET',
  template: '/telephony/config/numbers',
  scope: SCOPE.telephonyConfigRead,
  documentsOrgId: true,
  handle(context) {
    const { query, state } = context;
    const paging = pagingFor(context, NUMBERS_MAX);
    if (!isPaging(paging)) return paging;
    const text = (name: string) => query.get(name)?.trim() || undefined;
    const locationId = text('locationId');
    const ownerName = text('ownerName');
    if (ownerName !== undefined && ownerName.length > OWNER_NAME_MAX_LENGTH)
      return CALLING_ERROR.invalidField('ownerName');
    const stateFilter = text('state');
    if (stateFilter !== undefined && stateFilter !== 'ACTIVE' && stateFilter !== 'INACTIVE') {
      return CALLING_ERROR.invalidField('state');
    }
    const ownerId = text('ownerId');
    const inOrg = sameWebexId(context.orgId, state.orgId);
    const locations = inOrg
      ? state.locations().map((location) => ({
          location,
          members: state.membersOf(location.id, { numberedOnly: true }),
          autoAttendants: state.autoAttendantsOf(location.id),
        }))
      : [];
    const numbers = numberInventory(locations, (n) => state.numberState(n), context.encodeOwnerId, {
      locationId: locationId === undefined ? undefined : (id) => sameWebexId(id, locationId),
      phoneNumber: text('phoneNumber'),
      ownerType: text('ownerType'),
      ownerId: ownerId === undefined ? undefined : (id) => sameWebexId(id, ownerId),
      state: stateFilter,
      ownerName,
    });
    return pagedAnswer(numbers, paging, context, 'phoneNumbers');
  },
};
