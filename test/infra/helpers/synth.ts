/**
 * Synthesizes the real app the way `cdk synth` does (cdk.json's context and feature flags, cdk-nag on), but fast:
 * bundling skipped and CloudFormation's built-in validation off (toolchain notes: ≈3.5 s saved per synth).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp, PROJECT_ROOT } from '../../../infra/create-app.js';
import type { EcbnStack } from '../../../infra/ecbn-stack.js';

/** Stands in for the real secret name that `cdk deploy -c secretName=…` gets. */
export const PLACEHOLDER_SECRET_NAME = 'ecbn-provisioner/webex-token';

/** A small valid rules file: one location, one building-wide zone. */
export const VALID_RULES_YAML = `version: 1
defaults:
  withDirectLine: DIRECT_LINE
  withoutDirectLine: LOCATION_ECBN
locations:
  - locationId: test-location-1
    name: Test HQ
    zones:
      - match: { building: B1 }
        callbackMember: { phoneNumber: "+14085550134" }
`;

/** Writes a rules file into a fresh temporary directory and returns its absolute path. */
export function writeRulesFile(text: string = VALID_RULES_YAML): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ecbn-rules-')), 'ecbn-rules.yaml');
  writeFileSync(file, text);
  return file;
}

/** The context `cdk.json` gives the CLI: feature flags, CLI switches and our defaults. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface Synthesized {
  readonly app: App;
  readonly stack: EcbnStack;
  readonly template: Template;
}

let validRulesFile: string | undefined;

/**
 * Creates the app with `settings` on top of cdk.json's context (a placeholder secret name and a valid rules file
 * unless given) and synthesizes it; cdk-nag findings make this throw.
 *
 * @example
 * const { template } = synthesize({ batchSize: '5' });
 */
export function synthesize(settings: Record<string, unknown> = {}, options: { bundle?: boolean } = {}): Synthesized {
  validRulesFile ??= writeRulesFile();
  const { app, stack } = createApp({
    context: {
      ...cdkJsonContext(),
      secretName: PLACEHOLDER_SECRET_NAME,
      rulesFile: validRulesFile,
      ...(options.bundle === true ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...settings,
    },
    builtinCloudFormationValidation: false,
    outdir: mkdtempSync(path.join(tmpdir(), 'ecbn-cdk-out-')),
  });
  app.synth();
  return { app, stack, template: Template.fromStack(stack) };
}
