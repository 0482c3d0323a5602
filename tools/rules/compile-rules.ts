/** Synth-time half of the function's rules: the validated rules as the JSON `loadCompiledRules` reads at cold start. */
import type { EcbnRules } from '../../lambda/rules/schema.js';

/**
 * The JSON the function loads: the validated rules, defaults applied. Re-validating it gives the same rules.
 *
 * @example
 * writeFileSync('ecbn-rules.json', compileRules(loadRulesFile('config/ecbn-rules.yaml')));
 */
export function compileRules(rules: EcbnRules): string {
  return `${JSON.stringify(rules, null, 2)}\n`;
}
