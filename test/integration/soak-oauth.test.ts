/**
 * The soak's OAuth variant inside `npm test`: 500 seeded messages under the usual faults while the secret holds the
 * OAuth form, access tokens live 6 s and the rotation function refreshes them every 2 s (the CLI: 30 s and 10 s).
 * Asserts the pass criteria — nothing lost, nobody in the wrong state, no token leaked — and that rotations happened.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runSoak, type SoakResult } from '../../local/soak/run-soak.js';

let result: SoakResult;

beforeAll(async () => {
  result = await runSoak({
    events: 500,
    seed: 11,
    notReadyGraceSeconds: 3,
    oauth: { accessTokenSeconds: 6, rotationEveryMs: 2_000 },
  });
}, 120_000);

describe('soak: 500 messages with an OAuth token refreshed by rotation', () => {
  it('passes: nothing lost, nobody in the wrong state, no token leaked', () => {
    expect(result.failures).toEqual([]);
    expect(result.lost).toBe(0);
    expect(result.wrongState).toBe(0);
    expect(result.tokenLeaks).toBe(0);
  });

  it('rotated the token several times', () => {
    expect(result.tokenRotation.rotations?.succeeded).toBeGreaterThanOrEqual(2);
  });
});
