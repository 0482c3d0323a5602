/**
 * The soak's OAuth variant: the token secret holds the OAuth form, the simulator issues access tokens that live
 * `accessTokenSeconds` (≈30 s), and the rotation function (`lambda/token-rotation/`) runs every `everyMs` through
 * the local Secrets Manager, as Secrets Manager's schedule would. A failed rotation is resumed with the same
 * `ClientRequestToken` (as Secrets Manager retries it); every token ever stored is kept for the leak count.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { randomBytes } from 'node:crypto';
import { METRICS_NAMESPACE, TOKEN_ROTATION_SERVICE_NAME } from '../../lambda/observability/service-identity.js';
import { createRotationHandler } from '../../lambda/token-rotation/create-rotation-handler.js';
import { parseTokenSecret, serializeOAuthSecret } from '../../lambda/token/token-secret.js';
import { rotateSecretLocally } from '../aws/secrets-manager/rotate-secret.js';
import {
  createLocalSecretsManagerClient,
  type LocalSecretsManager,
} from '../aws/secrets-manager/start-local-secrets-manager.js';
import { FULL_SCOPES, type WebexSimulator } from '../webex-simulator/index.js';
import type { CanaryToken } from './token-leaks.js';

export interface OAuthSoakRotation {
  /** Rotations that reached finishSecret, and failed attempts (resumed later). */
  readonly counts: () => { readonly succeeded: number; readonly failed: number };
  /** Every credential of the run (client id and secret, each access and refresh token stored), for the leak count. */
  readonly secrets: () => readonly CanaryToken[];
  stop(): Promise<void>;
}

/**
 * Switches the pipeline to an OAuth secret and starts rotating it.
 *
 * @example
 * const rotation = await startOAuthSoakRotation({ webex, secrets, secretName, accessTokenSeconds: 30, everyMs: 10_000 });
 */
export async function startOAuthSoakRotation(options: {
  readonly webex: WebexSimulator;
  readonly secrets: LocalSecretsManager;
  readonly secretName: string;
  readonly accessTokenSeconds: number;
  readonly everyMs: number;
  readonly logLevel: 'INFO' | 'SILENT';
}): Promise<OAuthSoakRotation> {
  const { webex, secrets, secretName } = options;
  const clientId = `SOAK_CANARY_CLIENTID_${randomBytes(12).toString('hex')}`;
  const clientSecret = `SOAK_CANARY_CLIENTSECRET_${randomBytes(12).toString('hex')}`;
  webex.addOAuthClient({
    clientId,
    clientSecret,
    scopes: FULL_SCOPES,
    accessTokenLifetimeSeconds: options.accessTokenSeconds,
  });
  const grant = webex.authorizeOAuthClient(clientId);
  secrets.putSecretValue(
    secretName,
    serializeOAuthSecret({
      type: 'oauth',
      clientId,
      clientSecret,
      refreshToken: grant.refreshToken,
      accessToken: grant.accessToken,
      expiresAt: new Date(grant.accessTokenExpiresAtMs).toISOString(),
      refreshTokenExpiresAt: new Date(grant.refreshTokenExpiresAtMs).toISOString(),
    }),
  );
  // From now on only OAuth-issued tokens work.
  webex.revokeToken(webex.token);

  const known = new Set<string>([clientId, clientSecret, grant.accessToken, grant.refreshToken]);
  const client = createLocalSecretsManagerClient(secrets.endpoint);
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: TOKEN_ROTATION_SERVICE_NAME });
  metrics.publishStoredMetrics = (): Metrics => {
    metrics.clearMetrics();
    return metrics;
  };
  const handler = createRotationHandler({
    secretsManager: client,
    webexApiBaseUrl: webex.baseUrl,
    webexTimeoutMs: 1_500,
    now: Date.now,
    logger: new Logger({ serviceName: TOKEN_ROTATION_SERVICE_NAME, logLevel: options.logLevel }),
    metrics,
  });

  let succeeded = 0;
  let failed = 0;
  let unfinished: string | undefined;
  let running: Promise<void> = Promise.resolve();
  const rotateOnce = async () => {
    const result = await rotateSecretLocally(
      secrets,
      secretName,
      handler,
      unfinished ? { clientRequestToken: unfinished } : {},
    );
    if (result.ok) {
      succeeded += 1;
      unfinished = undefined;
    } else {
      failed += 1;
      unfinished = result.clientRequestToken;
    }
    for (const stage of ['AWSCURRENT', 'AWSPENDING']) {
      const value = await client
        .send(new GetSecretValueCommand({ SecretId: secretName, VersionStage: stage }))
        .catch(() => undefined);
      const parsed = value?.SecretString === undefined ? undefined : parseTokenSecret(value.SecretString);
      if (parsed?.kind === 'oauth') {
        known.add(parsed.oauth.accessToken);
        known.add(parsed.oauth.refreshToken);
      }
    }
  };
  const rotateSafely = () =>
    rotateOnce().catch(() => {
      failed += 1;
    });
  const timer = setInterval(() => {
    running = running.then(rotateSafely);
  }, options.everyMs);
  timer.unref();

  return {
    counts: () => ({ succeeded, failed }),
    secrets: () => [...known].map((token) => ({ token, secretPart: token })),
    async stop() {
      clearInterval(timer);
      await running.catch(() => undefined);
      client.destroy();
    },
  };
}
