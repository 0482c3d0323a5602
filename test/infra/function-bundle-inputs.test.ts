import { readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { cdkLikeBuildOptions } from '../../local/bench/phases/bundle.js';

// `lambda/` holds what the function bundles; admin CLIs, YAML and synth-only code live in `tools/`. The esbuild
// metafile of a bundle built with the construct's settings says which source files the function really carries.
describe('what the function bundle is made of (esbuild metafile of lambda/handler.ts)', () => {
  let inputs: string[];

  beforeAll(async () => {
    // Act
    const result = await build({
      ...cdkLikeBuildOptions({ entryPoints: ['lambda/handler.ts'] }, 'unused-out'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    inputs = Object.keys(result.metafile.inputs);
  }, 60_000);

  it('carries nothing from tools/ and no YAML parser', () => {
    expect(inputs.filter((input) => input.startsWith('tools/'))).toEqual([]);
    expect(inputs.filter((input) => input.includes('node_modules/yaml/'))).toEqual([]);
  });

  it('carries every module of lambda/rules/ (so nothing CLI-only is left there)', () => {
    // Prepare: the barrel is for tools and tests; the function imports the modules directly.
    const modules = readdirSync('lambda/rules')
      .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
      .map((name) => `lambda/rules/${name}`);

    // Assess
    expect(modules.length).toBeGreaterThan(0);
    expect(modules.filter((module) => !inputs.includes(module))).toEqual([]);
  });
});
