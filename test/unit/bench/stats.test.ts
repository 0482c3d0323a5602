import { describe, expect, it } from 'vitest';
import { median, percentile, round, summarize } from '../../../local/bench/stats.js';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it.each([
    { values: [7], p: 50, expected: 7 },
    { values: [4, 1, 3, 2], p: 50, expected: 2 },
    { values: [4, 1, 3, 2], p: 75, expected: 3 },
    { values: [4, 1, 3, 2], p: 99, expected: 4 },
    { values: [4, 1, 3, 2], p: 100, expected: 4 },
    { values: hundred, p: 50, expected: 50 },
    { values: hundred, p: 95, expected: 95 },
    { values: hundred, p: 99, expected: 99 },
    { values: hundred, p: 0.1, expected: 1 },
  ])('gives $expected as p$p of $values.length values', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('always answers a measured value, never an interpolation', () => {
    expect(percentile([10, 20], 50)).toBe(10);
  });

  it('does not reorder the caller’s array', () => {
    // Prepare
    const values = [3, 1, 2];

    // Act
    percentile(values, 50);

    // Assess
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([
    { values: [], p: 50, why: /empty/ },
    { values: [1], p: 0, why: /\(0, 100\]/ },
    { values: [1], p: 101, why: /\(0, 100\]/ },
    { values: [1], p: Number.NaN, why: /\(0, 100\]/ },
  ])('refuses p$p of $values.length values', ({ values, p, why }) => {
    expect(() => percentile(values, p)).toThrow(why);
  });
});

describe('median', () => {
  it.each([
    { values: [3, 1, 2], expected: 2 },
    { values: [4, 1, 2, 3], expected: 2.5 },
    { values: [5], expected: 5 },
  ])('of $values is $expected', ({ values, expected }) => {
    expect(median(values)).toBe(expected);
  });

  it('refuses an empty sample', () => {
    expect(() => median([])).toThrow(/empty/);
  });
});

describe('summarize', () => {
  it('gives count, extremes, percentiles and mean', () => {
    expect(summarize([30, 10, 20])).toEqual({ count: 3, min: 10, p50: 20, p95: 30, p99: 30, max: 30, mean: 20 });
  });

  it('handles samples too large to spread into Math.max', () => {
    // Prepare
    const values = Array.from({ length: 300_000 }, (_, i) => i);

    // Act
    const summary = summarize(values);

    // Assess
    expect(summary).toMatchObject({ count: 300_000, min: 0, max: 299_999, p50: 149_999 });
  });
});

describe('round', () => {
  it.each([
    { value: 1234.5678, digits: 1, expected: 1234.6 },
    { value: 0.12345, digits: 3, expected: 0.123 },
    { value: 2.5, digits: 0, expected: 3 },
    { value: 7, digits: 2, expected: 7 },
  ])('rounds $value to $digits digits', ({ value, digits, expected }) => {
    expect(round(value, digits)).toBe(expected);
  });
});
