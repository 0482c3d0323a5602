import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/create-app.js';

const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
  app: string;
  notices?: boolean;
  context: Record<string, unknown>;
};

describe('cdk.json', () => {
  it('runs the app with tsx', () => {
    expect(cdkJson.app).toBe('npx tsx infra/app.ts');
  });

  it('carries every recommended feature flag of the installed aws-cdk-lib, with its recommended value', () => {
    // Prepare
    const recommended = createRequire(import.meta.url)('aws-cdk-lib/recommended-feature-flags.json') as Record<
      string,
      unknown
    >;

    // Assess
    expect(Object.keys(recommended).length).toBeGreaterThan(0);
    for (const [flag, value] of Object.entries(recommended)) {
      expect(cdkJson.context[flag], flag).toEqual(value);
    }
  });

  it('makes the CLI stay offline: no notices, no telemetry', () => {
    expect(cdkJson.notices).toBe(false);
    expect(cdkJson.context['cli-telemetry']).toBe(false);
  });

  it('names the conventional secret, so the README deploy command needs no -c secretName', () => {
    // Only the name: the secret is created by the admin (README "Deploy"), never by the stack or with a value.
    expect(cdkJson.context.secretName).toBe('ecbn-provisioner/webex-token');
  });
});
