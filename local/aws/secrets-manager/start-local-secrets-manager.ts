/**
 * A minimal Secrets Manager on 127.0.0.1 over the AWS JSON 1.1 protocol, for the real
 * `@aws-sdk/client-secrets-manager` client (and so Powertools' `SecretsProvider`): `GetSecretValue`, `CreateSecret`
 * (for `npm run token -- init`), and what a rotation needs, `DescribeSecret`, `PutSecretValue` and `UpdateSecretVersionStage`, with the staging-label
 * semantics of `secret-store.ts`. Signatures are not verified.
 *
 * It never logs: a secret value is only ever written to the HTTP response of a GetSecretValue call.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LOCAL_AWS_REGION, LOOPBACK_HOST, localAwsCredentials } from '../local-aws-defaults.js';
import type * as z from 'zod';
import {
  awsJsonErrors,
  createSecretRequestSchema,
  describeSecretRequestSchema,
  getSecretValueRequestSchema,
  JSON_11_CONTENT_TYPE,
  putSecretValueRequestSchema,
  TARGET_PREFIX,
  toEpochSeconds,
  updateSecretVersionStageRequestSchema,
  type AwsJsonError,
} from './json-protocol.js';
import { createSecretStore, type SecretDescription, type SecretStore, type StoreOutcome } from './secret-store.js';

/** Options of {@link startLocalSecretsManager}. */
export interface LocalSecretsManagerOptions {
  /** Secret name → `SecretString`, each stored as its first (`AWSCURRENT`) version. */
  secrets: Record<string, string>;
  /** TCP port; `0` (the default) lets the OS pick a free one. */
  port?: number;
}

/** A running local Secrets Manager. */
export interface LocalSecretsManager {
  /** `http://127.0.0.1:<port>`: the client's `endpoint` (or `AWS_ENDPOINT_URL_SECRETS_MANAGER`). */
  readonly endpoint: string;
  /** The secret's ARN (GetSecretValue accepts it, like the name). */
  arnOf(name: string): string;
  /**
   * Stores a new version that becomes `AWSCURRENT`, the previous one `AWSPREVIOUS` (a rotation). Creates the secret
   * when it does not exist. Returns the new version id.
   */
  putSecretValue(name: string, value: string): string;
  /**
   * What RotateSecret does before the rotation function's first step: stages a version without a value as
   * `AWSPENDING` under `clientRequestToken` (see `rotate-secret.ts`).
   */
  startRotation(name: string, clientRequestToken: string): void;
  /** DescribeSecret, for assertions. */
  describe(name: string): SecretDescription;
  /** GetSecretValue calls for this secret (by name or ARN), found or not; without a name, all calls. */
  getCallCount(name?: string): number;
  /** Closes every connection and the server; idempotent. */
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * A Secrets Manager client for a local endpoint, with dummy credentials and the local region.
 *
 * @example
 * const client = createLocalSecretsManagerClient(secrets.endpoint);
 */
export function createLocalSecretsManagerClient(endpoint: string): SecretsManagerClient {
  return new SecretsManagerClient({ endpoint, region: LOCAL_AWS_REGION, credentials: localAwsCredentials() });
}

/**
 * @example
 * const secrets = await startLocalSecretsManager({ secrets: { 'ecbn/webex-token': '{"accessToken":"demo"}' } });
 * const client = new SecretsManagerClient({ endpoint: secrets.endpoint, region: 'us-east-1',
 *   credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
 * await client.send(new GetSecretValueCommand({ SecretId: 'ecbn/webex-token' }));
 * await secrets.stop();
 */
export async function startLocalSecretsManager(options: LocalSecretsManagerOptions): Promise<LocalSecretsManager> {
  const store = createSecretStore();
  for (const [name, value] of Object.entries(options.secrets)) store.put(name, value);
  const callCounts = new Map<string, number>();
  let totalCalls = 0;

  const server = createServer((request, response) => {
    void readBody(request).then(
      (body) => {
        const outcome = handle(store, request, body, (countedAs) => {
          totalCalls += 1;
          callCounts.set(countedAs, (callCounts.get(countedAs) ?? 0) + 1);
        });
        send(response, outcome);
      },
      (error: unknown) => send(response, error instanceof BodyTooLargeError ? awsJsonErrors.tooLarge() : serverError()),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://${LOOPBACK_HOST}:${port}`,
    arnOf(name) {
      const found = store.get(name);
      if (!found.found) throw new Error(`No local secret named ${JSON.stringify(name)}`);
      return found.version.arn;
    },
    putSecretValue: (name, value) => store.put(name, value),
    startRotation(name, clientRequestToken) {
      unwrap(store.startRotation(name, clientRequestToken));
    },
    describe: (name) => unwrap(store.describe(name)),
    getCallCount: (name) => (name === undefined ? totalCalls : (callCounts.get(name) ?? 0)),
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

type Outcome = { readonly ok: true; readonly body: Record<string, unknown> } | AwsJsonError;

function handle(
  store: SecretStore,
  request: IncomingMessage,
  body: string,
  countCall: (countedAs: string) => void,
): Outcome {
  if (request.method !== 'POST' || request.url !== '/') return awsJsonErrors.notFound();
  const target = headerValue(request, 'x-amz-target') ?? '';
  const operation = target.startsWith(TARGET_PREFIX) ? OPERATIONS[target.slice(TARGET_PREFIX.length)] : undefined;
  if (operation === undefined) return awsJsonErrors.unknownOperation(target);
  if (!(headerValue(request, 'content-type') ?? '').startsWith(JSON_11_CONTENT_TYPE)) {
    return awsJsonErrors.serialization(`Content-Type must be ${JSON_11_CONTENT_TYPE}`);
  }

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return awsJsonErrors.serialization('The request body is not valid JSON');
  }
  return operation(store, json, countCall);
}

type Operation = (store: SecretStore, json: unknown, countCall: (countedAs: string) => void) => Outcome;

/** Parses the request members; the error names the members, never their values. */
function parsed<T>(schema: z.ZodType<T>, json: unknown): { ok: true; value: T } | AwsJsonError {
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  return awsJsonErrors.invalidParameter(result.error.issues.map((issue) => issue.path.join('.')).join(', '));
}

function answer<T>(outcome: StoreOutcome<T>, body: (value: T) => Record<string, unknown>): Outcome {
  return outcome.ok ? { ok: true, body: body(outcome.value) } : outcome.error;
}

const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetSecretValue(store, json, countCall) {
    const request = parsed(getSecretValueRequestSchema, json);
    if (!('ok' in request)) return request;
    const { SecretId, VersionId, VersionStage } = request.value;
    countCall(store.resolveName(SecretId) ?? SecretId);
    const lookup = store.get(SecretId, { versionId: VersionId, versionStage: VersionStage });
    if (!lookup.found) {
      return lookup.reason === 'no-such-secret'
        ? awsJsonErrors.secretNotFound()
        : awsJsonErrors.versionNotFound({ VersionId, VersionStage });
    }
    const { version } = lookup;
    return {
      ok: true,
      body: {
        ARN: version.arn,
        Name: version.name,
        VersionId: version.versionId,
        SecretString: version.secretString,
        VersionStages: version.versionStages,
        CreatedDate: toEpochSeconds(version.createdDate),
      },
    };
  },

  CreateSecret(store, json) {
    const request = parsed(createSecretRequestSchema, json);
    if (!('ok' in request)) return request;
    const { Name, SecretString, ClientRequestToken } = request.value;
    if (store.resolveName(Name) !== undefined) return awsJsonErrors.secretExists();
    const versionId = store.put(Name, SecretString, ClientRequestToken);
    const secret = unwrap(store.describe(Name));
    return { ok: true, body: { ARN: secret.arn, Name: secret.name, VersionId: versionId } };
  },

  DescribeSecret(store, json) {
    const request = parsed(describeSecretRequestSchema, json);
    if (!('ok' in request)) return request;
    return answer(store.describe(request.value.SecretId), (secret) => ({
      ARN: secret.arn,
      Name: secret.name,
      RotationEnabled: secret.rotationEnabled,
      ...(secret.lastRotatedDate ? { LastRotatedDate: toEpochSeconds(secret.lastRotatedDate) } : {}),
      ...(secret.lastChangedDate ? { LastChangedDate: toEpochSeconds(secret.lastChangedDate) } : {}),
      VersionIdsToStages: secret.versionIdsToStages,
    }));
  },

  PutSecretValue(store, json) {
    const request = parsed(putSecretValueRequestSchema, json);
    if (!('ok' in request)) return request;
    const { SecretId, ClientRequestToken, SecretString, VersionStages } = request.value;
    const secret = store.describe(SecretId);
    if (!secret.ok) return secret.error;
    return answer(
      store.putValue(SecretId, {
        secretString: SecretString,
        clientRequestToken: ClientRequestToken,
        versionStages: VersionStages,
      }),
      (version) => ({
        ARN: secret.value.arn,
        Name: secret.value.name,
        VersionId: version.versionId,
        VersionStages: version.versionStages,
      }),
    );
  },

  UpdateSecretVersionStage(store, json) {
    const request = parsed(updateSecretVersionStageRequestSchema, json);
    if (!('ok' in request)) return request;
    const { SecretId, VersionStage, MoveToVersionId, RemoveFromVersionId } = request.value;
    return answer(
      store.updateVersionStage(SecretId, {
        versionStage: VersionStage,
        moveToVersionId: MoveToVersionId,
        removeFromVersionId: RemoveFromVersionId,
      }),
      (secret) => ({ ARN: secret.arn, Name: secret.name }),
    );
  },
};

function unwrap<T>(outcome: StoreOutcome<T>): T {
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

function send(response: ServerResponse, outcome: Outcome): void {
  const headers: Record<string, string> = {
    'content-type': JSON_11_CONTENT_TYPE,
    'x-amzn-requestid': randomUUID(),
  };
  if ('ok' in outcome) {
    response.writeHead(200, headers);
    response.end(JSON.stringify(outcome.body));
    return;
  }
  headers['x-amzn-errortype'] = outcome.type;
  response.writeHead(outcome.status, headers);
  response.end(JSON.stringify({ __type: outcome.type, message: outcome.message }));
}

function serverError(): AwsJsonError {
  return { status: 500, type: 'InternalServiceError', message: 'The local Secrets Manager failed' };
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
