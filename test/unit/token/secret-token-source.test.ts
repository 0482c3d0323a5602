import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { describe, expect, it } from 'vitest';
import { TokenSecretInvalidError, TokenUnavailableError } from '../../../lambda/errors.js';
import { createSecretTokenSource } from '../../../lambda/token/secret-token-source.js';
import { canary } from '../../helpers/token-secret-factories.js';

/** A provider answering from a script, recording each call's options. */
function scriptedProvider(answer: () => Promise<unknown>) {
  const calls: { name: string; options: unknown }[] = [];
  const provider = {
    get: (name: string, options: unknown) => {
      calls.push({ name, options });
      return answer();
    },
  } as unknown as SecretsProvider;
  return { provider, calls };
}

describe('the token source', () => {
  it('reads the cached secret with maxAge, and the fresh one with forceFetch', async () => {
    // Prepare
    const token = canary('TOKEN');
    const { provider, calls } = scriptedProvider(async () => JSON.stringify({ accessToken: token }));
    const source = createSecretTokenSource({ provider, secretId: 'ecbn/webex-token', maxAgeSeconds: 300 });
    // Act
    const cached = await source.cached();
    const fresh = await source.fresh();
    // Assert
    expect([cached, fresh]).toEqual([token, token]);
    expect(calls).toEqual([
      { name: 'ecbn/webex-token', options: { maxAge: 300, forceFetch: false } },
      { name: 'ecbn/webex-token', options: { maxAge: 300, forceFetch: true } },
    ]);
  });

  it('shares one read between concurrent callers (the cold-start prefetch and the first invocation)', async () => {
    const { provider, calls } = scriptedProvider(async () => canary('TOKEN'));
    const source = createSecretTokenSource({ provider, secretId: 's', maxAgeSeconds: 300 });
    await Promise.all([source.cached(), source.cached()]);
    expect(calls).toHaveLength(1);
  });

  it('names the AWS error of an unreadable secret', async () => {
    const denied = Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' });
    const { provider } = scriptedProvider(async () => {
      throw Object.assign(new Error('wrapped'), { cause: denied });
    });
    const source = createSecretTokenSource({ provider, secretId: 's', maxAgeSeconds: 300 });
    const error = await source.cached().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect((error as Error).message).toContain('AccessDeniedException');
  });

  it('refuses a binary secret', async () => {
    const { provider } = scriptedProvider(async () => new Uint8Array([1, 2]));
    const source = createSecretTokenSource({ provider, secretId: 's', maxAgeSeconds: 300 });
    await expect(source.cached()).rejects.toBeInstanceOf(TokenSecretInvalidError);
  });
});
