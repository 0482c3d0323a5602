import { describe, expect, it } from 'vitest';
import { createTokenHolder } from '../../../lambda/token/token-holder.js';

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
