import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ESM_REQUIRE_BANNER } from '../../../infra/ecbn-function.js';
import { CDK_FUNCTION_BUNDLING, cdkLikeBuildOptions } from '../../../local/bench/phases/bundle.js';

// The bench builds the bundle it measures itself (esbuild's JS API); these keep it in step with the CDK construct.
const construct = readFileSync(new URL('../../../infra/ecbn-function.ts', import.meta.url), 'utf8');

describe('the bench bundle settings', () => {
  it('use the construct’s banner', () => {
    expect(CDK_FUNCTION_BUNDLING.banner).toBe(ESM_REQUIRE_BANNER);
  });

  it.each([
    {
      setting: 'runtime (target node24)',
      source: /runtime:\s*Runtime\.NODEJS_24_X/,
      value: CDK_FUNCTION_BUNDLING.target === 'node24',
    },
    { setting: 'ESM output', source: /format:\s*OutputFormat\.ESM/, value: CDK_FUNCTION_BUNDLING.format === 'esm' },
    { setting: 'minify', source: /minify:\s*true/, value: CDK_FUNCTION_BUNDLING.minify },
    { setting: 'source map', source: /sourceMap:\s*true/, value: CDK_FUNCTION_BUNDLING.sourcemap },
    { setting: 'no sources content', source: /sourcesContent:\s*false/, value: !CDK_FUNCTION_BUNDLING.sourcesContent },
    {
      setting: 'main fields module, main',
      source: /mainFields:\s*\['module',\s*'main'\]/,
      value: CDK_FUNCTION_BUNDLING.mainFields.join() === 'module,main',
    },
    {
      setting: 'nothing external',
      source: /externalModules:\s*\[\]/,
      value: CDK_FUNCTION_BUNDLING.external.length === 0,
    },
  ])('match the construct: $setting', ({ source, value }) => {
    expect(construct).toMatch(source);
    expect(value).toBe(true);
  });

  it('become esbuild options for one minified ESM file per bundle, with a metafile', () => {
    // Act
    const options = cdkLikeBuildOptions({ entryPoints: ['lambda/handler.ts'] }, '/tmp/out');

    // Assess
    expect(options).toMatchObject({
      entryPoints: ['lambda/handler.ts'],
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'esm',
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      mainFields: ['module', 'main'],
      banner: { js: ESM_REQUIRE_BANNER },
      external: [],
      outfile: '/tmp/out/index.mjs',
      metafile: true,
    });
  });
});
