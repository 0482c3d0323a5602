import { describe, expect, it } from 'vitest';
import { MAX_DEFER_SECONDS, visibilityDelaySeconds } from '../../../lambda/failures/backoff.js';

describe('visibilityDelaySeconds', () => {
  it.each([
    ['uses the server Retry-After when present', { receiveCount: 3, retryAfterSeconds: 30, random: 0.9 }, 30],
    ['rounds a fractional Retry-After up', { receiveCount: 1, retryAfterSeconds: 1.2, random: 0 }, 2],
    ['never defers less than a second', { receiveCount: 1, retryAfterSeconds: 0, random: 0 }, 1],
    [
      'caps Retry-After at the policy cap (DEFER_CAP_SECONDS)',
      { receiveCount: 1, retryAfterSeconds: 999_999, random: 0 },
      900,
    ],
    [
      'never asks for more than SQS accepts from the receive, whatever the cap',
      { receiveCount: 1, retryAfterSeconds: 999_999, random: 0, policy: { baseSeconds: 10, capSeconds: 10 ** 6 } },
      MAX_DEFER_SECONDS,
    ],
    ['waits half the base on a first receive with no jitter', { receiveCount: 1, random: 0 }, 5],
    ['waits the full base on a first receive with full jitter', { receiveCount: 1, random: 0.999 }, 10],
    ['doubles per receive', { receiveCount: 3, random: 0 }, 20],
    ['caps the exponential at 15 minutes', { receiveCount: 30, random: 0.999 }, 900],
  ])('%s', (_name, input, expected) => {
    expect(visibilityDelaySeconds(input)).toBe(expected);
  });

  it('stays within [half, full] of the exponential step for any jitter', () => {
    for (let random = 0; random < 1; random += 0.05) {
      const seconds = visibilityDelaySeconds({ receiveCount: 4, random });
      expect(seconds).toBeGreaterThanOrEqual(40);
      expect(seconds).toBeLessThanOrEqual(80);
    }
  });
});
