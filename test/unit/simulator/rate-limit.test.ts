import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../local/webex-simulator/rate-limit.js';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('TokenBucket', () => {
  it('allows a burst, then answers with Retry-After seconds', () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket({ requestsPerSecond: 2, burst: 3 }, clock.now);

    // Act
    const decisions = [bucket.take(), bucket.take(), bucket.take(), bucket.take()];

    // Assess
    expect(decisions).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
      { allowed: false, retryAfterSeconds: 1 },
    ]);
  });

  it('refills at the configured rate', () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket({ requestsPerSecond: 2, burst: 1 }, clock.now);
    bucket.take();

    // Act
    clock.advance(499);
    const early = bucket.take();
    clock.advance(1);
    const onTime = bucket.take();

    // Assess
    expect(early.allowed).toBe(false);
    expect(onTime.allowed).toBe(true);
  });

  it.each([
    { rps: 0.5, expected: 2 },
    { rps: 0.1, expected: 10 },
    { rps: 100, expected: 1 },
  ])('rounds Retry-After up to whole seconds, at least 1 ($rps req/s → $expected s)', ({ rps, expected }) => {
    // Prepare
    const bucket = new TokenBucket({ requestsPerSecond: rps, burst: 1 }, fakeClock().now);
    bucket.take();

    // Act
    const decision = bucket.take();

    // Assess
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: expected });
  });

  it('keeps the fill level, capped, when reconfigured', () => {
    // Prepare
    const clock = fakeClock();
    const bucket = new TokenBucket({ requestsPerSecond: 1, burst: 10 }, clock.now);

    // Act
    bucket.reconfigure({ requestsPerSecond: 1, burst: 2 });

    // Assess
    expect([bucket.take().allowed, bucket.take().allowed, bucket.take().allowed]).toEqual([true, true, false]);
  });

  it.each([
    { options: { requestsPerSecond: 0, burst: 1 }, message: /requestsPerSecond/ },
    { options: { requestsPerSecond: 1, burst: 0 }, message: /burst/ },
    { options: { requestsPerSecond: Number.NaN, burst: 1 }, message: /requestsPerSecond/ },
  ])('rejects $options', ({ options, message }) => {
    // Act / Assess
    expect(() => new TokenBucket(options, Date.now)).toThrow(message);
  });
});
