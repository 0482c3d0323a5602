/**
 * The simulator over HTTP on 127.0.0.1: auth, scopes, orgId, TrackingID, state changes, paging, knobs, log.
 * Exact statuses, headers and bodies are asserted with raw fetch (the client hides them behind typed errors).
 */
import { describe, expect, it } from 'vitest';
import { decodeWebexId, encodeWebexId, sameWebexId } from '../../lambda/webex/ids.js';
import { FULL_SCOPES, SCOPE, seededRandom } from '../../local/webex-simulator/index.js';
import { simRequest, startTestSimulator } from '../helpers/simulator.js';
import { demoIds, demoOrg } from '../helpers/simulator-org.js';

const ecbnPath = (personId: string, suffix = '') =>
  `/telephony/config/people/${personId}/emergencyCallbackNumber${suffix}`;
const ids = demoIds();
const bob = ids.person('bob.martinez');
const alice = ids.person('alice.nguyen');
const frank = ids.person('frank.lee');
const hq = ids.location('San Jose HQ');
const lobby = ids.workspace('SJ-B1-F1 Lobby Phone');

function reencoded(id: string, cluster = 'urn:TEAM:us-east-1_int13'): string {
  const decoded = decodeWebexId(id);
  if (!decoded) throw new Error('not a Webex id');
  return encodeWebexId(decoded.type, decoded.uuid, cluster);
}

describe('Webex simulator: TrackingID', () => {
  it('echoes the TrackingID the client sent, in the header and in error bodies', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const ok = await simRequest(sim, 'GET', ecbnPath(bob), { headers: { TrackingID: 'ECBNP_test-1' } });
    const error = await simRequest(sim, 'GET', ecbnPath(frank), { headers: { TrackingID: 'ECBNP_test-2' } });

    // Assess
    expect(ok.headers.get('trackingid')).toBe('ECBNP_test-1');
    expect(error.headers.get('trackingid')).toBe('ECBNP_test-2');
    expect(error.body).toMatchObject({ trackingId: 'ECBNP_test-2' });
  });

  it('generates ROUTERGW_<uuid> when the client sent none, also on 401 (whose body carries errors[].description)', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const answer = await simRequest(sim, 'GET', ecbnPath(bob), { token: null });

    // Assess
    const trackingId = answer.headers.get('trackingid');
    expect(trackingId).toMatch(/^ROUTERGW_[0-9a-f-]{36}$/);
    const message = 'The request requires a valid access token set in the Authorization request header.';
    expect(answer.body).toEqual({ message, errors: [{ description: message }], trackingId });
  });
});

describe('Webex simulator: authentication, scopes and orgId', () => {
  it.each([
    { case: 'no token', token: null },
    { case: 'an unknown token', token: 'SIM_not-a-real-token' },
  ])('answers 401 for $case', async ({ token }) => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const answer = await simRequest(sim, 'GET', `/people/${bob}`, { token });

    // Assess
    expect(answer.status).toBe(401);
  });

  it.each([
    { method: 'GET', path: `/people/${bob}`, missing: SCOPE.peopleRead },
    { method: 'GET', path: '/people?email=bob.martinez%40acme-robotics.example', missing: SCOPE.peopleRead },
    { method: 'GET', path: ecbnPath(bob), missing: SCOPE.telephonyConfigRead },
    { method: 'GET', path: ecbnPath(bob, '/dependencies'), missing: SCOPE.telephonyConfigRead },
    { method: 'GET', path: ecbnPath(bob, '/availableNumbers'), missing: SCOPE.telephonyConfigRead },
    {
      method: 'GET',
      path: `/telephony/config/locations/${hq}/features/emergencyCallbackNumber`,
      missing: SCOPE.telephonyConfigRead,
    },
    { method: 'PUT', path: ecbnPath(bob), missing: SCOPE.telephonyConfigWrite },
  ] as const)('answers 403 to $method $path without $missing', async ({ method, path, missing }) => {
    // Prepare
    const sim = await startTestSimulator({
      org: demoOrg(),
      tokens: [{ token: 'narrow', scopes: FULL_SCOPES.filter((s) => s !== missing) }],
    });

    // Act
    const answer = await simRequest(sim, method, path, {
      token: 'narrow',
      ...(method === 'PUT' ? { body: { selected: 'LOCATION_ECBN' } } : {}),
    });

    // Assess
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      message:
        'The server understood the request, but refused to fulfill it because the access token is missing required scopes or the user is missing required roles or licenses.',
      trackingId: answer.headers.get('trackingid'),
    });
  });

  it('answers 403 for an orgId the token may not manage, and serves its own org however the id is encoded', async () => {
    // Prepare
    const org = demoOrg();
    const sim = await startTestSimulator({ org });
    const foreignOrg = encodeWebexId('ORGANIZATION', '00000000-0000-4000-8000-0000000000ff');

    // Act
    const foreign = await simRequest(sim, 'GET', `${ecbnPath(bob)}?orgId=${foreignOrg}`);
    const own = await simRequest(sim, 'GET', `${ecbnPath(bob)}?orgId=${reencoded(org.orgId, 'eu')}`);

    // Assess
    expect(foreign.status).toBe(403);
    expect(own.status).toBe(200);
  });

  it('lets a partner token address another org it manages, where the person does not exist', async () => {
    // Prepare
    const org = demoOrg();
    const customerOrg = encodeWebexId('ORGANIZATION', '00000000-0000-4000-8000-0000000000ee');
    const sim = await startTestSimulator({
      org,
      tokens: [{ token: 'partner', scopes: FULL_SCOPES, orgIds: [org.orgId, customerOrg] }],
    });

    // Act
    const answer = await simRequest(sim, 'GET', `${ecbnPath(bob)}?orgId=${customerOrg}`, { token: 'partner' });
    const list = await simRequest(
      sim,
      'GET',
      `/people?email=bob.martinez%40acme-robotics.example&orgId=${customerOrg}`,
      { token: 'partner' },
    );

    // Assess
    expect(answer.status).toBe(404);
    expect(list.body).toEqual({ items: [], notFoundIds: [] });
  });

  it('ignores orgId on Get Person Details, whose definition has none', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });
    const foreignOrg = encodeWebexId('ORGANIZATION', '00000000-0000-4000-8000-0000000000ff');

    // Act
    const answer = await simRequest(sim, 'GET', `/people/${bob}?orgId=${foreignOrg}`);

    // Assess
    expect(answer.status).toBe(200);
  });

  it('accepts a rotated token and refuses the revoked one', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });
    const old = sim.token;

    // Act
    sim.addToken({ token: 'SIM_rotated', scopes: FULL_SCOPES });
    sim.revokeToken(old);

    // Assess
    expect((await simRequest(sim, 'GET', ecbnPath(bob), { token: old })).status).toBe(401);
    expect((await simRequest(sim, 'GET', ecbnPath(bob), { token: 'SIM_rotated' })).status).toBe(200);
  });
});

describe('Webex simulator: routing and not-found', () => {
  it.each([
    {
      case: 'an unknown person (People API)',
      method: 'GET',
      path: () => `/people/${encodeWebexId('PEOPLE', '00000000-0000-4000-8000-0000000000aa')}`,
      status: 404,
      code: undefined,
    },
    {
      case: 'an unknown person (telephony)',
      method: 'GET',
      path: () => ecbnPath(encodeWebexId('PEOPLE', '00000000-0000-4000-8000-0000000000aa')),
      status: 404,
      code: 4003,
    },
    {
      case: 'a person without a calling location',
      method: 'GET',
      path: () => ecbnPath(frank),
      status: 404,
      code: 4003,
    },
    {
      case: 'a PUT for a person without a calling location',
      method: 'PUT',
      path: () => ecbnPath(frank),
      status: 404,
      code: 4003,
    },
    {
      case: 'an unknown location',
      method: 'GET',
      path: () =>
        `/telephony/config/locations/${encodeWebexId('LOCATION', '00000000-0000-4000-8000-0000000000aa')}/features/emergencyCallbackNumber`,
      status: 404,
      code: 4125,
    },
    { case: 'an unknown path', method: 'GET', path: () => '/telephony/config/nothing', status: 404, code: undefined },
    { case: 'a path outside /v1', method: 'GET', path: () => '/../v2/people', status: 404, code: undefined },
    { case: 'an unsupported method', method: 'DELETE', path: () => `/people/${bob}`, status: 405, code: undefined },
  ] as const)('answers $status for $case', async ({ method, path, status, code }) => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const answer = await simRequest(
      sim,
      method,
      path(),
      method === 'PUT' ? { body: { selected: 'LOCATION_ECBN' } } : {},
    );

    // Assess
    expect(answer.status).toBe(status);
    const body = answer.body as { errors?: { errorCode?: number }[]; trackingId?: string };
    expect(body.errors?.[0]?.errorCode).toBe(code);
    expect(body.trackingId).toBe(answer.headers.get('trackingid'));
  });
});

describe('Webex simulator: people', () => {
  it('finds a person by email with calling data, including the direct line and the routed extension', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const answer = await simRequest(sim, 'GET', '/people?email=Alice.Nguyen%40acme-robotics.example&callingData=true');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      items: [
        {
          id: alice,
          phoneNumbers: [
            { type: 'work', value: '+14085550201', primary: true },
            { type: 'work_extension', value: '81002201', primary: false },
          ],
          extension: '2201',
          locationId: hq,
        },
      ],
      notFoundIds: [],
    });
  });

  it('leaves calling fields out without callingData=true, and for a person not calling-enabled', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const withoutFlag = (await simRequest(sim, 'GET', `/people/${alice}`)).body as Record<string, unknown>;
    const notCalling = (await simRequest(sim, 'GET', `/people/${frank}?callingData=true`)).body as Record<
      string,
      unknown
    >;

    // Assess
    for (const body of [withoutFlag, notCalling]) {
      expect(body).not.toHaveProperty('locationId');
      expect(body).not.toHaveProperty('extension');
      expect(body).not.toHaveProperty('phoneNumbers');
    }
  });

  it('answers an empty list for an unknown email', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const answer = await simRequest(sim, 'GET', '/people?email=nobody%40example.com&callingData=true');

    // Assess
    expect(answer.body).toEqual({ items: [], notFoundIds: [] });
  });

  it('serves a person who becomes calling-ready later', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });
    const before = await simRequest(sim, 'GET', ecbnPath(frank));

    // Act
    sim.state.updatePerson(frank, { locationId: hq, extension: '2206' });
    const after = await simRequest(sim, 'GET', ecbnPath(frank));
    const person = await simRequest(sim, 'GET', `/people/${frank}?callingData=true`);

    // Assess
    expect(before.status).toBe(404);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ selected: 'NONE' });
    expect(person.body).toMatchObject({ locationId: hq, extension: '2206' });
  });
});

describe('Webex simulator: person ECBN updates', () => {
  it('applies a PUT with the owner id from availableNumbers: 204, GET reflects it, dependencies +1', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });
    const numbers = (await simRequest(sim, 'GET', `${ecbnPath(bob, '/availableNumbers')}?phoneNumber=%2B14085550111`))
      .body as {
      phoneNumbers: { owner?: { id: string } }[];
    };
    const ownerId = numbers.phoneNumbers[0]?.owner?.id ?? '';
    const before = sim.state.dependentCount(lobby); // Erin already uses the lobby phone

    // Act
    const put = await simRequest(sim, 'PUT', ecbnPath(bob), {
      body: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: ownerId },
    });
    const get = (await simRequest(sim, 'GET', ecbnPath(bob))).body as {
      selected: string;
      locationMemberInfo: { memberId: string };
    };

    // Assess
    expect(ownerId).not.toBe(lobby); // the same entity, encoded differently
    expect(sameWebexId(ownerId, lobby)).toBe(true);
    expect(put.status).toBe(204);
    expect(put.body).toBeUndefined();
    expect(get.selected).toBe('LOCATION_MEMBER_NUMBER');
    expect(get.locationMemberInfo.memberId).toBe(ownerId);
    expect(sim.state.dependentCount(lobby)).toBe(before + 1);
  });

  it('counts dependents of a person member on the dependencies endpoint', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });
    const before = (await simRequest(sim, 'GET', ecbnPath(alice, '/dependencies'))).body;

    // Act
    await simRequest(sim, 'PUT', ecbnPath(bob), {
      body: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: alice },
    });
    const after = (await simRequest(sim, 'GET', ecbnPath(alice, '/dependencies'))).body;

    // Assess
    expect(before).toEqual({ isLocationEcbnDefault: false, isSelfEcbnDefault: true, dependentMemberCount: 0 });
    expect(after).toEqual({ isLocationEcbnDefault: false, isSelfEcbnDefault: true, dependentMemberCount: 1 });
  });

  it.each([
    {
      body: '{"selected":"LOCATION_MEMBER_NUMBER"}',
      description: '[Error 25008] Missing Mandatory field name: locationMemberId',
    },
    { body: '{"selected":"NONE"}', description: '[Error 25009] Invalid field value: selected' },
    { body: 'not json', description: 'The request could not be understood by the server due to malformed syntax.' },
  ])('answers 400 with a Webex error body to $body', async ({ body, description }) => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const answer = await simRequest(sim, 'PUT', ecbnPath(bob), {
      rawBody: body,
      headers: { 'Content-Type': 'application/json' },
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      message: description,
      errors: [{ description }],
      trackingId: answer.headers.get('trackingid'),
    });
    expect(sim.state.personEcbnSetting(bob)).toEqual({ selected: 'NONE' });
  });

  it('rates a member INVALID once its number is deactivated', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });
    await simRequest(sim, 'PUT', ecbnPath(bob), {
      body: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobby },
    });

    // Act
    sim.state.setNumberState('+14085550111', 'INACTIVE');
    const get = (await simRequest(sim, 'GET', ecbnPath(bob))).body;

    // Assess
    expect(get).toMatchObject({ locationMemberInfo: { effectiveValue: '+14085550111', quality: 'INVALID' } });
  });
});

describe('Webex simulator: available numbers paging', () => {
  it('follows Link rel="next" pages to the full list, keeping the filters', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });
    const all = (await simRequest(sim, 'GET', ecbnPath(bob, '/availableNumbers'))).body as {
      phoneNumbers: { phoneNumber: string }[];
    };

    // Act
    const pages: string[][] = [];
    const links: (string | null)[] = [];
    let next: string | undefined = `${sim.baseUrl}${ecbnPath(bob, '/availableNumbers')}?max=2`;
    while (next) {
      const response = await fetch(next, { headers: { Authorization: `Bearer ${sim.token}` } });
      const body = (await response.json()) as { phoneNumbers: { phoneNumber: string }[] };
      pages.push(body.phoneNumbers.map((n) => n.phoneNumber));
      const link = response.headers.get('link');
      links.push(link);
      next = link ? /^<([^>]+)>;\s*rel="next"$/.exec(link)?.[1] : undefined;
    }

    // Assess
    expect(all.phoneNumbers.length).toBeGreaterThan(4);
    expect(pages.flat()).toEqual(all.phoneNumbers.map((n) => n.phoneNumber));
    expect(pages.slice(0, -1).every((p) => p.length === 2)).toBe(true);
    expect(links.at(-1)).toBeNull();
    expect(links[0]).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/v1\/telephony\/config\/people\/[^>]+\?max=2&start=2>; rel="next"$/,
    );
  });

  it.each([
    { query: 'phoneNumber=%2B14085550111,%2B14085550150', expected: ['+14085550111', '+14085550150'] },
    { query: 'ownerName=Front%20Desk', expected: ['+14085550150'] },
    { query: 'phoneNumber=%2B15125550110', expected: [] },
  ])('filters by $query', async ({ query, expected }) => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const body = (await simRequest(sim, 'GET', `${ecbnPath(bob, '/availableNumbers')}?${query}`)).body as {
      phoneNumbers: { phoneNumber: string }[];
    };

    // Assess
    expect(body.phoneNumbers.map((n) => n.phoneNumber)).toEqual(expected);
  });

  it('answers 400 to a bad max', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    const answer = await simRequest(sim, 'GET', `${ecbnPath(bob, '/availableNumbers')}?max=0`);

    // Assess
    expect(answer.status).toBe(400);
  });
});

describe('Webex simulator: knobs', () => {
  it('answers 429 with an integer Retry-After once the bucket is empty, and recovers when the limit is lifted', async () => {
    // Prepare
    const sim = await startTestSimulator({
      org: demoOrg(),
      rateLimit: { requestsPerSecond: 0.5, burst: 2 },
      now: () => 1_000,
    });

    // Act
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push(await simRequest(sim, 'GET', ecbnPath(bob)));
    sim.configure({ rateLimit: null });
    const lifted = await simRequest(sim, 'GET', ecbnPath(bob));

    // Assess
    expect(statuses.map((s) => s.status)).toEqual([200, 200, 429]);
    expect(statuses[2]?.headers.get('retry-after')).toBe('2');
    expect(statuses[2]?.body).toMatchObject({
      message: expect.any(String),
      trackingId: statuses[2]?.headers.get('trackingid'),
    });
    expect(lifted.status).toBe(200);
  });

  it.each([
    { fault: 'status500', status: 500 },
    { fault: 'status502', status: 502 },
    { fault: 'status503', status: 503 },
    { fault: 'status504', status: 504 },
  ] as const)('injects $fault as a $status with a Webex error body', async ({ fault, status }) => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg(), faults: { sequence: [fault] } });

    // Act
    const faulted = await simRequest(sim, 'GET', ecbnPath(bob));
    const next = await simRequest(sim, 'GET', ecbnPath(bob));

    // Assess
    expect(faulted.status).toBe(status);
    expect(faulted.body).toMatchObject({ message: expect.any(String), errors: [{ description: expect.any(String) }] });
    expect(next.status).toBe(200);
  });

  it('injects 423 Locked with Retry-After', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg(), faults: { sequence: ['locked423'], retryAfterSeconds: 3 } });

    // Act
    const answer = await simRequest(sim, 'GET', ecbnPath(bob));

    // Assess
    expect(answer.status).toBe(423);
    expect(answer.headers.get('retry-after')).toBe('3');
  });

  it('resets the connection', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg(), faults: { sequence: ['reset'] } });

    // Act / Assess
    await expect(simRequest(sim, 'GET', ecbnPath(bob))).rejects.toThrow();
    expect(sim.requestLog.at(-1)).toMatchObject({ status: undefined, fault: 'reset' });
  });

  it('never answers a hung request until the client aborts', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg(), faults: { sequence: ['hang'] } });

    // Act
    const hung = fetch(`${sim.baseUrl}${ecbnPath(bob)}`, {
      headers: { Authorization: `Bearer ${sim.token}` },
      signal: AbortSignal.timeout(200),
    });

    // Assess
    await expect(hung).rejects.toThrow(/abort|timeout/i);
  });

  it('closes hung requests when it stops', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg(), faults: { sequence: ['hang'] } });
    const hung = fetch(`${sim.baseUrl}${ecbnPath(bob)}`, { headers: { Authorization: `Bearer ${sim.token}` } });
    const outcome = hung.then(
      () => 'answered',
      () => 'failed',
    );
    while (sim.requestLog.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    // Act
    await sim.stop();

    // Assess
    expect(await outcome).toBe('failed');
  });

  it('applies a faulted PUT before answering 504 when told to (gateway timeout after commit)', async () => {
    // Prepare
    const sim = await startTestSimulator({
      org: demoOrg(),
      faults: { sequence: ['status504'], appliedBeforeFaultProbability: 1 },
    });

    // Act
    const answer = await simRequest(sim, 'PUT', ecbnPath(bob), { body: { selected: 'LOCATION_ECBN' } });

    // Assess
    expect(answer.status).toBe(504);
    expect(sim.state.personEcbnSetting(bob)).toEqual({ selected: 'LOCATION_ECBN' });
  });

  it('repeats the same faults for the same seed and request order', async () => {
    // Prepare
    const faults = { probabilities: { status503: 0.3, locked423: 0.1 } };
    const runs: number[][] = [];

    // Act
    for (let run = 0; run < 2; run += 1) {
      const sim = await startTestSimulator({ org: demoOrg(), faults, random: seededRandom(99) });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i += 1) statuses.push((await simRequest(sim, 'GET', ecbnPath(bob))).status);
      runs.push(statuses);
      await sim.stop();
    }

    // Assess
    expect(runs[0]).toEqual(runs[1]);
    expect(new Set(runs[0])).toEqual(new Set([200, 503, 423]));
  });

  it('adds latency to each answer', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });
    sim.configure({ latencyMs: 60 });

    // Act
    const started = performance.now();
    await simRequest(sim, 'GET', ecbnPath(bob));
    const elapsed = performance.now() - started;

    // Assess: a lower bound only (no upper bound: CI machines are slow).
    expect(elapsed).toBeGreaterThanOrEqual(55);
  });

  it('rejects invalid knobs', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act / Assess
    expect(() => sim.configure({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(() => sim.configure({ faults: { probabilities: { status500: 2 } } })).toThrow(/within 0\.\.1/);
    expect(() => sim.configure({ rateLimit: { requestsPerSecond: 0, burst: 1 } })).toThrow(/requestsPerSecond/);
  });
});

describe('Webex simulator: request log and counters', () => {
  it('logs method, path, query, status and tracking id, never the token', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg(), token: 'SIM_CANARY_e8d1f5' });

    // Act
    await simRequest(sim, 'GET', `${ecbnPath(bob, '/availableNumbers')}?max=2`, {
      headers: { TrackingID: 'ECBNP_log-1' },
    });
    await simRequest(sim, 'PUT', ecbnPath(bob), { body: { selected: 'LOCATION_ECBN' } });

    // Assess
    expect(sim.requestLog[0]).toMatchObject({
      method: 'GET',
      path: `/v1${ecbnPath(bob, '/availableNumbers')}`,
      route: 'GET /telephony/config/people/{personId}/emergencyCallbackNumber/availableNumbers',
      query: { max: '2' },
      status: 200,
      trackingId: 'ECBNP_log-1',
      time: expect.any(Number),
    });
    expect(sim.requestLog[1]).toMatchObject({ method: 'PUT', status: 204 });
    expect(JSON.stringify(sim.requestLog)).not.toContain('SIM_CANARY_e8d1f5');
  });

  it('counts requests per endpoint template and resets the counters', async () => {
    // Prepare
    const sim = await startTestSimulator({ org: demoOrg() });

    // Act
    await simRequest(sim, 'GET', ecbnPath(bob));
    await simRequest(sim, 'GET', ecbnPath(alice));
    await simRequest(sim, 'PUT', ecbnPath(bob), { body: { selected: 'LOCATION_ECBN' } });
    const counted = sim.counters();
    sim.resetCounters();

    // Assess
    expect(counted).toEqual({
      'GET /telephony/config/people/{personId}/emergencyCallbackNumber': 2,
      'PUT /telephony/config/people/{personId}/emergencyCallbackNumber': 1,
    });
    expect(sim.counters()).toEqual({});
  });
});
