/**
 * The local Secrets Manager answers the real `@aws-sdk/client-secrets-manager` client over the AWS JSON 1.1
 * protocol on 127.0.0.1, rotates, counts calls, and never prints a secret.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  GetSecretValueCommand,
  InvalidParameterException,
  ResourceNotFoundException,
} from '@aws-sdk/client-secrets-manager';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_AWS_REGION, localAwsCredentials } from '../../local/aws/local-aws-defaults.js';
import {
  createLocalSecretsManagerClient,
  startLocalSecretsManager,
  type LocalSecretsManager,
  type LocalSecretsManagerOptions,
} from '../../local/aws/secrets-manager/start-local-secrets-manager.js';

const CANARY_TOKEN = 'canary-token-7f3a9c1e-do-not-print';
const SECRET_NAME = 'ecbn/webex-token';

let running: { secrets: LocalSecretsManager; client: SecretsManagerClient } | undefined;

async function start(options: Partial<LocalSecretsManagerOptions> = {}) {
  const secrets = await startLocalSecretsManager({
    secrets: { [SECRET_NAME]: JSON.stringify({ accessToken: CANARY_TOKEN }) },
    ...options,
  });
  const client = createLocalSecretsManagerClient(secrets.endpoint);
  running = { secrets, client };
  return running;
}

afterEach(async () => {
  running?.client.destroy();
  await running?.secrets.stop();
  running = undefined;
  vi.restoreAllMocks();
});

describe('startLocalSecretsManager', () => {
  it('listens on 127.0.0.1', async () => {
    // Prepare / Act
    const { secrets } = await start();

    // Assess
    expect(new URL(secrets.endpoint).hostname).toBe('127.0.0.1');
  });

  it('returns the secret with its ARN, version and AWSCURRENT stage', async () => {
    // Prepare
    const { client, secrets } = await start();
    const before = Date.now();

    // Act
    const response = await client.send(new GetSecretValueCommand({ SecretId: SECRET_NAME }));

    // Assess
    expect(response).toMatchObject({
      Name: SECRET_NAME,
      SecretString: JSON.stringify({ accessToken: CANARY_TOKEN }),
      VersionStages: ['AWSCURRENT'],
    });
    expect(response.ARN).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:ecbn\/webex-token-\w{6}$/);
    expect(response.ARN).toBe(secrets.arnOf(SECRET_NAME));
    expect(response.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.CreatedDate).toBeInstanceOf(Date);
    expect(response.CreatedDate?.getTime()).toBeLessThanOrEqual(Date.now());
    expect(response.CreatedDate?.getTime()).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('finds the secret by full and by partial ARN', async () => {
    // Prepare
    const { client, secrets } = await start();
    const arn = secrets.arnOf(SECRET_NAME);

    // Act
    const byArn = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    const byPartialArn = await client.send(new GetSecretValueCommand({ SecretId: arn.slice(0, -7) }));

    // Assess
    expect(byArn.Name).toBe(SECRET_NAME);
    expect(byPartialArn.Name).toBe(SECRET_NAME);
    expect(secrets.getCallCount(SECRET_NAME)).toBe(2);
  });

  it('serves the new value after a rotation and keeps the old one as AWSPREVIOUS', async () => {
    // Prepare
    const { client, secrets } = await start();
    const first = await client.send(new GetSecretValueCommand({ SecretId: SECRET_NAME }));

    // Act
    const newVersionId = secrets.putSecretValue(SECRET_NAME, JSON.stringify({ accessToken: 'rotated' }));
    const current = await client.send(new GetSecretValueCommand({ SecretId: SECRET_NAME }));
    const previous = await client.send(
      new GetSecretValueCommand({ SecretId: SECRET_NAME, VersionStage: 'AWSPREVIOUS' }),
    );

    // Assess
    expect(current).toMatchObject({
      VersionId: newVersionId,
      SecretString: '{"accessToken":"rotated"}',
      VersionStages: ['AWSCURRENT'],
    });
    expect(previous).toMatchObject({ VersionId: first.VersionId, VersionStages: ['AWSPREVIOUS'] });
  });

  it('answers an unknown secret with ResourceNotFoundException, as the SDK expects it', async () => {
    // Prepare
    const { client, secrets } = await start();

    // Act
    const error: unknown = await client
      .send(new GetSecretValueCommand({ SecretId: 'ecbn/missing' }))
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      $metadata: { httpStatusCode: 400 },
    });
    expect(secrets.getCallCount('ecbn/missing')).toBe(1);
  });

  it('answers a missing version stage with ResourceNotFoundException', async () => {
    // Prepare
    const { client } = await start();

    // Act
    const error: unknown = await client
      .send(new GetSecretValueCommand({ SecretId: SECRET_NAME, VersionStage: 'AWSPREVIOUS' }))
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toContain('staging label: AWSPREVIOUS');
  });

  it('counts GetSecretValue calls per secret and in total', async () => {
    // Prepare
    const { client, secrets } = await start({
      secrets: { [SECRET_NAME]: CANARY_TOKEN, other: 'x' },
    });

    // Act
    await client.send(new GetSecretValueCommand({ SecretId: SECRET_NAME }));
    await client.send(new GetSecretValueCommand({ SecretId: SECRET_NAME }));
    await client.send(new GetSecretValueCommand({ SecretId: 'other' }));

    // Assess
    expect(secrets.getCallCount(SECRET_NAME)).toBe(2);
    expect(secrets.getCallCount('other')).toBe(1);
    expect(secrets.getCallCount('never-asked')).toBe(0);
    expect(secrets.getCallCount()).toBe(3);
  });

  it.each([
    {
      case: 'an operation it does not implement',
      headers: { 'x-amz-target': 'secretsmanager.DeleteSecret', 'content-type': 'application/x-amz-json-1.1' },
      body: '{"SecretId":"x"}',
      status: 400,
      type: 'UnknownOperationException',
    },
    {
      case: 'a body that is not JSON',
      headers: { 'x-amz-target': 'secretsmanager.GetSecretValue', 'content-type': 'application/x-amz-json-1.1' },
      body: '{',
      status: 400,
      type: 'SerializationException',
    },
    {
      case: 'a request without SecretId',
      headers: { 'x-amz-target': 'secretsmanager.GetSecretValue', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
      status: 400,
      type: 'InvalidParameterException',
    },
    {
      case: 'another content type',
      headers: { 'x-amz-target': 'secretsmanager.GetSecretValue', 'content-type': 'application/json' },
      body: '{"SecretId":"ecbn/webex-token"}',
      status: 400,
      type: 'SerializationException',
    },
  ])('rejects $case with $type and the x-amzn-ErrorType header', async ({ headers, body, status, type }) => {
    // Prepare
    const { secrets } = await start();

    // Act
    const response = await fetch(`${secrets.endpoint}/`, { method: 'POST', headers, body });

    // Assess
    expect(response.status).toBe(status);
    expect(response.headers.get('x-amzn-errortype')).toBe(type);
    expect(await response.json()).toMatchObject({ __type: type, message: expect.any(String) });
  });

  it('reports a malformed VersionId as InvalidParameterException, without the secret', async () => {
    // Prepare
    const { client } = await start();

    // Act
    const error: unknown = await client
      .send(new GetSecretValueCommand({ SecretId: SECRET_NAME, VersionId: 'not-a-version-id' }))
      .catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(JSON.stringify(error)).not.toContain(CANARY_TOKEN);
    expect(String(error)).not.toContain(CANARY_TOKEN);
  });

  it("serves Powertools' SecretsProvider, which sees a rotated value once its cache has expired", async () => {
    // Prepare
    const { secrets } = await start();
    const provider = new SecretsProvider({
      clientConfig: { endpoint: secrets.endpoint, region: LOCAL_AWS_REGION, credentials: localAwsCredentials() },
    });

    // Act
    const before = await provider.get(SECRET_NAME, { maxAge: 0, transform: 'json' });
    secrets.putSecretValue(SECRET_NAME, JSON.stringify({ accessToken: 'rotated' }));
    const after = await provider.get(SECRET_NAME, { maxAge: 0, transform: 'json' });

    // Assess
    expect(before).toEqual({ accessToken: CANARY_TOKEN });
    expect(after).toEqual({ accessToken: 'rotated' });
    expect(secrets.getCallCount(SECRET_NAME)).toBe(2);
  });

  it('never writes a secret value to stdout or stderr', async () => {
    // Prepare
    const written: string[] = [];
    const capture = (chunk: unknown): boolean => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const { client, secrets } = await start();

    // Act
    await client.send(new GetSecretValueCommand({ SecretId: SECRET_NAME }));
    secrets.putSecretValue(SECRET_NAME, `${CANARY_TOKEN}-2`);
    await client.send(new GetSecretValueCommand({ SecretId: secrets.arnOf(SECRET_NAME) }));
    await client.send(new GetSecretValueCommand({ SecretId: 'ecbn/missing' })).catch(() => undefined);

    // Assess
    expect(written.join('')).not.toContain(CANARY_TOKEN);
  });
});
