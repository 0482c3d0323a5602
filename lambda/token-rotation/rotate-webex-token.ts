/**
 * The four rotation steps for the Webex OAuth token secret, as AWS documents them
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html) with the checks
 * of AWS's rotation template (aws-samples/aws-secrets-manager-rotation-lambdas, SecretsManagerRotationTemplate):
 *
 * - every step first checks the version: the `ClientRequestToken` must be a version of the secret; already
 *   `AWSCURRENT` means this rotation is done (nothing to do); otherwise it must be staged `AWSPENDING`;
 * - `createSecret`: when the pending version has no value yet, refresh at Webex with the current refresh token and
 *   put the new secret (access token, expiry times, the refresh token Webex returned or the one we had) as
 *   `AWSPENDING` under the `ClientRequestToken` (so a repeated step is a no-op);
 * - `setSecret`: nothing (Webex issued the token; there is no service to tell);
 * - `testSecret`: `GET /v1/people/me` with the pending access token;
 * - `finishSecret`: move `AWSCURRENT` to the pending version (AWSPREVIOUS follows) and drop its `AWSPENDING`.
 *
 * A failure leaves `AWSCURRENT` untouched: the function keeps working with the token it has.
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { TokenSecretInvalidError, TokenUnavailableError } from '../errors.js';
import { oauthSecretAfterRefresh } from '../token/oauth-secret-after-refresh.js';
import { parseTokenSecret, serializeOAuthSecret, type OAuthTokenSecret } from '../token/token-secret.js';
import { refreshWebexToken } from '../token/webex-token-refresh.js';
import { createWebexClient } from '../webex/client.js';
import type { HttpTransport } from '../webex/types.js';
import type { RotationEvent } from './rotation-event.js';

const AWSCURRENT = 'AWSCURRENT';
const AWSPENDING = 'AWSPENDING';

export interface RotationDependencies {
  readonly secretsManager: SecretsManagerClient;
  /** `https://webexapis.com/v1`, or the simulator's. */
  readonly webexApiBaseUrl: string;
  /** @default the global fetch */
  readonly transport?: HttpTransport;
  readonly webexTimeoutMs?: number;
  readonly now: () => number;
}

/** What a step did, for the log line (never a token). */
export type StepOutcome =
  'already-current' | 'pending-exists' | 'pending-created' | 'nothing-to-set' | 'pending-works' | 'current-moved';

/**
 * Runs one step. Throws on failure (Secrets Manager then marks the rotation failed and tries again later).
 *
 * @example
 * await rotateWebexToken({ SecretId: arn, ClientRequestToken: token, Step: 'createSecret' }, deps);
 */
export async function rotateWebexToken(event: RotationEvent, deps: RotationDependencies): Promise<StepOutcome> {
  const { SecretId: secretId, ClientRequestToken: token } = event;
  const stages = await versionStages(deps.secretsManager, secretId);
  const ofToken = stages[token];
  if (ofToken === undefined) {
    throw new TokenUnavailableError(`Secret version ${token} has no stage for rotation`);
  }
  if (ofToken.includes(AWSCURRENT)) return 'already-current';
  if (!ofToken.includes(AWSPENDING)) {
    throw new TokenUnavailableError(`Secret version ${token} is not staged AWSPENDING`);
  }

  switch (event.Step) {
    case 'createSecret':
      return createSecret(secretId, token, deps);
    case 'setSecret':
      return 'nothing-to-set';
    case 'testSecret':
      return testSecret(secretId, token, deps);
    case 'finishSecret':
      return finishSecret(secretId, token, stages, deps);
  }
}

async function createSecret(secretId: string, token: string, deps: RotationDependencies): Promise<StepOutcome> {
  const current = await readOAuth(deps.secretsManager, secretId, { VersionStage: AWSCURRENT });
  const pending = await readVersion(deps.secretsManager, secretId, { VersionId: token, VersionStage: AWSPENDING });
  if (pending !== undefined) {
    // A repeated step: the pending value is there (and must be a valid OAuth secret).
    oauthOf(pending);
    return 'pending-exists';
  }
  const refreshed = await refreshWebexToken(current, {
    baseUrl: deps.webexApiBaseUrl,
    ...(deps.transport === undefined ? {} : { transport: deps.transport }),
    ...(deps.webexTimeoutMs === undefined ? {} : { timeoutMs: deps.webexTimeoutMs }),
    now: deps.now,
  });
  const next = oauthSecretAfterRefresh(current, refreshed, deps.now());
  await deps.secretsManager.send(
    new PutSecretValueCommand({
      SecretId: secretId,
      ClientRequestToken: token,
      SecretString: serializeOAuthSecret(next),
      VersionStages: [AWSPENDING],
    }),
  );
  return 'pending-created';
}

async function testSecret(secretId: string, token: string, deps: RotationDependencies): Promise<StepOutcome> {
  const pending = await readOAuth(deps.secretsManager, secretId, { VersionId: token, VersionStage: AWSPENDING });
  const webex = createWebexClient({
    baseUrl: deps.webexApiBaseUrl,
    getToken: async () => pending.accessToken,
    ...(deps.transport === undefined ? {} : { transport: deps.transport }),
    ...(deps.webexTimeoutMs === undefined ? {} : { timeoutMs: deps.webexTimeoutMs }),
    now: deps.now,
  });
  // "Get My Own Details": GET /people/me, the cheapest read any valid token may make.
  await webex.getPerson('me');
  return 'pending-works';
}

async function finishSecret(
  secretId: string,
  token: string,
  stages: Readonly<Record<string, readonly string[]>>,
  deps: RotationDependencies,
): Promise<StepOutcome> {
  const currentVersion = Object.entries(stages).find(([, labels]) => labels.includes(AWSCURRENT))?.[0];
  await deps.secretsManager.send(
    new UpdateSecretVersionStageCommand({
      SecretId: secretId,
      VersionStage: AWSCURRENT,
      MoveToVersionId: token,
      ...(currentVersion === undefined ? {} : { RemoveFromVersionId: currentVersion }),
    }),
  );
  await deps.secretsManager.send(
    new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: AWSPENDING, RemoveFromVersionId: token }),
  );
  return 'current-moved';
}

/** `VersionIdsToStages` of DescribeSecret. */
async function versionStages(
  client: SecretsManagerClient,
  secretId: string,
): Promise<Readonly<Record<string, readonly string[]>>> {
  const described = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
  return described.VersionIdsToStages ?? {};
}

/** A version's `SecretString`, or undefined when there is none (ResourceNotFoundException). */
async function readVersion(
  client: SecretsManagerClient,
  secretId: string,
  selector: { VersionId?: string; VersionStage: string },
): Promise<string | undefined> {
  try {
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId, ...selector }));
    return answer.SecretString;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * The OAuth secret of a version; a missing one or another form is an error naming the version, never its value.
 *
 * @example
 * const current = await readOAuth(client, arn, { VersionStage: 'AWSCURRENT' });
 */
export async function readOAuth(
  client: SecretsManagerClient,
  secretId: string,
  selector: { VersionId?: string; VersionStage: string },
): Promise<OAuthTokenSecret> {
  const text = await readVersion(client, secretId, selector);
  if (text === undefined) {
    throw new TokenUnavailableError(`The token secret has no ${selector.VersionStage} value`);
  }
  return oauthOf(text);
}

function oauthOf(text: string): OAuthTokenSecret {
  const parsed = parseTokenSecret(text);
  if (parsed.kind !== 'oauth') {
    throw new TokenSecretInvalidError(
      'The token secret holds a static token: rotation needs the OAuth form (npm run token -- init)',
    );
  }
  return parsed.oauth;
}
