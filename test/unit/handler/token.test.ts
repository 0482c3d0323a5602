import { describe, expect, it } from 'vitest';
import { tokenFromSecretValue } from '../../../lambda/token/secret-value.js';
import { createTokenHolder } from '../../../lambda/token/token-holder.js';

const CANARY = 'CANARY-TOKEN-5f2b9c';

describe('token from the secret value', () => {
  it.each([
    ['a JSON object with accessToken', { accessToken: CANARY }],
    ['a JSON string of that object', JSON.stringify({ accessToken: CANARY })],
    ['a bare token string', CANARY],
    ['a bare token with surrounding white space', `  ${CANARY}\n`],
  ])('reads %s', (_name, value) => {
    expect(tokenFromSecretValue(value)).toBe(CANARY);
  });

  it.each([
    ['an empty string', ''],
    ['an object without accessToken', { token: CANARY }],
    ['a token with inner white space', `${CANARY} extra`],
    ['undefined', undefined],
  ])('rejects %s without echoing the secret', (_name, value) => {
    const attempt = () => tokenFromSecretValue(value);
    expect(attempt).toThrow(/accessToken/);
    try {
      attempt();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain(CANARY);
    }
  });
});

describe('token holder', () => {
  it('refuses to hand out a token before one was set', () => {
    const holder = createTokenHolder(async () => 'x');
    expect(() => holder.current()).toThrow(/not been loaded/);
  });

  it('replaces the token with a fresh read and says it changed', async () => {
    // Prepare
    let refreshed = 0;
    const holder = createTokenHolder(async () => 'rotated', { onRefreshed: () => (refreshed += 1) });
    holder.set('old');
    // Act
    const changed = await holder.refresh();
    // Assess
    expect(changed).toBe(true);
    expect(holder.current()).toBe('rotated');
    expect(refreshed).toBe(1);
  });

  it('shares one re-read between concurrent 401s and rate-limits further re-reads', async () => {
    // Prepare
    let reads = 0;
    let now = 0;
    const holder = createTokenHolder(
      async () => {
        reads += 1;
        return `token-${reads}`;
      },
      { now: () => now, minIntervalMs: 10_000 },
    );
    holder.set('token-0');
    // Act
    await Promise.all([holder.refresh(), holder.refresh(), holder.refresh()]);
    await holder.refresh();
    now = 10_001;
    await holder.refresh();
    // Assess
    expect(reads).toBe(2);
    expect(holder.current()).toBe('token-2');
  });
});
