import { describe, expect, it } from 'vitest';
import {
  WebexAuthenticationError,
  WebexBadRequestError,
  WebexNetworkError,
  WebexResponseError,
  WebexServerError,
  describeError,
} from '../../../lambda/errors.js';
import { refreshWebexToken } from '../../../lambda/token/webex-token-refresh.js';
import {
  createFetchStub,
  failNetwork,
  respondError,
  respondJson,
  respondText,
  type StubStep,
} from '../../helpers/fetch-stub.js';
import { canary } from '../../helpers/token-secret-factories.js';

const credentials = {
  clientId: canary('CLIENTID'),
  clientSecret: canary('CLIENTSECRET'),
  refreshToken: canary('REFRESH'),
};
const BASE = 'https://webexapis.com/v1';

async function refreshWith(step: StubStep) {
  const stub = createFetchStub(step);
  const outcome = await refreshWebexToken(credentials, { baseUrl: BASE, transport: stub.fetch }).catch(
    (error: unknown) => error,
  );
  return { outcome, stub };
}

describe('refreshing the Webex token', () => {
  it('posts the refresh grant form-encoded to /v1/access_token and reads the answer', async () => {
    // Prepare
    const access = canary('ACCESS');
    // Act
    const { outcome, stub } = await refreshWith(
      respondJson(
        {
          access_token: access,
          expires_in: 1_209_599,
          refresh_token: credentials.refreshToken,
          refresh_token_expires_in: 7_776_000,
          token_type: 'Bearer',
          scope: 'spark-admin:people_read',
        },
        { headers: { TrackingID: 'ROUTERGW_abc' } },
      ),
    );
    // Assert
    expect(outcome).toEqual({
      accessToken: access,
      expiresInSeconds: 1_209_599,
      refreshToken: credentials.refreshToken,
      refreshTokenExpiresInSeconds: 7_776_000,
      scope: 'spark-admin:people_read',
      trackingId: 'ROUTERGW_abc',
    });
    const [request] = stub.requests;
    expect(request?.url.href).toBe(`${BASE}/access_token`);
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'refresh_token',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      refresh_token: credentials.refreshToken,
    });
  });

  it.each([
    ['a 401 (wrong client)', respondError(401, { message: 'Invalid client' }), WebexAuthenticationError],
    ['a 400 (refresh token expired or revoked)', respondError(400, { message: 'bad token' }), WebexBadRequestError],
    ['a 503', respondError(503), WebexServerError],
    ['a reset connection', failNetwork(), WebexNetworkError],
    ['a 200 that is not JSON', respondText(200, '<html>'), WebexResponseError],
    ['a 200 without expires_in', respondJson({ access_token: 'x' }), WebexResponseError],
  ])('fails on %s with a typed error that holds no credential', async (_name, step, type) => {
    const { outcome } = await refreshWith(step);
    expect(outcome).toBeInstanceOf(type);
    const described = `${describeError(outcome, 2000)} ${JSON.stringify(outcome)}`;
    for (const secret of Object.values(credentials)) expect(described).not.toContain(secret);
  });
});
