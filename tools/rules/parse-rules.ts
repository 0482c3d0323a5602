/**
 * Rules file text (YAML, or JSON, which is YAML too) → {@link EcbnRules}, or an {@link InvalidRulesError} listing
 * every problem as `path: message (line N)`.
 *
 * Three passes, all reported together so an admin fixes a file in one go:
 * 1. YAML syntax (including duplicate keys and unknown tags), with the parser's line;
 * 2. and 3. the schema and the checks across entries of `validate-rules.ts`, each issue with its YAML line.
 */
import { LineCounter, parseDocument } from 'yaml';
import { InvalidRulesError } from '../../lambda/errors.js';
import type { EcbnRules } from '../../lambda/rules/schema.js';
import { lineSuffix, validateRulesValue, type LineLocator } from '../../lambda/rules/validate-rules.js';
import { lineOf } from './yaml-lines.js';

/**
 * Parses and checks a rules file. The result is deeply frozen and has every default applied
 * (`defaults.withDirectLine: DIRECT_LINE`, `defaults.withoutDirectLine: LOCATION_ECBN`, zone
 * `appliesTo: withoutDirectLine`); phone numbers are normalised to E.164.
 *
 * @param source Names the file in the error message (e.g. its path).
 * @example
 * const rules = parseRules('version: 1\nlocations: []\n');
 * rules.defaults; // { withDirectLine: 'DIRECT_LINE', withoutDirectLine: 'LOCATION_ECBN' }
 *
 * parseRules('version: 2\n', 'config/ecbn-rules.yaml');
 * // throws InvalidRulesError: config/ecbn-rules.yaml is invalid: version: unknown version; … (line 1)
 */
export function parseRules(text: string, source?: string): EcbnRules {
  return parseRulesWithLines(text, source).rules;
}

/** Parsed rules and where each path of the file is: later checks (against the org) report lines too. */
export interface LocatedRules {
  readonly rules: EcbnRules;
  readonly locate: LineLocator;
}

/**
 * {@link parseRules}, also returning the line locator of the document.
 *
 * @example
 * const { rules, locate } = parseRulesWithLines(text, 'rules.yaml');
 * locate(['locations', 0, 'locationId']); // 12
 */
export function parseRulesWithLines(text: string, source?: string): LocatedRules {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  const syntaxProblems = [...document.errors, ...document.warnings];
  if (syntaxProblems.length > 0) {
    throw new InvalidRulesError(
      syntaxProblems.map(
        (problem) => `yaml: ${problem.message}${lineSuffix(lineCounter.linePos(problem.pos[0]).line)}`,
      ),
      source,
    );
  }

  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // e.g. an alias to an anchor that does not exist, or an alias bomb.
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidRulesError([`yaml: ${message}`], source, { cause: error });
  }
  const locate: LineLocator = (path) => lineOf(document, lineCounter, path);
  return { rules: validateRulesValue(value, source, locate), locate };
}
