/**
 * The simulator's token endpoint (`POST /v1/access_token`, refresh grant) and `GET /v1/people/me`, over HTTP on
 * 127.0.0.1, on a fake clock: lifetimes, client checks, expired and revoked tokens.
 */
import { describe, expect, it } from 'vitest';
import { FULL_SCOPES, SERVICE_APP_PERSON_ID, type WebexSimulator } from '../../local/webex-simulator/index.js';
import { demoOrg } from '../helpers/simulator-org.js';
import { simRequest, startTestSimulator } from '../helpers/simulator.js';
import { canary } from '../helpers/token-secret-factories.js';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function startWithClient(options: { rotateRefreshTokens?: boolean } = {}) {
  let nowMs = Date.parse('2026-12-06T00:00:00Z');
  const client = { clientId: canary('CLIENTID'), clientSecret: canary('CLIENTSECRET') };
  const sim = await startTestSimulator({
    org: demoOrg(),
    now: () => nowMs,
    oauthClients: [
      {
        ...client,
        scopes: FULL_SCOPES,
        accessTokenLifetimeSeconds: 30,
        refreshTokenLifetimeSeconds: 3600,
        ...options,
      },
    ],
  });
  const grant = sim.authorizeOAuthClient(client.clientId);
  return { sim, client, grant, advance: (seconds: number) => (nowMs += seconds * 1000) };
}

/** The form of a valid refresh for the rig's client and grant, with `overrides` on top. */
function refreshForm(
  rig: { client: { clientId: string; clientSecret: string }; grant: { refreshToken: string } },
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    grant_type: 'refresh_token',
    client_id: rig.client.clientId,
    client_secret: rig.client.clientSecret,
    refresh_token: rig.grant.refreshToken,
    ...overrides,
  };
}

function refresh(sim: WebexSimulator, fields: Record<string, string>, headers: Record<string, string> = FORM) {
  return simRequest(sim, 'POST', '/access_token', {
    token: null,
    headers,
    rawBody: new URLSearchParams(fields).toString(),
  });
}

describe('the simulated token endpoint', () => {
  it('refreshes: a new access token with its lifetime, the same refresh token with what is left of its own', async () => {
    // Prepare
    const { sim, client, grant, advance } = await startWithClient();
    advance(600);
    // Act
    const answer = await refresh(sim, refreshForm({ client, grant }));
    // Assert
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.stringMatching(/^SIMACCESS_/),
      expires_in: 30,
      refresh_token: grant.refreshToken,
      refresh_token_expires_in: 3000,
      token_type: 'Bearer',
      scope: FULL_SCOPES.join(' '),
    });
    const accessToken = (answer.body as { access_token: string }).access_token;
    expect(accessToken).not.toBe(grant.accessToken);
    expect((await simRequest(sim, 'GET', '/people/me', { token: accessToken })).status).toBe(200);
  });

  it('issues a new refresh token on every refresh when the client is set to rotate them', async () => {
    const { sim, client, grant } = await startWithClient({ rotateRefreshTokens: true });
    const fields = { grant_type: 'refresh_token', client_id: client.clientId, client_secret: client.clientSecret };
    const first = await refresh(sim, { ...fields, refresh_token: grant.refreshToken });
    const next = (first.body as { refresh_token: string }).refresh_token;
    expect(next).not.toBe(grant.refreshToken);
    expect((await refresh(sim, { ...fields, refresh_token: grant.refreshToken })).status).toBe(400);
    expect((await refresh(sim, { ...fields, refresh_token: next })).status).toBe(200);
  });

  it.each([
    ['a wrong client secret', { client_secret: 'wrong' }, 401],
    ['an unknown client', { client_id: 'nobody' }, 401],
    ['an unknown refresh token', { refresh_token: 'nope' }, 400],
    ['another grant type', { grant_type: 'authorization_code' }, 400],
    ['a missing refresh token', { refresh_token: '' }, 400],
  ])('refuses %s with a Webex error body', async (_name, override, status) => {
    // Prepare
    const { sim, client, grant } = await startWithClient();
    // Act
    const answer = await refresh(sim, refreshForm({ client, grant }, override));
    // Assert
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({
      message: expect.any(String),
      errors: [{ description: expect.any(String) }],
      trackingId: expect.any(String),
    });
  });

  it('refuses an expired refresh token', async () => {
    const { sim, client, grant, advance } = await startWithClient();
    advance(3600);
    const answer = await refresh(sim, refreshForm({ client, grant }));
    expect(answer.status).toBe(400);
  });

  it('refuses a JSON body', async () => {
    const { sim, client, grant } = await startWithClient();
    const answer = await simRequest(sim, 'POST', '/access_token', {
      token: null,
      body: { grant_type: 'refresh_token', client_id: client.clientId, refresh_token: grant.refreshToken },
    });
    expect(answer.status).toBe(415);
  });
});

describe('tokens that expire or are revoked', () => {
  it('answers 401 with Webex error body once the access token has expired', async () => {
    // Prepare
    const { sim, grant, advance } = await startWithClient();
    expect((await simRequest(sim, 'GET', '/people/me', { token: grant.accessToken })).status).toBe(200);
    // Act
    advance(30);
    const answer = await simRequest(sim, 'GET', '/people/me', { token: grant.accessToken });
    // Assert
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      message: expect.any(String),
      errors: [{ description: expect.any(String) }],
      trackingId: answer.headers.get('trackingid'),
    });
  });

  it('answers 401 to the access tokens and 400 to the refresh token of a deauthorised client', async () => {
    const { sim, client, grant } = await startWithClient();
    sim.revokeRefreshToken(grant.refreshToken);
    expect((await simRequest(sim, 'GET', '/people/me', { token: grant.accessToken })).status).toBe(401);
    const answer = await refresh(sim, refreshForm({ client, grant }));
    expect(answer.status).toBe(400);
  });
});

describe('GET /people/me', () => {
  it("answers the token's own identity", async () => {
    const { sim, grant } = await startWithClient();
    const answer = await simRequest(sim, 'GET', '/people/me?callingData=true', { token: grant.accessToken });
    expect(answer.body).toMatchObject({ id: SERVICE_APP_PERSON_ID, type: 'appuser' });
  });
});
