import { describe, expect, it } from 'vitest';
import { createRateGate } from '../../../lambda/flow/rate-gate.js';

describe('rate gate', () => {
  it('is open until a 429 closes it', () => {
    const gate = createRateGate(() => 1_000);
    expect(gate.openAt()).toBe(0);
  });

  it('stays closed for the Retry-After and opens afterwards', () => {
    // Prepare
    let now = 1_000;
    const gate = createRateGate(() => now);
    // Act
    gate.closeFor(3);
    // Assess
    expect(gate.openAt()).toBe(4_000);
    now = 4_000;
    expect(gate.openAt()).toBe(0);
  });

  it('never shortens an existing closure', () => {
    const gate = createRateGate(() => 0);
    gate.closeFor(10);
    gate.closeFor(2);
    expect(gate.openAt()).toBe(10_000);
  });
});
