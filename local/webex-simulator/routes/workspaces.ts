/**
 * `GET /workspaces` ("List Workspaces", webex-device.json; scope `spark-admin:workspaces_read`):
 * `{ items: Workspace[] }`. Documented: filters `locationId` ("Values must originate from the /locations API"),
 * `displayName`, `calling` (`webexCalling` …), `start` ("Offset. Default is 0."), `max`, `orgId` ("Only admin users of
 * another organization (such as partners) may use this parameter"); fields `id`, `orgId`, `locationId`, `displayName`,
 * `calling.type`. Inferred: a `Link` next page (the /locations list of the same definition declares one; wxc_sdk
 * follows it); the default and largest `max` (100 here); `displayName` matches a case-insensitive substring. The
 * simulator's workspaces are all Webex Calling workspaces (`calling.type: webexCalling`).
 */
import { sameWebexId } from '../../../lambda/webex/ids.js';
import { SCOPE } from '../auth.js';
import { malformed } from '../errors.js';
import type { MemberRecord } from '../records.js';
import { isPaging, pagedAnswer, pagingFor } from './paged.js';
import type { Route } from './route.js';

const WORKSPACES_MAX = 100;
const CALLING_TYPES = [
  'freeCalling',
  'hybridCalling',
  'webexCalling',
  'webexEdgeForDevices',
  'thirdPartySipCalling',
  'none',
];

export const listWorkspacesRoute: Route = {
  method: 'GET',
  template: '/workspaces',
  scope: SCOPE.workspacesRead,
  documentsOrgId: true,
  handle(context) {
    const { query, state } = context;
    const paging = pagingFor(context, WORKSPACES_MAX);
    if (!isPaging(paging)) return malformed();
    const calling = query.get('calling')?.trim();
    if (calling && !CALLING_TYPES.includes(calling)) return malformed();
    const locationId = query.get('locationId')?.trim();
    const displayName = query.get('displayName')?.trim().toLowerCase();

    let workspaces: MemberRecord[] = [];
    if (sameWebexId(context.orgId, state.orgId) && (!calling || calling === 'webexCalling')) {
      const locations = state.locations().filter((l) => !locationId || sameWebexId(l.id, locationId));
      workspaces = locations.flatMap((l) => state.membersOf(l.id).filter((m) => m.type === 'PLACE'));
    }
    if (displayName) workspaces = workspaces.filter((w) => w.displayName.toLowerCase().includes(displayName));
    return pagedAnswer(workspaces, paging, context, 'items', (w) => ({
      id: w.id,
      orgId: state.orgId,
      locationId: w.locationId,
      displayName: w.displayName,
      calling: { type: 'webexCalling' },
    }));
  },
};
