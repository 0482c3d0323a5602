import { describe, expect, it } from 'vitest';
import { createWebexClient } from '../../../lambda/webex/client.js';
import type { EcbnSetting } from '../../../lambda/webex/models.js';
import type { WebexClient } from '../../../lambda/webex/types.js';
import { respondEmpty, respondJson, type StubStep } from '../../helpers/fetch-stub.js';
import {
  LOCATION_ID,
  ORG_ID,
  PERSON_ID,
  availableNumbersPage,
  dependenciesBody,
  locationEcbnBody,
  peopleListBody,
  personBody,
  personEcbnBody,
} from '../../helpers/webex-bodies.js';
import { CANARY_TOKEN, createTestClient } from '../../helpers/webex-client-harness.js';

const TRACKING_ID = /^ECBNP_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}_1$/;

interface OperationCase {
  readonly name: string;
  readonly answer: StubStep;
  readonly call: (client: WebexClient, orgId: string | undefined) => Promise<unknown>;
  readonly method: 'GET' | 'PUT';
  readonly path: string;
  /** Query without orgId. */
  readonly query: Record<string, string>;
  /** Whether the official definition documents `orgId` for this operation. */
  readonly sendsOrgId: boolean;
}

const personEcbnPath = `/v1/telephony/config/people/${PERSON_ID}/emergencyCallbackNumber`;

const operations: OperationCase[] = [
  {
    name: 'getPerson',
    answer: respondJson(personBody()),
    call: (client, orgId) => client.getPerson(PERSON_ID, { orgId }),
    method: 'GET',
    path: `/v1/people/${PERSON_ID}`,
    query: { callingData: 'true' },
    sendsOrgId: false,
  },
  {
    name: 'findPersonByEmail',
    answer: respondJson(peopleListBody([personBody()])),
    call: (client, orgId) => client.findPersonByEmail('ada+test@example.com', { orgId }),
    method: 'GET',
    path: '/v1/people',
    query: { email: 'ada+test@example.com', callingData: 'true' },
    sendsOrgId: true,
  },
  {
    name: 'getPersonEcbn',
    answer: respondJson(personEcbnBody()),
    call: (client, orgId) => client.getPersonEcbn(PERSON_ID, { orgId }),
    method: 'GET',
    path: personEcbnPath,
    query: {},
    sendsOrgId: true,
  },
  {
    name: 'updatePersonEcbn',
    answer: respondEmpty(204),
    call: (client, orgId) => client.updatePersonEcbn(PERSON_ID, { selected: 'LOCATION_ECBN' }, { orgId }),
    method: 'PUT',
    path: personEcbnPath,
    query: {},
    sendsOrgId: true,
  },
  {
    name: 'getPersonEcbnDependencies',
    answer: respondJson(dependenciesBody()),
    call: (client, orgId) => client.getPersonEcbnDependencies(PERSON_ID, { orgId }),
    method: 'GET',
    path: `${personEcbnPath}/dependencies`,
    query: {},
    sendsOrgId: true,
  },
  {
    name: 'listPersonEcbnAvailableNumbers',
    answer: respondJson(availableNumbersPage(2)),
    call: (client, orgId) => client.listPersonEcbnAvailableNumbers(PERSON_ID, {}, { orgId }),
    method: 'GET',
    path: `${personEcbnPath}/availableNumbers`,
    query: {},
    sendsOrgId: true,
  },
  {
    name: 'getLocationEcbn',
    answer: respondJson(locationEcbnBody()),
    call: (client, orgId) => client.getLocationEcbn(LOCATION_ID, { orgId }),
    method: 'GET',
    path: `/v1/telephony/config/locations/${LOCATION_ID}/features/emergencyCallbackNumber`,
    query: {},
    sendsOrgId: true,
  },
];

describe('Webex client requests', () => {
  describe.each(operations)('$name', (operation) => {
    it(`sends ${operation.method} ${operation.path} with exactly the documented query`, async () => {
      // Prepare
      const { client, stub } = createTestClient([operation.answer]);
      // Act
      await operation.call(client, undefined);
      // Assess
      expect(stub.requests).toHaveLength(1);
      const [request] = stub.requests;
      expect(request?.method).toBe(operation.method);
      expect(request?.url.origin).toBe('https://webexapis.com');
      expect(request?.url.pathname).toBe(operation.path);
      expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual(operation.query);
    });

    it(
      operation.sendsOrgId ? 'adds orgId when the caller gives one' : 'never sends orgId (not documented)',
      async () => {
        // Prepare
        const { client, stub } = createTestClient([operation.answer]);
        // Act
        await operation.call(client, ORG_ID);
        // Assess
        const query = Object.fromEntries(stub.requests[0]?.url.searchParams ?? []);
        expect(query).toEqual(operation.sendsOrgId ? { ...operation.query, orgId: ORG_ID } : operation.query);
      },
    );

    it('sends the bearer token, a per-request TrackingID and Accept: application/json', async () => {
      // Prepare
      const { client, stub } = createTestClient([operation.answer]);
      // Act
      await operation.call(client, undefined);
      // Assess
      const headers = stub.requests[0]?.headers ?? {};
      expect(headers.authorization).toBe(`Bearer ${CANARY_TOKEN}`);
      expect(headers.trackingid).toMatch(TRACKING_ID);
      expect(headers.accept).toBe('application/json');
      expect(headers['content-type']).toBe(operation.method === 'PUT' ? 'application/json' : undefined);
    });
  });

  it('uses a new TrackingID for every request', async () => {
    // Prepare
    const { client, stub } = createTestClient([respondJson(personEcbnBody()), respondJson(personEcbnBody())]);
    // Act
    await client.getPersonEcbn(PERSON_ID);
    await client.getPersonEcbn(PERSON_ID);
    // Assess
    const [first, second] = stub.requests.map((request) => request.headers.trackingid);
    expect(first).not.toBe(second);
  });

  it('uses the configured TrackingID prefix', async () => {
    // Prepare
    const { client, stub } = createTestClient([respondJson(personEcbnBody())], { trackingIdPrefix: 'ECBNP-STAGE' });
    // Act
    await client.getPersonEcbn(PERSON_ID);
    // Assess
    expect(stub.requests[0]?.headers.trackingid).toMatch(/^ECBNP-STAGE_[0-9a-f-]{36}_1$/);
  });

  it('asks the token provider on every attempt, so a rotated token is used', async () => {
    // Prepare
    const tokens = ['token-one-aaaaaaaa', 'token-two-bbbbbbbb'];
    const { client, stub } = createTestClient([respondEmpty(503), respondJson(personEcbnBody())], {
      getToken: async () => tokens.shift() ?? 'none',
    });
    // Act
    await client.getPersonEcbn(PERSON_ID);
    // Assess
    expect(stub.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer token-one-aaaaaaaa',
      'Bearer token-two-bbbbbbbb',
    ]);
  });

  it.each([
    ['a member number', { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzEx' }],
    ['the location ECBN', { selected: 'LOCATION_ECBN' }],
    ['the direct line', { selected: 'DIRECT_LINE' }],
  ] as const)('PUTs %s as the documented JSON body', async (_case, setting) => {
    // Prepare
    const { client, stub } = createTestClient([respondEmpty(204)]);
    // Act
    await client.updatePersonEcbn(PERSON_ID, setting);
    // Assess
    expect(JSON.parse(stub.requests[0]?.body ?? 'null')).toEqual(setting);
  });

  it.each([
    ['NONE (GET-only value)', { selected: 'NONE' }],
    ['a member number without member id', { selected: 'LOCATION_MEMBER_NUMBER' }],
    ['a member id with the location ECBN', { selected: 'LOCATION_ECBN', locationMemberId: 'abc' }],
    ['an empty member id', { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: '' }],
  ])('refuses to PUT %s and sends nothing', async (_case, setting) => {
    // Prepare
    const { client, stub } = createTestClient([respondEmpty(204)]);
    // Act
    const result = client.updatePersonEcbn(PERSON_ID, setting as unknown as EcbnSetting);
    // Assess
    await expect(result).rejects.toThrow(/Invalid ECBN setting, not sent to Webex/);
    expect(stub.requests).toHaveLength(0);
  });

  it('accepts a 200 to the PUT as success too', async () => {
    // Prepare
    const { client } = createTestClient([respondJson({})]);
    // Act
    const result = client.updatePersonEcbn(PERSON_ID, { selected: 'DIRECT_LINE' });
    // Assess
    await expect(result).resolves.toBeUndefined();
  });

  it('encodes path ids', async () => {
    // Prepare
    const { client, stub } = createTestClient([respondJson(personEcbnBody())]);
    // Act
    await client.getPersonEcbn('a/b?c#d e');
    // Assess
    expect(stub.requests[0]?.url.pathname).toBe(
      '/v1/telephony/config/people/a%2Fb%3Fc%23d%20e/emergencyCallbackNumber',
    );
    expect(stub.requests[0]?.url.search).toBe('');
  });

  it.each(['', ' ', '.', '..'])('refuses the path id %j without sending', async (personId) => {
    // Prepare
    const { client, stub } = createTestClient([respondJson(personEcbnBody())]);
    // Act
    const result = client.getPersonEcbn(personId);
    // Assess
    await expect(result).rejects.toThrow(TypeError);
    expect(stub.requests).toHaveLength(0);
  });

  it('returns the first person found by email, or undefined when nobody has it', async () => {
    // Prepare
    const { client } = createTestClient([respondJson(peopleListBody([personBody()])), respondJson(peopleListBody([]))]);
    // Act
    const found = await client.findPersonByEmail('ada.lovelace@example.com');
    const missing = await client.findPersonByEmail('nobody@example.com');
    // Assess
    expect(found?.id).toBe(PERSON_ID);
    expect(missing).toBeUndefined();
  });

  it('sends the available-number filters comma-joined', async () => {
    // Prepare
    const { client, stub } = createTestClient([respondJson(availableNumbersPage(1))]);
    // Act
    await client.listPersonEcbnAvailableNumbers(PERSON_ID, {
      phoneNumber: ['+14085550123', '+14085550124'],
      ownerName: 'Lobby',
    });
    // Assess
    expect(Object.fromEntries(stub.requests[0]?.url.searchParams ?? [])).toEqual({
      phoneNumber: '+14085550123,+14085550124',
      ownerName: 'Lobby',
    });
  });

  it('reports every attempt to onAttempt', async () => {
    // Prepare
    const { client, attempts, onAttempt, clock } = createTestClient([respondEmpty(503), respondJson(personEcbnBody())]);
    // Act
    await client.getPersonEcbn(PERSON_ID, { onAttempt });
    // Assess
    expect(attempts).toEqual([
      expect.objectContaining({ method: 'GET', status: 503, attempt: 1, durationMs: 0 }),
      expect.objectContaining({ method: 'GET', status: 200, attempt: 2, durationMs: 0 }),
    ]);
    expect(attempts[0]?.path).toBe(`/telephony/config/people/${PERSON_ID}/emergencyCallbackNumber`);
    expect(attempts[0]?.trackingId).toMatch(/_1$/);
    expect(attempts[1]?.trackingId).toBe(attempts[0]?.trackingId.replace(/_1$/, '_2'));
    expect(clock.sleeps).toEqual([150]);
  });

  it('reports the TrackingID Webex answered with', async () => {
    // Prepare
    const { client, attempts, onAttempt } = createTestClient([
      respondJson(personEcbnBody(), { headers: { TrackingID: 'ROUTERGW_answered' } }),
    ]);
    // Act
    await client.getPersonEcbn(PERSON_ID, { onAttempt });
    // Assess
    expect(attempts[0]?.trackingId).toBe('ROUTERGW_answered');
  });
});

describe('createWebexClient options', () => {
  const getToken = async (): Promise<string> => CANARY_TOKEN;

  it.each([
    ['plain http to a remote host', { baseUrl: 'http://webexapis.com/v1' }, /must use https:/],
    ['a zero timeout', { timeoutMs: 0 }, /timeoutMs/],
    ['a negative retry limit', { retry: { limit: -1 } }, /retry.limit/],
    ['a TrackingID prefix with spaces', { trackingIdPrefix: 'my app' }, /trackingIdPrefix/],
  ])('rejects %s at creation', (_case, options, message) => {
    expect(() => createWebexClient({ getToken, ...options })).toThrow(message);
  });

  it('accepts the loopback simulator over http', () => {
    expect(() => createWebexClient({ getToken, baseUrl: 'http://127.0.0.1:8787/v1' })).not.toThrow();
  });

  it('sends requests under the simulator base URL', async () => {
    // Prepare
    const { client, stub } = createTestClient([respondJson(personEcbnBody())], { baseUrl: 'http://127.0.0.1:8787' });
    // Act
    await client.getPersonEcbn(PERSON_ID);
    // Assess
    expect(stub.requests[0]?.url.href).toBe(
      `http://127.0.0.1:8787/telephony/config/people/${PERSON_ID}/emergencyCallbackNumber`,
    );
  });
});
