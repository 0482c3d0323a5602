/**
 * `GET /v1/people/me` ("Get My Own Details", People API): the token's own identity, the cheap read a token check
 * makes (reference §8). Listed before `/people/{personId}`, which would otherwise match `me`.
 *
 * INFERRED: the simulator's tokens belong to one machine account (a service app), answered as a `Person` with
 * `type: 'appuser'` and no calling data; the scope checked is `spark-admin:people_read`, which every product token
 * holds (the docs consulted name no scope for this operation).
 */
import { encodeWebexId } from '../../../lambda/webex/ids.js';
import { SCOPE } from '../auth.js';
import type { Route } from './route.js';

/** The simulated service app's person id (a fixed uuid). */
export const SERVICE_APP_PERSON_ID = encodeWebexId('PEOPLE', '5e0c2b7a-4d1f-4c8e-9a6b-00000000a990');

export const getMyOwnDetailsRoute: Route = {
  method: 'GET',
  template: '/people/me',
  scope: SCOPE.peopleRead,
  documentsOrgId: false,
  handle(context) {
    return {
      status: 200,
      body: {
        id: SERVICE_APP_PERSON_ID,
        emails: [],
        displayName: 'ECBN provisioner (simulated service app)',
        orgId: context.state.orgId,
        created: '2026-01-01T00:00:00.000Z',
        type: 'appuser',
      },
    };
  },
};
