import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { OWN_CODE, UNATTRIBUTED, packageBreakdown, packageOfInput } from '../../../local/bench/package-breakdown.js';

/** A metafile with one JS output made of the given inputs (path → bytes in output), plus its map. */
function metafileFactory(inputs: Record<string, number>, extraOutputBytes = 0): Metafile {
  const bytes = Object.values(inputs).reduce((sum, n) => sum + n, 0) + extraOutputBytes;
  return {
    inputs: {},
    outputs: {
      'out/index.mjs.map': { bytes: 99_999, inputs: {}, imports: [], exports: [] },
      'out/index.mjs': {
        bytes,
        inputs: Object.fromEntries(Object.entries(inputs).map(([path, n]) => [path, { bytesInOutput: n }])),
        imports: [],
        exports: ['handler'],
      },
    },
  };
}

describe('packageOfInput', () => {
  it.each([
    { input: 'node_modules/zod/v4/classic/schemas.js', expected: 'zod' },
    { input: 'node_modules/@aws-sdk/client-sqs/dist-es/SQSClient.js', expected: '@aws-sdk/client-sqs' },
    { input: 'node_modules/@middy/core/node_modules/@middy/util/index.js', expected: '@middy/util' },
    { input: '../../node_modules/yaml/dist/index.js', expected: 'yaml' },
    { input: 'node_modules\\tslib\\tslib.es6.mjs', expected: 'tslib' },
    { input: 'lambda/handler.ts', expected: OWN_CODE },
    { input: '<stdin>', expected: OWN_CODE },
  ])('puts $input under $expected', ({ input, expected }) => {
    expect(packageOfInput(input)).toBe(expected);
  });
});

describe('packageBreakdown', () => {
  it('sums the bytes of each package, largest first, with its share of the output', () => {
    // Prepare
    const metafile = metafileFactory({
      'node_modules/zod/a.js': 300,
      'node_modules/zod/b.js': 100,
      'node_modules/@smithy/core/x.js': 500,
      'lambda/handler.ts': 100,
    });

    // Act
    const shares = packageBreakdown(metafile);

    // Assess
    expect(shares).toEqual([
      { package: '@smithy/core', bytes: 500, share: 0.5 },
      { package: 'zod', bytes: 400, share: 0.4 },
      { package: OWN_CODE, bytes: 100, share: 0.1 },
    ]);
  });

  it('lists what esbuild adds itself (runtime helpers, banner) as the remainder', () => {
    // Act
    const shares = packageBreakdown(metafileFactory({ 'node_modules/zod/a.js': 900 }, 100));

    // Assess
    expect(shares).toContainEqual({ package: UNATTRIBUTED, bytes: 100, share: 0.1 });
    expect(shares.reduce((sum, s) => sum + s.bytes, 0)).toBe(1000);
  });

  it('refuses a metafile without a JavaScript output', () => {
    // Prepare
    const metafile: Metafile = {
      inputs: {},
      outputs: { 'out/a.css': { bytes: 1, inputs: {}, imports: [], exports: [] } },
    };

    // Act / Assess
    expect(() => packageBreakdown(metafile)).toThrow(/no JavaScript output/);
  });
});
