/**
 * The org-wide reads the rules tools use (`discover`, `rules:check --org`), client against simulator: Webex Calling
 * locations, workspaces of a location, the number inventory and a location's ECBN available numbers, each over every
 * page (`Link: rel="next"`) and with only the documented query parameters.
 */
import { describe, expect, it } from 'vitest';
import { createWebexClient } from '../../lambda/webex/client.js';
import { sameWebexId } from '../../lambda/webex/ids.js';
import { WebexForbiddenError } from '../../lambda/errors.js';
import { FULL_SCOPES, SCOPE, type WebexSimulatorOptions } from '../../local/webex-simulator/index.js';
import { startTestSimulator } from '../helpers/simulator.js';
import { demoIds, demoOrg } from '../helpers/simulator-org.js';

const ids = demoIds();
const hq = ids.location('San Jose HQ');
const austin = ids.location('Austin Branch');

async function clientAndSimulator(options: Partial<WebexSimulatorOptions> = {}) {
  const sim = await startTestSimulator({ org: demoOrg(), ...options });
  const webex = createWebexClient({ baseUrl: sim.baseUrl, getToken: async () => sim.token, schemaMode: 'strict' });
  return { sim, webex };
}

describe('org-wide reads of the Webex client against the simulator', () => {
  it('lists every Webex Calling location across pages', async () => {
    // Prepare: one location per page.
    const { sim, webex } = await clientAndSimulator({ maxPageSize: 1 });

    // Act
    const locations = await webex.listCallingLocations();

    // Assess
    expect(locations.map((l) => l.name)).toEqual(['San Jose HQ', 'Austin Branch']);
    expect(sameWebexId(locations[0]?.id, hq)).toBe(true);
    expect(sim.requestLog.map((r) => r.path)).toEqual([
      '/v1/telephony/config/locations',
      '/v1/telephony/config/locations',
    ]);
  });

  it('lists the workspaces of one location, named', async () => {
    const { sim, webex } = await clientAndSimulator({ maxPageSize: 2 });

    const workspaces = await webex.listWorkspaces({ locationId: austin });

    expect(workspaces.map((w) => w.displayName)).toEqual(['AUS Reception Phone']);
    expect(workspaces[0]?.calling?.type).toBe('webexCalling');
    expect(sim.requestLog[0]?.query).toEqual({ locationId: austin });
  });

  it('reads the number inventory with owners, states and locations', async () => {
    const { webex } = await clientAndSimulator({ maxPageSize: 3 });

    const numbers = await webex.listNumbers({ locationId: hq });

    const byNumber = new Map(numbers.map((n) => [n.phoneNumber, n]));
    expect(byNumber.get('+14085550100')).toMatchObject({ mainNumber: true, state: 'ACTIVE' });
    expect(byNumber.get('+14085550100')?.owner).toBeUndefined();
    expect(byNumber.get('+14085550122')).toMatchObject({ state: 'INACTIVE', owner: { type: 'PLACE' } });
    expect(byNumber.get('+14085550150')?.owner?.type).toBe('HUNT_GROUP');
    expect(byNumber.get('+14085550160')?.owner?.type).toBe('AUTO_ATTENDANT');
    expect(byNumber.get('+14085550201')?.owner).toMatchObject({
      type: 'PEOPLE',
      firstName: 'Alice',
      lastName: 'Nguyen',
    });
    expect(numbers.every((n) => sameWebexId(n.location?.id, hq))).toBe(true);
  });

  it('finds the one owner of a number and filters by state', async () => {
    const { sim, webex } = await clientAndSimulator();

    const one = await webex.listNumbers({ phoneNumber: '+14085550121' });
    const inactive = await webex.listNumbers({ state: 'INACTIVE' });

    expect(one.map((n) => n.owner?.displayName)).toEqual(['SJ-B2-F1 Callback Phone']);
    expect(inactive.map((n) => n.phoneNumber)).toEqual(['+14085550122']);
    expect(sim.requestLog.map((r) => r.query)).toEqual([{ phoneNumber: '+14085550121' }, { state: 'INACTIVE' }]);
  });

  it('lists a location’s ECBN available numbers: members, never the auto attendant', async () => {
    const { webex } = await clientAndSimulator({ maxPageSize: 2 });

    const numbers = await webex.listLocationEcbnAvailableNumbers(hq);

    const owners = numbers.map((n) => n.owner?.type).filter((type) => type !== undefined);
    expect(new Set(owners)).toEqual(new Set(['PLACE', 'PEOPLE', 'VIRTUAL_LINE', 'HUNT_GROUP']));
    expect(numbers.some((n) => n.phoneNumber === '+14085550160')).toBe(false);
  });

  it('needs spark-admin:workspaces_read to list workspaces (403 without it)', async () => {
    // Prepare
    const sim = await startTestSimulator({
      org: demoOrg(),
      tokens: [{ token: 'no-workspaces', scopes: FULL_SCOPES.filter((scope) => scope !== SCOPE.workspacesRead) }],
    });
    const webex = createWebexClient({ baseUrl: sim.baseUrl, getToken: async () => 'no-workspaces' });

    // Act + Assess
    await expect(webex.listWorkspaces()).rejects.toBeInstanceOf(WebexForbiddenError);
    await expect(webex.listCallingLocations()).resolves.toHaveLength(2);
  });

  it('sends orgId only when asked, on every org-wide read', async () => {
    const { sim, webex } = await clientAndSimulator();
    const orgId = demoOrg().orgId;

    await webex.listCallingLocations({ orgId });
    await webex.listWorkspaces({}, { orgId });
    await webex.listNumbers({}, { orgId });
    await webex.listLocationEcbnAvailableNumbers(hq, {}, { orgId });

    expect(sim.requestLog.map((r) => r.query)).toEqual([{ orgId }, { orgId }, { orgId }, { orgId }]);
  });
});
