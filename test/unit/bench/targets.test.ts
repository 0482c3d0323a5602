import { describe, expect, it } from 'vitest';
import {
  TARGETS,
  ceilingEventsPerSec,
  evaluateTargets,
  servedCallsPerEvent,
  type MeasuredFigures,
} from '../../../local/bench/targets.js';

/** Figures that meet every target. */
function passingFigures(overrides: Partial<MeasuredFigures> = {}): MeasuredFigures {
  return {
    ceilingRatio: 0.95,
    nothingLost: true,
    callsPerChangedEvent: 3,
    callsPerUnchangedEvent: 2,
    ledgerCallsPerEvent: 2,
    handlerCpuRatio: 1.4,
    bundleBytes: 500 * 1024,
    ...overrides,
  };
}

describe('ceilingEventsPerSec', () => {
  it.each([
    { rate: 400, calls: 2.5, expected: 160 },
    { rate: 400, calls: 2, expected: 200 },
    { rate: 100, calls: 3, expected: 100 / 3 },
  ])('is $rate req/s ÷ $calls calls per event', ({ rate, calls, expected }) => {
    expect(ceilingEventsPerSec(rate, calls)).toBeCloseTo(expected, 10);
  });

  it.each([
    { rate: 0, calls: 2 },
    { rate: 400, calls: 0 },
    { rate: Number.NaN, calls: 2 },
  ])('refuses a rate of $rate or $calls calls per event', ({ rate, calls }) => {
    expect(() => ceilingEventsPerSec(rate, calls)).toThrow(RangeError);
  });
});

describe('servedCallsPerEvent', () => {
  it('leaves out the 429 answers, which take no token from the limit', () => {
    expect(servedCallsPerEvent({ requests: 5574, rateLimited: 144, events: 2000 })).toBeCloseTo(2.715, 10);
  });

  it('refuses a run without events', () => {
    expect(() => servedCallsPerEvent({ requests: 10, rateLimited: 0, events: 0 })).toThrow(RangeError);
  });
});

describe('evaluateTargets', () => {
  it('passes every target when every figure meets it, including exactly at the bounds', () => {
    // Prepare
    const figures = passingFigures({
      ceilingRatio: TARGETS.minCeilingRatio,
      handlerCpuRatio: TARGETS.maxHandlerCpuRatio,
      bundleBytes: TARGETS.maxBundleBytes,
    });

    // Act
    const verdicts = evaluateTargets(figures);

    // Assess
    expect(verdicts.map((v) => v.pass)).toEqual(verdicts.map(() => true));
  });

  it.each([
    { figure: 'ceilingRatio', overrides: { ceilingRatio: 0.899 }, metric: /^ceilingRatio/ },
    { figure: 'nothingLost', overrides: { nothingLost: false }, metric: /^ceilingRatio/ },
    { figure: 'changed calls', overrides: { callsPerChangedEvent: 3.01 }, metric: /changed$/ },
    { figure: 'unchanged calls', overrides: { callsPerUnchangedEvent: 2.01 }, metric: /unchanged$/ },
    { figure: 'ledger calls', overrides: { ledgerCallsPerEvent: 2.01 }, metric: /^ledgerCallsPerEvent/ },
    { figure: 'handler CPU ratio', overrides: { handlerCpuRatio: 1.51 }, metric: /^handlerCpuRatio/ },
    { figure: 'bundle', overrides: { bundleBytes: 600 * 1024 + 1 }, metric: /^bundleBytes/ },
  ])('fails only the $figure target when it is missed', ({ overrides, metric }) => {
    // Act
    const failed = evaluateTargets(passingFigures(overrides)).filter((v) => !v.pass);

    // Assess
    expect(failed).toHaveLength(1);
    expect(failed[0]?.metric).toMatch(metric);
  });

  it('sets no target on absolute events per second or on the cold-init ratio (information only)', () => {
    // Act
    const metrics = evaluateTargets(passingFigures()).map((v) => v.metric);

    // Assess
    expect(metrics.some((metric) => /EventsPerSecPerCore|coldInit/.test(metric))).toBe(false);
  });

  it('says so in the measured column when events were lost', () => {
    // Act
    const [throughput] = evaluateTargets(passingFigures({ nothingLost: false }));

    // Assess
    expect(throughput?.measured).toContain('EVENTS LOST OR WRONG');
  });

  it('shows the bundle target in KB and bytes (1 KB = 1024 B)', () => {
    // Act
    const bundle = evaluateTargets(passingFigures({ bundleBytes: 523_481 })).find((v) => v.metric === 'bundleBytes');

    // Assess
    expect(bundle).toMatchObject({ target: '≤ 600 KB (614400 B)', measured: '511.2 KB (523481 B)', pass: true });
  });
});
