/**
 * The local Secrets Manager's staging labels through the real SDK client, as rotation uses them
 * (API_PutSecretValue.html, API_UpdateSecretVersionStage.html, API_DescribeSecret.html; the checks of AWS's rotation
 * template).
 */
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  UpdateSecretVersionStageCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLocalSecretsManagerClient,
  startLocalSecretsManager,
  type LocalSecretsManager,
} from '../../local/aws/secrets-manager/start-local-secrets-manager.js';
import { canary } from '../helpers/token-secret-factories.js';

const NAME = 'ecbn/webex-token';
const TOKEN_A = '11111111-1111-4111-8111-111111111111';
const TOKEN_B = '22222222-2222-4222-8222-222222222222';

let running: { secrets: LocalSecretsManager; client: SecretsManagerClient } | undefined;

async function start(value = canary('CURRENT')) {
  const secrets = await startLocalSecretsManager({ secrets: { [NAME]: value } });
  running = { secrets, client: createLocalSecretsManagerClient(secrets.endpoint) };
  return { ...running, value };
}

afterEach(async () => {
  running?.client.destroy();
  await running?.secrets.stop();
  running = undefined;
});

async function stagesOf(client: SecretsManagerClient) {
  const described = await client.send(new DescribeSecretCommand({ SecretId: NAME }));
  return described.VersionIdsToStages ?? {};
}

/** Puts a new value staged AWSPENDING under TOKEN_A. */
function putPending(client: SecretsManagerClient) {
  return client.send(
    new PutSecretValueCommand({
      SecretId: NAME,
      ClientRequestToken: TOKEN_A,
      SecretString: canary('NEXT'),
      VersionStages: ['AWSPENDING'],
    }),
  );
}

describe('PutSecretValue with VersionStages', () => {
  it('stages the new version as AWSPENDING and leaves AWSCURRENT where it was', async () => {
    // Prepare
    const { client, value } = await start();
    const pending = canary('PENDING');
    // Act
    const put = await client.send(
      new PutSecretValueCommand({
        SecretId: NAME,
        ClientRequestToken: TOKEN_A,
        SecretString: pending,
        VersionStages: ['AWSPENDING'],
      }),
    );
    // Assert
    expect(put).toMatchObject({ VersionId: TOKEN_A, VersionStages: ['AWSPENDING'], Name: NAME });
    expect((await client.send(new GetSecretValueCommand({ SecretId: NAME }))).SecretString).toBe(value);
    const byStage = await client.send(new GetSecretValueCommand({ SecretId: NAME, VersionStage: 'AWSPENDING' }));
    expect(byStage.SecretString).toBe(pending);
    const byId = await client.send(new GetSecretValueCommand({ SecretId: NAME, VersionId: TOKEN_A }));
    expect(byId.SecretString).toBe(pending);
  });

  it('ignores a repeated call with the same ClientRequestToken and value, and refuses another value', async () => {
    // Prepare
    const { client } = await start();
    const put = (secretString: string) =>
      client.send(
        new PutSecretValueCommand({
          SecretId: NAME,
          ClientRequestToken: TOKEN_A,
          SecretString: secretString,
          VersionStages: ['AWSPENDING'],
        }),
      );
    const pending = canary('PENDING');
    await put(pending);
    // Act
    const again = await put(pending);
    const other = await put(canary('OTHER')).catch((error: unknown) => error);
    // Assert
    expect(again.VersionId).toBe(TOKEN_A);
    expect(other).toBeInstanceOf(ResourceExistsException);
    expect(Object.keys(await stagesOf(client))).toHaveLength(2);
  });
});

describe('UpdateSecretVersionStage', () => {
  it('moves AWSCURRENT to the pending version, AWSPREVIOUS to the one it left, and can drop AWSPENDING', async () => {
    // Prepare
    const { client, secrets } = await start();
    const currentId = Object.keys(await stagesOf(client))[0] ?? '';
    secrets.startRotation(NAME, TOKEN_A);
    await putPending(client);
    // Act
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: NAME,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: TOKEN_A,
        RemoveFromVersionId: currentId,
      }),
    );
    await client.send(
      new UpdateSecretVersionStageCommand({ SecretId: NAME, VersionStage: 'AWSPENDING', RemoveFromVersionId: TOKEN_A }),
    );
    // Assert
    expect(await stagesOf(client)).toEqual({ [currentId]: ['AWSPREVIOUS'], [TOKEN_A]: ['AWSCURRENT'] });
    const described = await client.send(new DescribeSecretCommand({ SecretId: NAME }));
    expect(described.RotationEnabled).toBe(true);
    expect(described.LastRotatedDate).toBeInstanceOf(Date);
  });

  it('refuses to take AWSCURRENT from a version that RemoveFromVersionId does not name', async () => {
    const { client } = await start();
    await putPending(client);
    const error = await client
      .send(
        new UpdateSecretVersionStageCommand({ SecretId: NAME, VersionStage: 'AWSCURRENT', MoveToVersionId: TOKEN_A }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidParameterException);
  });
});

describe('a rotation in progress', () => {
  it('stages a version without a value as AWSPENDING: listed by DescribeSecret, not found by GetSecretValue', async () => {
    // Prepare
    const { client, secrets } = await start();
    // Act
    secrets.startRotation(NAME, TOKEN_A);
    // Assert
    expect((await stagesOf(client))[TOKEN_A]).toEqual(['AWSPENDING']);
    const error = await client
      .send(new GetSecretValueCommand({ SecretId: NAME, VersionId: TOKEN_A, VersionStage: 'AWSPENDING' }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses a new rotation while another is unfinished, and lets the same one resume', async () => {
    const { secrets } = await start();
    secrets.startRotation(NAME, TOKEN_A);
    expect(() => secrets.startRotation(NAME, TOKEN_B)).toThrow(/previous rotation/);
    expect(() => secrets.startRotation(NAME, TOKEN_A)).not.toThrow();
  });

  it('refuses a ClientRequestToken shorter than 32 characters', async () => {
    const { client } = await start();
    const error = await client
      .send(new PutSecretValueCommand({ SecretId: NAME, ClientRequestToken: 'short', SecretString: 'x' }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidParameterException);
  });
});
