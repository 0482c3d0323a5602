/**
 * The deployed function's rules loader: the rules file compiled to JSON at synth (`cdk synth` validates the YAML
 * with `loadRulesFile` of `tools/rules/` and bundles the result as `ecbn-rules.json`, see `compileRules`). JSON only, so the Lambda bundle carries no YAML
 * parser; the same checks as `npm run rules:check` run again at cold start (a hand-edited package cannot slip by).
 */
import { readFileSync } from 'node:fs';
import { InvalidRulesError } from '../errors.js';
import type { EcbnRules } from './schema.js';
import { validateRulesValue } from './validate-rules.js';

/**
 * @throws InvalidRulesError when the file is missing, is not JSON, or breaks a rule.
 * @example
 * const rules = loadCompiledRules('/var/task/ecbn-rules.json');
 */
export function loadCompiledRules(path: string): EcbnRules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidRulesError(['(file): cannot be read'], path, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidRulesError(
      ['(file): not JSON — the function reads the rules compiled at synth; YAML is for `npm run rules:check` and cdk'],
      path,
      { cause: error },
    );
  }
  return validateRulesValue(value, path);
}
