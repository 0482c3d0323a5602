/**
 * `GET /telephony/config/locations` ("List Locations Webex Calling Details", tag Location Call Settings; scope
 * `spark-admin:telephony_config_read`): `{ locations: ListLocationObject[] }`, only locations with Webex Calling.
 * Documented (wxc_sdk's generated `location-call-settings_auto.py`): fields `id`, `name`, `routingPrefix`,
 * `callingLineId {name, phoneNumber}` …; query `name` ("List locations whose name contains this string"), `order`
 * (by `name`, asc or desc), `orgId`. Inferred: `start`/`max` paging with a `Link` next page as the other telephony lists
 * (wxc_sdk follows `Link`); `callingLineId.phoneNumber` is the location's main number; `name` matches case-insensitively.
 */
import { sameWebexId } from '../../../lambda/webex/ids.js';
import { SCOPE } from '../auth.js';
import type { LocationRecord } from '../records.js';
import { isPaging, pagedAnswer, pagingFor } from './paged.js';
import type { Route } from './route.js';

/** Inferred page size (none documented). */
const LOCATIONS_MAX = 2000;

function locationView(location: LocationRecord) {
  return {
    id: location.id,
    name: location.name,
    ...(location.routingPrefix === undefined ? {} : { routingPrefix: location.routingPrefix }),
    callingLineId: { phoneNumber: location.mainNumber },
  };
}

export const listCallingLocationsRoute: Route = {
  method: 'GET',
  template: '/telephony/config/locations',
  scope: SCOPE.telephonyConfigRead,
  documentsOrgId: true,
  handle(context) {
    const { query, state } = context;
    const paging = pagingFor(context, LOCATIONS_MAX);
    if (!isPaging(paging)) return paging;
    const order = query.get('order')?.trim().toLowerCase();
    const name = query.get('name')?.trim().toLowerCase();
    let locations = sameWebexId(context.orgId, state.orgId) ? state.locations() : [];
    if (name) locations = locations.filter((location) => location.name.toLowerCase().includes(name));
    if (order?.includes('desc')) locations = [...locations].sort((a, b) => b.name.localeCompare(a.name));
    else if (order?.includes('asc')) locations = [...locations].sort((a, b) => a.name.localeCompare(b.name));
    return pagedAnswer(locations, paging, context, 'locations', locationView);
  },
};
