import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_ROTATION_SERVICE_NAME } from '../../lambda/observability/service-identity.js';
import { synthesize } from './helpers/synth.js';

// The rotation function really bundled with esbuild, as `cdk synth` does.
describe('the token rotation bundle', () => {
  let code: string;
  let file: string;

  beforeAll(() => {
    // Prepare: the asset of the function whose Powertools service is the rotation's.
    const { app, template } = synthesize({}, { bundle: true });
    const functions = template.findResources('AWS::Lambda::Function') as Record<
      string,
      { Properties: { Environment: { Variables: Record<string, string> }; Code: { S3Key?: string } } }
    >;
    const rotation = Object.values(functions).find(
      (fn) => fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME === TOKEN_ROTATION_SERVICE_NAME,
    );
    // The asset directory is named after the code's hash, which is also the S3 key of its zip.
    const assetPath = `asset.${(rotation?.Properties.Code.S3Key ?? '').replace(/\.zip$/, '')}`;
    expect(readdirSync(app.outdir)).toContain(assetPath);
    file = path.join(app.outdir, assetPath, 'index.mjs');
    code = readFileSync(file, 'utf8');
  }, 120_000);

  it("carries neither the product handler's configuration nor the rules", () => {
    expect(code).not.toContain('SOURCE_QUEUE_URL');
    expect(code).not.toContain('ecbn-rules.json');
  });

  it('loads without the product environment and exports the handler', async () => {
    const module = (await import(pathToFileURL(file).href)) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });
});
