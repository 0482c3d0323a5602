import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../../local/webex-simulator/index.js';
import { soakFaultProfile } from '../../../local/soak/fault-profile.js';

describe('soakFaultProfile', () => {
  it('spreads the request fault rate over every fault kind', () => {
    // Act
    const profile = soakFaultProfile(0.085, 0.04);
    // Assess
    const probabilities = profile.faults.probabilities ?? {};
    expect(Object.keys(probabilities).sort()).toEqual([...FAULT_KINDS].sort());
    const sum = Object.values(probabilities).reduce((total, p) => total + (p ?? 0), 0);
    expect(sum).toBeCloseTo(0.085, 10);
    expect(probabilities.hang).toBeLessThan(probabilities.status503 ?? 0);
  });

  it('answers 423 and storm 429s with a one-second Retry-After and applies some faulted PUTs first', () => {
    const profile = soakFaultProfile(0.1, 0.05);
    expect(profile.faults.retryAfterSeconds).toBe(1);
    expect(profile.faults.appliedBeforeFaultProbability).toBeGreaterThan(0);
    expect(profile.storm.durationMs / profile.storm.everyMs).toBeCloseTo(0.05, 5);
    expect(profile.storm.rateLimit.requestsPerSecond).toBeGreaterThan(0);
  });

  it.each([
    [-0.1, 0],
    [1.1, 0],
    [0.1, 1],
  ])('refuses rate %d with storm share %d', (rate, storm) => {
    expect(() => soakFaultProfile(rate, storm)).toThrow(RangeError);
  });
});
