import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCompiledRules } from '../../lambda/rules/index.js';
import { parseRules } from '../../tools/rules/index.js';
import { ESM_REQUIRE_BANNER } from '../../infra/ecbn-function.js';
import { VALID_RULES_YAML, synthesize } from './helpers/synth.js';

const require = createRequire(import.meta.url);

// The one synth that really bundles: the real handler, with the local esbuild (no Docker), as `cdk synth` does.
describe('the function bundle (real esbuild bundling of lambda/handler.ts)', () => {
  let assetDir: string;

  beforeAll(() => {
    // Act
    // The token rotation function has its own bundle (test/infra/token-rotation-bundle.test.ts).
    const { app, stack } = synthesize({ tokenRotation: 'false' }, { bundle: true });

    // Prepare: the provisioner's asset directory (the audit worker, infra/audit.ts, has its own).
    const outdir = app.outdir;
    const code = (stack.provisioner.function.node.defaultChild as CfnFunction).code as { s3Key?: string };
    const asset = `asset.${(code.s3Key ?? '').replace(/\.zip$/, '')}`;
    expect(readdirSync(outdir).filter((name) => name.startsWith('asset.'))).toContain(asset);
    assetDir = path.join(outdir, asset);
  }, 120_000);

  it('is one minified ES module with its source map', () => {
    // Act
    const files = readdirSync(assetDir).sort();
    const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');

    // Assess
    expect(files).toEqual(['ecbn-rules.json', 'index.mjs', 'index.mjs.map']);
    expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
    expect(/export\s*\{[^}]*\bhandler\b/.test(code)).toBe(true);
    // Minified: long lines (the few line breaks left are inside template literals).
    expect(code.length / code.split('\n').length).toBeGreaterThan(500);
    expect(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/.test(code)).toBe(true);
  });

  it('bundles the AWS SDK instead of importing the runtime’s copy', () => {
    // Act
    const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');

    // Assess: the SDK clients in the bundle are the versions installed here (their package.json is inlined)...
    for (const client of ['@aws-sdk/client-sqs', '@aws-sdk/client-secrets-manager']) {
      const { version } = require(`${client}/package.json`) as { version: string };
      expect(code.includes(`name:"${client}",version:"${version}"`), `${client}@${version} bundled`).toBe(true);
    }
    // ...and no import or require of a package is left (only Node built-ins). Matches preceded by "[" are the SDK's
    // own error messages that quote `[require("@aws-sdk/signature-v4-crt")]`, not code.
    const specifiers = [...code.matchAll(/(?<![[\w.$])(?:import\s*\(?|from|require\()\s*["']([^"']+)["']/g)].map(
      (match) => match[1] ?? '',
    );
    expect(specifiers.filter((name) => !/^(node:)?[a-z_]+(\/[a-z_]+)?$/.test(name))).toEqual([]);
  });

  it('carries the validated rules, compiled to JSON, next to the handler, as ECBN_RULES_FILE says', () => {
    // Act: the function's own loader reads what was bundled.
    const bundled = loadCompiledRules(path.join(assetDir, 'ecbn-rules.json'));
    // Assess
    expect(bundled).toEqual(parseRules(VALID_RULES_YAML));
  });

  it('carries no YAML parser: the function reads the compiled JSON', () => {
    const code = readFileSync(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(code).not.toContain('YAMLParseError');
  });
});
