import { describe, expect, it } from 'vitest';
import type { Accounting } from '../../../local/bench/bench-pipeline.js';
import { describeAccounting, renderPackages, renderTable, renderTargets } from '../../../local/bench/format-summary.js';

describe('renderTable', () => {
  it('aligns columns to the widest cell and underlines the header', () => {
    // Act
    const text = renderTable(
      ['metric', 'value'],
      [
        ['a', '1'],
        ['longer name', '22'],
      ],
    );

    // Assess
    expect(text.split('\n')).toEqual(['metric       value', '-----------  -----', 'a            1', 'longer name  22']);
  });

  it('renders a header alone when there are no rows', () => {
    expect(renderTable(['a', 'bb'], [])).toBe('a  bb\n-  --');
  });
});

describe('renderTargets', () => {
  it('marks a missed target so it cannot be overlooked', () => {
    // Act
    const text = renderTargets([
      { metric: 'bundleBytes', target: '≤ 600 KB', measured: '511 KB', pass: true },
      { metric: 'coldInitRatio', target: '≤ 1.3', measured: '1.8', pass: false },
    ]);

    // Assess
    const [, , pass, fail] = text.split('\n');
    expect(pass).toMatch(/bundleBytes .* PASS$/);
    expect(fail).toMatch(/coldInitRatio .* FAIL <<<$/);
  });
});

describe('renderPackages', () => {
  it('lists the top packages in KB with their share', () => {
    // Act
    const text = renderPackages(
      [
        { package: '@smithy/core', bytes: 135_098, share: 0.258 },
        { package: 'zod', bytes: 101_323, share: 0.1936 },
        { package: 'tiny', bytes: 10, share: 0 },
      ],
      2,
    );

    // Assess
    expect(text.split('\n').slice(2)).toEqual(['@smithy/core  131.9  25.8 %', 'zod           98.9   19.4 %']);
  });
});

describe('describeAccounting', () => {
  const clean: Accounting = {
    published: 10,
    final: 10,
    missing: 0,
    outcomes: { updated: 7, unchanged: 3 },
    unexpectedOutcomes: 0,
    wrongState: 0,
    duplicateFinals: 0,
    deadLettered: 0,
    leftInQueue: 0,
    nothingLost: true,
  };

  it('says nothing was lost when every event is accounted for', () => {
    expect(describeAccounting(clean)).toBe('10/10 final (updated 7, unchanged 3); nothing lost');
  });

  it('names every kind of loss in capitals', () => {
    // Prepare
    const lossy: Accounting = {
      ...clean,
      final: 8,
      missing: 2,
      unexpectedOutcomes: 1,
      wrongState: 3,
      deadLettered: 1,
      leftInQueue: 2,
      nothingLost: false,
    };

    // Act
    const text = describeAccounting(lossy);

    // Assess
    expect(text).toBe(
      '8/10 final (updated 7, unchanged 3); 2 MISSING, 1 UNEXPECTED OUTCOMES, 3 WRONG STATE, 1 IN DLQ, 2 LEFT IN QUEUE',
    );
  });
});
