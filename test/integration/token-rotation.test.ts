/**
 * The rotation function through all four steps against the Webex simulator and the local Secrets Manager.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { parseTokenSecret, type OAuthTokenSecret } from '../../lambda/token/token-secret.js';
import {
  ACCESS_TOKEN_SECONDS_TO_EXPIRY_METRIC,
  REFRESH_TOKEN_SECONDS_TO_EXPIRY_METRIC,
  TOKEN_ROTATION_FAILED_METRIC,
  TOKEN_ROTATION_SUCCEEDED_METRIC,
} from '../../lambda/token-rotation/rotation-metrics.js';
import { simRequest } from '../helpers/simulator.js';
import { TOKEN_SECRET_NAME, startRotationRig } from '../helpers/token-rotation-harness.js';

type Rig = Awaited<ReturnType<typeof startRotationRig>>;

async function secretAt(rig: Rig, stage: string): Promise<OAuthTokenSecret> {
  const answer = await rig.secretsManager.send(
    new GetSecretValueCommand({ SecretId: TOKEN_SECRET_NAME, VersionStage: stage }),
  );
  const parsed = parseTokenSecret(answer.SecretString);
  if (parsed.kind !== 'oauth') throw new Error('expected the OAuth form');
  return parsed.oauth;
}

const REFRESHES = 'POST /access_token';

describe('rotating the Webex token', () => {
  it('refreshes at Webex, tests the new token and makes it AWSCURRENT, keeping the refresh token Webex returned', async () => {
    // Prepare
    const rig = await startRotationRig({ accessTokenLifetimeSeconds: 30 });
    rig.advance(20);
    // Act
    const result = await rig.rotate();
    // Assert
    expect(result).toMatchObject({ ok: true });
    const current = await secretAt(rig, 'AWSCURRENT');
    expect(current.accessToken).not.toBe(rig.initial.accessToken);
    expect(current.refreshToken).toBe(rig.initial.refreshToken);
    expect(current.expiresAt).toBe(new Date(rig.now() + 30_000).toISOString());
    expect(current.refreshTokenExpiresAt).toBe(rig.initial.refreshTokenExpiresAt);
    expect((await secretAt(rig, 'AWSPREVIOUS')).accessToken).toBe(rig.initial.accessToken);
    expect(rig.secrets.describe(TOKEN_SECRET_NAME).versionIdsToStages[result.clientRequestToken]).toEqual([
      'AWSCURRENT',
    ]);
    expect(rig.webex.counters()['GET /people/me']).toBe(1);
    expect((await simRequest(rig.webex, 'GET', '/people/me', { token: current.accessToken })).status).toBe(200);
    const metricNames = rig.addMetric.mock.calls.map((call) => call[0]);
    expect(metricNames).toContain(TOKEN_ROTATION_SUCCEEDED_METRIC);
    expect(metricNames).not.toContain(TOKEN_ROTATION_FAILED_METRIC);
    const accessSeconds = rig.addMetric.mock.calls.filter((call) => call[0] === ACCESS_TOKEN_SECONDS_TO_EXPIRY_METRIC);
    expect(accessSeconds.at(-1)?.[2]).toBe(30);
  });

  it('stores the new refresh token and its expiry when Webex returns a new one', async () => {
    const rig = await startRotationRig({ rotateRefreshTokens: true });
    await rig.rotate();
    const current = await secretAt(rig, 'AWSCURRENT');
    expect(current.refreshToken).not.toBe(rig.initial.refreshToken);
    expect(current.refreshTokenExpiresAt).toBe(new Date(rig.now() + 90 * 86_400_000).toISOString());
  });

  it('leaves AWSCURRENT working when the refresh fails', async () => {
    // Prepare: the stored client secret is wrong, so Webex refuses the refresh (401).
    const rig = await startRotationRig({
      secret: (secret) => ({ ...secret, clientSecret: `${secret.clientSecret}x` }),
    });
    // Act
    const result = await rig.rotate();
    // Assert
    expect(result).toMatchObject({ ok: false, failedStep: 'createSecret' });
    const current = await secretAt(rig, 'AWSCURRENT');
    expect(current.accessToken).toBe(rig.initial.accessToken);
    expect((await simRequest(rig.webex, 'GET', '/people/me', { token: current.accessToken })).status).toBe(200);
    expect(rig.addMetric.mock.calls.map((call) => call[0])).toContain(TOKEN_ROTATION_FAILED_METRIC);
    expect(rig.output.join('')).toContain('WebexAuthenticationError');
  });

  it('does not promote a pending token that Webex refuses', async () => {
    // Prepare: create the pending version, then Webex revokes its access token.
    const rig = await startRotationRig();
    const token = '33333333-3333-4333-8333-333333333333';
    rig.secrets.startRotation(TOKEN_SECRET_NAME, token);
    const secretId = rig.secrets.arnOf(TOKEN_SECRET_NAME);
    await rig.handler({ SecretId: secretId, ClientRequestToken: token, Step: 'createSecret' });
    rig.webex.revokeToken((await secretAt(rig, 'AWSPENDING')).accessToken);
    // Act
    const failed = await rig
      .handler({ SecretId: secretId, ClientRequestToken: token, Step: 'testSecret' })
      .catch((error: unknown) => error);
    // Assert
    expect(failed).toBeInstanceOf(Error);
    expect((await secretAt(rig, 'AWSCURRENT')).accessToken).toBe(rig.initial.accessToken);
  });

  it('repeats any step without a second refresh or a second version', async () => {
    // Prepare
    const rig = await startRotationRig();
    const token = '44444444-4444-4444-8444-444444444444';
    rig.secrets.startRotation(TOKEN_SECRET_NAME, token);
    const secretId = rig.secrets.arnOf(TOKEN_SECRET_NAME);
    const step = (Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret') =>
      rig.handler({ SecretId: secretId, ClientRequestToken: token, Step });
    // Act: every step twice, and the whole rotation resumed once more with the same token.
    for (const name of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) {
      await step(name);
      await step(name);
    }
    const resumed = await rig.rotate(token);
    // Assert
    expect(resumed).toMatchObject({ ok: true });
    expect(rig.webex.counters()[REFRESHES]).toBe(1);
    const stages = rig.secrets.describe(TOKEN_SECRET_NAME).versionIdsToStages;
    expect(Object.keys(stages)).toHaveLength(2);
    expect(stages[token]).toEqual(['AWSCURRENT']);
  });

  it('refuses to rotate a static token, naming the form it needs', async () => {
    const rig = await startRotationRig({ secret: (secret) => JSON.stringify({ accessToken: secret.accessToken }) });
    const result = await rig.rotate();
    expect(result).toMatchObject({ ok: false, failedStep: 'createSecret' });
    expect(rig.output.join('')).toContain('rotation needs the OAuth form');
  });

  it('reports the seconds left on the current refresh token after every step', async () => {
    const rig = await startRotationRig();
    await rig.rotate();
    const refreshSeconds = rig.addMetric.mock.calls.filter(
      (call) => call[0] === REFRESH_TOKEN_SECONDS_TO_EXPIRY_METRIC,
    );
    expect(refreshSeconds).toHaveLength(4);
    expect(refreshSeconds[0]?.[2]).toBe(90 * 86_400);
  });

  it('never writes a token or client secret to its output', async () => {
    const rig = await startRotationRig({ rotateRefreshTokens: true });
    await rig.rotate();
    const next = await secretAt(rig, 'AWSCURRENT');
    const failing = await startRotationRig({
      secret: (secret) => ({ ...secret, clientSecret: `${secret.clientSecret}x` }),
    });
    await failing.rotate();
    const all = rig.output.join('') + failing.output.join('');
    for (const secret of [...rig.credentials(), ...failing.credentials(), next.accessToken, next.refreshToken]) {
      expect(all).not.toContain(secret);
    }
  });
});
