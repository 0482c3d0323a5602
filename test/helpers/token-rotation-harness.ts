/**
 * The rotation function against the Webex simulator (an OAuth client with short-lived access tokens) and the local
 * Secrets Manager holding an OAuth secret, on one fake clock. Output is captured so tests can prove no token leaks.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, vi } from 'vitest';
import { rotateSecretLocally } from '../../local/aws/secrets-manager/rotate-secret.js';
import {
  createLocalSecretsManagerClient,
  startLocalSecretsManager,
} from '../../local/aws/secrets-manager/start-local-secrets-manager.js';
import { FULL_SCOPES } from '../../local/webex-simulator/index.js';
import { createRotationHandler } from '../../lambda/token-rotation/create-rotation-handler.js';
import { serializeOAuthSecret, type OAuthTokenSecret } from '../../lambda/token/token-secret.js';
import { demoOrg } from './simulator-org.js';
import { startTestSimulator } from './simulator.js';
import { canary } from './token-secret-factories.js';

export const TOKEN_SECRET_NAME = 'ecbn/webex-token';
const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  vi.restoreAllMocks();
});

export interface RotationRigOptions {
  readonly accessTokenLifetimeSeconds?: number;
  readonly rotateRefreshTokens?: boolean;
  /** Changes the secret first stored (e.g. a wrong client secret). */
  readonly secret?: (secret: OAuthTokenSecret) => OAuthTokenSecret | string;
}

/**
 * @example
 * const rig = await startRotationRig();
 * const result = await rig.rotate();
 */
export async function startRotationRig(options: RotationRigOptions = {}) {
  let nowMs = Date.parse('2026-12-06T00:00:00Z');
  const now = () => nowMs;
  const client = { clientId: canary('CLIENTID'), clientSecret: canary('CLIENTSECRET') };
  const webex = await startTestSimulator({
    org: demoOrg(),
    now,
    oauthClients: [
      {
        ...client,
        scopes: FULL_SCOPES,
        accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds ?? 3600,
        refreshTokenLifetimeSeconds: 90 * 86_400,
        ...(options.rotateRefreshTokens === undefined ? {} : { rotateRefreshTokens: options.rotateRefreshTokens }),
      },
    ],
  });
  const grant = webex.authorizeOAuthClient(client.clientId);
  const initial: OAuthTokenSecret = {
    type: 'oauth',
    ...client,
    refreshToken: grant.refreshToken,
    accessToken: grant.accessToken,
    expiresAt: new Date(grant.accessTokenExpiresAtMs).toISOString(),
    refreshTokenExpiresAt: new Date(grant.refreshTokenExpiresAtMs).toISOString(),
  };
  const stored = options.secret?.(initial) ?? initial;
  const secrets = await startLocalSecretsManager({
    secrets: { [TOKEN_SECRET_NAME]: typeof stored === 'string' ? stored : serializeOAuthSecret(stored) },
  });
  const secretsManager = createLocalSecretsManagerClient(secrets.endpoint);
  stops.push(async () => {
    secretsManager.destroy();
    await secrets.stop();
  });

  const output: string[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  }
  const metrics = new Metrics({ namespace: 'EcbnProvisioner', serviceName: 'ecbn-provisioner-token-rotation' });
  const addMetric = vi.spyOn(metrics, 'addMetric');
  const handler = createRotationHandler({
    secretsManager,
    webexApiBaseUrl: webex.baseUrl,
    now,
    logger: new Logger({ serviceName: 'ecbn-provisioner-token-rotation' }),
    metrics,
  });

  return {
    webex,
    secrets,
    secretsManager,
    handler,
    client,
    grant,
    initial,
    output,
    addMetric,
    now,
    advance: (seconds: number) => (nowMs += seconds * 1000),
    rotate: (clientRequestToken?: string) =>
      rotateSecretLocally(secrets, TOKEN_SECRET_NAME, handler, clientRequestToken ? { clientRequestToken } : {}),
    /** Every credential the rig knows of, for leak checks. */
    credentials: () => [client.clientSecret, client.clientId, grant.refreshToken, grant.accessToken],
  };
}
