/**
 * The real Webex client (`createWebexClient`) against the simulator on 127.0.0.1: every operation, the errors it maps
 * the simulator's answers to, 429 under a tight rate limit, and injected faults (scripted and seeded).
 * Client and simulator share one fake clock: the client's `sleep` moves it, the simulator's rate limiter reads it,
 * so Retry-After waits take no real time. Only the hang case waits (for the client's 300 ms per-attempt timeout).
 * Everything runs twice: over the global fetch and over the handler's keep-alive node transport.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  classifyError,
  WebexAuthenticationError,
  WebexBadRequestError,
  WebexForbiddenError,
  WebexNotFoundError,
  WebexRateLimitedError,
  WebexServerError,
} from '../../lambda/errors.js';
import { createWebexClient } from '../../lambda/webex/client.js';
import { encodeWebexId, sameWebexId } from '../../lambda/webex/ids.js';
import { createNodeTransport, type NodeTransport } from '../../lambda/webex/node-transport.js';
import type { WebexClientOptions } from '../../lambda/webex/types.js';
import {
  FAULT_KINDS,
  FULL_SCOPES,
  SCOPE,
  seededRandom,
  type FaultKind,
  type WebexSimulator,
  type WebexSimulatorOptions,
} from '../../local/webex-simulator/index.js';
import { startTestSimulator } from '../helpers/simulator.js';
import { demoIds, demoOrg } from '../helpers/simulator-org.js';

const CANARY = 'SIM_CANARY_TOKEN_5d0f7a2b9c';
const ids = demoIds();
const alice = ids.person('alice.nguyen');
const bob = ids.person('bob.martinez');
const erin = ids.person('erin.walsh');
const frank = ids.person('frank.lee');
const hq = ids.location('San Jose HQ');
const austin = ids.location('Austin Branch');
const lobby = ids.workspace('SJ-B1-F1 Lobby Phone');

function sharedClock(start = Date.UTC(2026, 10, 29, 12)) {
  let current = start;
  const sleeps: number[] = [];
  return {
    now: () => current,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      current += ms;
    },
    sleeps,
  };
}

const statuses = (sim: WebexSimulator) => sim.requestLog.map((r) => r.status ?? r.fault);

/** Everything an error exposes, for the redaction checks. */
function exposed(error: unknown): string {
  const seen = new Set<unknown>();
  const walk = (value: unknown): string => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return String(value);
    seen.add(value);
    const own = Object.getOwnPropertyNames(value).map(
      (key) => `${key}=${walk((value as Record<string, unknown>)[key])}`,
    );
    return `${String(value)} ${own.join(' ')}`;
  };
  return `${walk(error)} ${JSON.stringify(error)}`;
}

/**
 * Every case runs over both transports the client is used with: the global `fetch` (its default) and the keep-alive
 * `node:http(s)` transport the Lambda handler uses (`createNodeTransport`).
 */
const TRANSPORTS: readonly { name: string; create: () => NodeTransport | undefined }[] = [
  { name: 'the global fetch', create: () => undefined },
  { name: 'the keep-alive node transport', create: () => createNodeTransport() },
];

describe.each(TRANSPORTS)('over $name', ({ create }) => {
  const opened: NodeTransport[] = [];
  afterEach(() => {
    for (const transport of opened.splice(0)) transport.destroy();
  });

  /** The transport option of a client built in this block. */
  function transportOption(): Pick<WebexClientOptions, 'transport'> {
    const transport = create();
    if (transport === undefined) return {};
    opened.push(transport);
    return { transport };
  }

  /** A simulator with the canary token and a strict-schema client on a shared fake clock. */
  async function setUp(
    simOptions: Partial<WebexSimulatorOptions> = {},
    clientOptions: Partial<WebexClientOptions> = {},
  ) {
    const clock = sharedClock();
    const sim = await startTestSimulator({ org: demoOrg(), token: CANARY, now: clock.now, ...simOptions });
    const client = createWebexClient({
      baseUrl: sim.baseUrl,
      getToken: async () => CANARY,
      schemaMode: 'strict',
      now: clock.now,
      sleep: clock.sleep,
      random: () => 0.5,
      timeoutMs: 2_000,
      ...transportOption(),
      ...clientOptions,
    });
    return { sim, client, clock };
  }

  describe('Webex client against the simulator: operations', () => {
    it('gets a person with calling data', async () => {
      // Prepare
      const { client } = await setUp();

      // Act
      const person = await client.getPerson(alice);

      // Assess
      expect(person).toMatchObject({
        id: alice,
        locationId: hq,
        extension: '2201',
        phoneNumbers: [
          { type: 'work', value: '+14085550201', primary: true },
          { type: 'work_extension', value: '81002201', primary: false },
        ],
      });
    });

    it('finds a person by email, and nobody for an unknown email', async () => {
      // Prepare
      const { client } = await setUp();

      // Act
      const found = await client.findPersonByEmail('Bob.Martinez@acme-robotics.example');
      const missing = await client.findPersonByEmail('nobody@acme-robotics.example');

      // Assess
      expect(found?.id).toBe(bob);
      expect(found?.phoneNumbers).toEqual([{ type: 'work_extension', value: '81002202', primary: true }]);
      expect(missing).toBeUndefined();
    });

    it('reads a person’s ECBN: NONE for a person never configured, the member for one on a workspace', async () => {
      // Prepare
      const { client } = await setUp();

      // Act
      const bobEcbn = await client.getPersonEcbn(bob);
      const erinEcbn = await client.getPersonEcbn(erin);

      // Assess
      expect(bobEcbn.selected).toBe('NONE');
      expect(erinEcbn).toMatchObject({
        selected: 'LOCATION_MEMBER_NUMBER',
        locationMemberInfo: {
          memberType: 'PLACE',
          quality: 'RECOMMENDED',
          effectiveValue: '+14085550111',
        },
      });
      // Read back in another encoding of the same id, as the live API does at times.
      expect(erinEcbn.locationMemberInfo?.memberId).not.toBe(lobby);
      expect(sameWebexId(erinEcbn.locationMemberInfo?.memberId, lobby)).toBe(true);
    });

    it('accepts the PUTs the documentation gives no 400 for: an inactive member, DIRECT_LINE without a direct line', async () => {
      // Prepare
      const { client } = await setUp();
      const inactivePhone = ids.workspace('SJ-B2-F2 Callback Phone');

      // Act
      await client.updatePersonEcbn(bob, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: inactivePhone });
      const onInactive = await client.getPersonEcbn(bob);
      await client.updatePersonEcbn(bob, { selected: 'DIRECT_LINE' });
      const onDirectLine = await client.getPersonEcbn(bob);

      // Assess: Webex says what they resolve to
      expect(onInactive.locationMemberInfo?.quality).toBe('INVALID');
      expect(onDirectLine.selected).toBe('DIRECT_LINE');
      expect(onDirectLine.directLineInfo?.phoneNumber).toBeUndefined();
      expect(onDirectLine.directLineInfo?.effectiveValue).toBe(onDirectLine.locationECBNInfo?.effectiveValue);
    });

    it('lists available numbers across Link pages, with filters', async () => {
      // Prepare
      const { client, sim } = await setUp({ maxPageSize: 2 });

      // Act
      const all = await client.listPersonEcbnAvailableNumbers(bob);
      const filtered = await client.listPersonEcbnAvailableNumbers(bob, {
        phoneNumber: ['+14085550111', '+14085550122'],
      });
      const byOwner = await client.listPersonEcbnAvailableNumbers(bob, { ownerName: 'Front Desk' });

      // Assess
      expect(all.map((n) => n.phoneNumber)).toEqual(
        sim.state.availableNumbersForPerson(bob)?.map((n) => n.phoneNumber),
      );
      expect(all.length).toBeGreaterThan(4);
      expect(sim.counters()['GET /telephony/config/people/{personId}/emergencyCallbackNumber/availableNumbers']).toBe(
        Math.ceil(all.length / 2) + 2,
      );
      expect(filtered.map((n) => [n.phoneNumber, n.state])).toEqual([
        ['+14085550111', 'ACTIVE'],
        ['+14085550122', 'INACTIVE'],
      ]);
      expect(byOwner.map((n) => n.owner?.type)).toEqual(['HUNT_GROUP']);
    });

    it('updates a person’s ECBN to a member found in the available numbers (204), and reads it back', async () => {
      // Prepare
      const { client, sim } = await setUp();
      const [candidate] = await client.listPersonEcbnAvailableNumbers(bob, { phoneNumber: ['+14085550111'] });
      const memberId = candidate?.owner?.id ?? '';
      const before = sim.state.dependentCount(lobby);

      // Act
      await client.updatePersonEcbn(bob, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: memberId });
      const after = await client.getPersonEcbn(bob);

      // Assess
      expect(sameWebexId(memberId, lobby)).toBe(true);
      expect(after.selected).toBe('LOCATION_MEMBER_NUMBER');
      expect(sameWebexId(after.locationMemberInfo?.memberId, lobby)).toBe(true);
      expect(sim.state.dependentCount(lobby)).toBe(before + 1);
      expect(sim.requestLog.find((r) => r.method === 'PUT')?.status).toBe(204);
    });

    it('reads a person’s ECBN dependencies', async () => {
      // Prepare
      const { client } = await setUp();
      await client.updatePersonEcbn(bob, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: alice });

      // Act
      const dependencies = await client.getPersonEcbnDependencies(alice);

      // Assess
      expect(dependencies).toEqual({ isLocationEcbnDefault: false, isSelfEcbnDefault: true, dependentMemberCount: 1 });
    });

    it('reads a location’s ECBN', async () => {
      // Prepare
      const { client } = await setUp();

      // Act
      const hqEcbn = await client.getLocationEcbn(hq);
      const austinEcbn = await client.getLocationEcbn(austin);

      // Assess
      expect(hqEcbn).toMatchObject({
        selected: 'LOCATION_NUMBER',
        locationInfo: { phoneNumber: '+14085550100', name: 'San Jose HQ' },
      });
      expect(austinEcbn).toMatchObject({
        selected: 'LOCATION_MEMBER_NUMBER',
        locationMemberInfo: { effectiveValue: '+15125550110', memberType: 'PLACE', quality: 'RECOMMENDED' },
      });
    });

    it('sends orgId where documented: its own org works, another org is forbidden (configuration)', async () => {
      // Prepare
      const { client, sim } = await setUp();
      const foreignOrg = encodeWebexId('ORGANIZATION', '00000000-0000-4000-8000-0000000000ff');

      // Act
      const own = await client.getPersonEcbn(bob, { orgId: sim.state.orgId });
      const foreign = await client.getPersonEcbn(bob, { orgId: foreignOrg }).catch((error: unknown) => error);

      // Assess
      expect(own.selected).toBe('NONE');
      expect(sim.requestLog[0]?.query).toEqual({ orgId: sim.state.orgId });
      expect(foreign).toBeInstanceOf(WebexForbiddenError);
      expect(classifyError(foreign)).toBe('configuration');
    });
  });

  describe('Webex client against the simulator: errors', () => {
    it.each([
      {
        case: 'an unknown person',
        call: (c: Awaited<ReturnType<typeof setUp>>['client']) =>
          c.getPerson(encodeWebexId('PEOPLE', '00000000-0000-4000-8000-0000000000aa')),
        type: WebexNotFoundError,
        kind: 'permanent',
      },
      {
        case: 'the ECBN of a person without a calling location',
        call: (c: Awaited<ReturnType<typeof setUp>>['client']) => c.getPersonEcbn(frank),
        type: WebexNotFoundError,
        kind: 'permanent',
      },
    ])('maps $case to $type.name ($kind) without retrying', async ({ call, type, kind }) => {
      // Prepare
      const { client, sim } = await setUp();

      // Act
      const error = await call(client).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(type);
      expect(classifyError(error)).toBe(kind);
      expect(sim.requestLog).toHaveLength(1);
      expect((error as { trackingId: string }).trackingId).toBe(sim.requestLog[0]?.trackingId);
    });

    it('carries the Webex Calling error code and description of a 400', async () => {
      // Prepare
      const { client } = await setUp();

      // Act
      const error = await client
        .updatePersonEcbn(bob, {
          selected: 'LOCATION_MEMBER_NUMBER',
          locationMemberId: ids.workspace('AUS Reception Phone'),
        })
        .catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(WebexBadRequestError);
      expect(error).toMatchObject({
        status: 400,
        errorCode: 25010,
        description: expect.stringContaining('[Error 25010]'),
      });
    });

    it('maps a revoked token to an authentication error and a missing scope to forbidden (configuration)', async () => {
      // Prepare
      const { client, sim } = await setUp({
        tokens: [{ token: 'read-only', scopes: FULL_SCOPES.filter((s) => s !== SCOPE.telephonyConfigWrite) }],
      });
      const readOnly = createWebexClient({
        baseUrl: sim.baseUrl,
        getToken: async () => 'read-only',
        schemaMode: 'strict',
        ...transportOption(),
      });

      // Act
      const forbidden = await readOnly.updatePersonEcbn(bob, { selected: 'LOCATION_ECBN' }).catch((e: unknown) => e);
      sim.revokeToken(CANARY);
      const unauthorized = await client.getPersonEcbn(bob).catch((e: unknown) => e);

      // Assess
      expect(forbidden).toBeInstanceOf(WebexForbiddenError);
      expect(unauthorized).toBeInstanceOf(WebexAuthenticationError);
      expect([classifyError(forbidden), classifyError(unauthorized)]).toEqual(['configuration', 'configuration']);
    });

    it('picks up a rotated token on the next call', async () => {
      // Prepare
      let token = CANARY;
      const { sim } = await setUp();
      const client = createWebexClient({
        baseUrl: sim.baseUrl,
        getToken: async () => token,
        schemaMode: 'strict',
        ...transportOption(),
      });
      await client.getPersonEcbn(bob);

      // Act
      sim.addToken({ token: 'SIM_ROTATED', scopes: FULL_SCOPES });
      sim.revokeToken(CANARY);
      token = 'SIM_ROTATED';
      const after = await client.getPersonEcbn(bob);

      // Assess
      expect(after.selected).toBe('NONE');
    });

    it('never exposes the token in any error it raises', async () => {
      // Prepare
      const { client, sim } = await setUp({
        faults: { sequence: ['status503', 'status503', 'status503', 'reset', 'reset', 'reset'] },
      });

      // Act
      const errors = await Promise.all([
        client.getPersonEcbn(bob).catch((e: unknown) => e),
        client.getPersonEcbn(bob).catch((e: unknown) => e),
      ]);
      errors.push(
        await client
          .updatePersonEcbn(bob, {
            selected: 'LOCATION_MEMBER_NUMBER',
            locationMemberId: encodeWebexId('PLACE', '00000000-0000-4000-8000-0000000fffff'),
          })
          .catch((e: unknown) => e),
      );
      sim.revokeToken(CANARY);
      errors.push(await client.getPerson(bob).catch((e: unknown) => e));

      // Assess
      expect(errors.every((e) => e instanceof Error)).toBe(true);
      for (const error of errors) expect(exposed(error)).not.toContain(CANARY);
      expect(JSON.stringify(sim.requestLog)).not.toContain(CANARY);
    });
  });

  describe('Webex client against the simulator: rate limit and faults', () => {
    it('waits out a 429 Retry-After under a tight rate limit and succeeds', async () => {
      // Prepare
      const { client, sim, clock } = await setUp({ rateLimit: { requestsPerSecond: 1, burst: 1 } });

      // Act
      const first = await client.getPersonEcbn(bob);
      const second = await client.getPersonEcbn(alice);

      // Assess
      expect([first.selected, second.selected]).toEqual(['NONE', 'DIRECT_LINE']);
      expect(statuses(sim)).toEqual([200, 429, 200]);
      expect(clock.sleeps).toEqual([1_000]);
    });

    it('gives the 429 back, with its Retry-After, when waiting would pass the deadline', async () => {
      // Prepare
      const { client, sim, clock } = await setUp({ rateLimit: { requestsPerSecond: 0.2, burst: 1 } });
      await client.getPersonEcbn(bob);

      // Act
      const error = await client.getPersonEcbn(bob, { deadline: clock.now() + 2_000 }).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(WebexRateLimitedError);
      expect(error).toMatchObject({ status: 429, retryAfterSeconds: 5 });
      expect(classifyError(error)).toBe('transient');
      expect(statuses(sim)).toEqual([200, 429]);
    });

    it.each(FAULT_KINDS.map((fault) => [fault] as [FaultKind]))(
      'recovers from one injected %s by retrying',
      async (fault) => {
        // Prepare
        const { client, sim } = await setUp({ faults: { sequence: [fault] } }, { timeoutMs: 300 });

        // Act
        const ecbn = await client.getPersonEcbn(bob);

        // Assess
        expect(ecbn.selected).toBe('NONE');
        expect(sim.requestLog.map((r) => r.fault ?? r.status)).toEqual([fault, 200]);
      },
    );

    it('surfaces a transient server error once its retries are used up', async () => {
      // Prepare
      const { client, sim } = await setUp(
        { faults: { sequence: ['status503', 'status503', 'status503'] } },
        { retry: { limit: 2 } },
      );

      // Act
      const error = await client.getPersonEcbn(bob).catch((e: unknown) => e);

      // Assess
      expect(error).toBeInstanceOf(WebexServerError);
      expect(error).toMatchObject({ status: 503 });
      expect(classifyError(error)).toBe('transient');
      expect(statuses(sim)).toEqual([503, 503, 503]);
    });

    it('repeats a PUT that was applied before its 504, ending in the wanted state', async () => {
      // Prepare
      const { client, sim } = await setUp({ faults: { sequence: ['status504'], appliedBeforeFaultProbability: 1 } });

      // Act
      await client.updatePersonEcbn(bob, { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobby });

      // Assess
      expect(statuses(sim)).toEqual([504, 204]);
      expect(sim.state.personEcbnSetting(bob)).toEqual({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: lobby });
    });

    it('gets every operation through seeded random faults, with the simulator’s state as the truth', async () => {
      // Prepare
      const { client, sim } = await setUp(
        {
          faults: {
            probabilities: {
              status500: 0.05,
              status502: 0.05,
              status503: 0.1,
              status504: 0.05,
              locked423: 0.05,
              reset: 0.05,
            },
          },
          random: seededRandom(2026),
        },
        { retry: { limit: 8 } },
      );
      const people = [bob, ids.person('carol.smith'), ids.person('dan.okafor'), ids.person('ivan.petrov')];

      // Act
      for (const person of people) {
        await client.getPerson(person);
        await client.getPersonEcbn(person);
        const numbers = await client.listPersonEcbnAvailableNumbers(person, { phoneNumber: ['+14085550112'] });
        await client.updatePersonEcbn(person, {
          selected: 'LOCATION_MEMBER_NUMBER',
          locationMemberId: numbers[0]?.owner?.id ?? '',
        });
        await client.getPersonEcbnDependencies(person);
      }
      await client.getLocationEcbn(hq);
      await client.findPersonByEmail('alice.nguyen@acme-robotics.example');

      // Assess
      const faults = sim.requestLog.filter((r) => r.fault !== undefined);
      expect(faults.length).toBeGreaterThan(3);
      for (const person of people) {
        const setting = sim.state.personEcbnSetting(person);
        expect(setting.selected).toBe('LOCATION_MEMBER_NUMBER');
        expect(sameWebexId(setting.locationMemberId, ids.workspace('SJ-B1-F2 Callback Phone'))).toBe(true);
      }
      expect(sim.state.dependentCount(ids.workspace('SJ-B1-F2 Callback Phone'))).toBe(people.length);
    });
  });
});
