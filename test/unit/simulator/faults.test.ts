import { describe, expect, it } from 'vitest';
import { FaultInjector, type FaultKind } from '../../../local/webex-simulator/faults.js';
import { seededRandom } from '../../../local/webex-simulator/random.js';

const draws = (injector: FaultInjector, n: number) => Array.from({ length: n }, () => injector.next());

describe('FaultInjector', () => {
  it('plays a scripted sequence first, then nothing', () => {
    // Prepare
    const injector = new FaultInjector({ sequence: ['status503', 'none', 'reset'] }, () => 0);

    // Act / Assess
    expect(draws(injector, 4)).toEqual(['status503', undefined, 'reset', undefined]);
  });

  it('repeats the same faults for the same seed', () => {
    // Prepare
    const options = { probabilities: { status500: 0.1, hang: 0.05, locked423: 0.05 } };
    const a = new FaultInjector(options, seededRandom(7));
    const b = new FaultInjector(options, seededRandom(7));

    // Act / Assess
    expect(draws(a, 200)).toEqual(draws(b, 200));
  });

  it('injects each kind at about its probability', () => {
    // Prepare
    const injector = new FaultInjector({ probabilities: { status503: 0.2, reset: 0.1 } }, seededRandom(1));

    // Act
    const results = draws(injector, 10_000);
    const share = (kind: FaultKind) => results.filter((r) => r === kind).length / results.length;

    // Assess
    expect(share('status503')).toBeCloseTo(0.2, 1);
    expect(share('reset')).toBeCloseTo(0.1, 1);
    expect(share('hang')).toBe(0);
  });

  it('injects nothing and draws nothing without probabilities', () => {
    // Prepare
    let calls = 0;
    const injector = new FaultInjector({}, () => {
      calls += 1;
      return 0;
    });

    // Act
    const results = draws(injector, 5);

    // Assess
    expect(results).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(calls).toBe(0);
  });

  it('replaces the sequence and probabilities when reconfigured', () => {
    // Prepare
    const injector = new FaultInjector({ sequence: ['status500', 'status500'] }, () => 0);

    // Act
    injector.configure({ sequence: ['hang'] });

    // Assess
    expect(draws(injector, 2)).toEqual(['hang', undefined]);
  });

  it.each([
    { options: { probabilities: { status500: 0.6, status503: 0.6 } }, message: /add up to/ },
    { options: { probabilities: { status500: -0.1 } }, message: /within 0\.\.1/ },
    { options: { probabilities: { teapot: 0.1 } as never }, message: /Unknown fault kind/ },
    { options: { sequence: ['boom'] as never }, message: /Unknown fault kind/ },
    { options: { retryAfterSeconds: 0 }, message: /retryAfterSeconds/ },
  ])('rejects bad options ($message)', ({ options, message }) => {
    // Act / Assess
    expect(() => new FaultInjector(options, Math.random)).toThrow(message);
  });

  it('applies a faulted PUT first only at the configured probability', () => {
    // Prepare
    const never = new FaultInjector({}, () => 0);
    const always = new FaultInjector({ appliedBeforeFaultProbability: 1 }, () => 0.5);

    // Act / Assess
    expect(never.appliesBeforeFault()).toBe(false);
    expect(always.appliesBeforeFault()).toBe(true);
  });
});
