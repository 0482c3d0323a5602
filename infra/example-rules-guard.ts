/**
 * The deploy guard for example rules (issue 13 §4): a rules file marked `example: true` (the demo org's
 * `config/ecbn-rules.yaml`) names ids of no real org, so a deployment with it would give nobody a zone, silently.
 * Synth refuses it unless `-c allowExampleRules=true`, and says how to write real rules.
 */
import { InvalidRulesError } from '../lambda/errors.js';
import type { EcbnRules } from '../lambda/rules/schema.js';

/**
 * @throws InvalidRulesError when `rules` is an example and `allowExampleRules` is false.
 * @example
 * refuseExampleRules(rules, settings.allowExampleRules, 'config/ecbn-rules.yaml');
 */
export function refuseExampleRules(rules: EcbnRules, allowExampleRules: boolean, rulesFile: string): void {
  if (rules.example !== true || allowExampleRules) return;
  throw new InvalidRulesError(
    [
      'example: true: these are example rules (the demo org’s ids, not your org’s); write yours with ' +
        '`npm run rules -- discover --out config/my-rules.yaml`, check them with ' +
        '`npm run rules:check -- --org config/my-rules.yaml`, and deploy with -c rulesFile=config/my-rules.yaml ' +
        '(or pass -c allowExampleRules=true to deploy the example anyway)',
    ],
    rulesFile,
  );
}
