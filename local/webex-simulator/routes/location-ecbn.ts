/** `GET /telephony/config/locations/{locationId}/features/emergencyCallbackNumber` (tag "Location Call Settings"). */
import { sameWebexId } from '../../../lambda/webex/ids.js';
import { SCOPE } from '../auth.js';
import { CALLING_ERROR } from '../errors.js';
import type { Route } from './route.js';

export const getLocationEcbnRoute: Route = {
  method: 'GET',
  template: '/telephony/config/locations/{locationId}/features/emergencyCallbackNumber',
  scope: SCOPE.telephonyConfigRead,
  documentsOrgId: true,
  handle(context) {
    const inOrg = sameWebexId(context.orgId, context.state.orgId);
    const view = inOrg ? context.state.getLocationEcbnView(context.params.locationId ?? '') : undefined;
    return view ? { status: 200, body: view } : CALLING_ERROR.locationNotFound();
  },
};
