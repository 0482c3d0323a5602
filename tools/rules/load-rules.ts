/** Reading a rules file from disk: the one I/O edge of the rules module. */
import { readFileSync } from 'node:fs';
import { InvalidRulesError } from '../../lambda/errors.js';
import { parseRulesWithLines, type LocatedRules } from './parse-rules.js';
import type { EcbnRules } from '../../lambda/rules/schema.js';

/** Where the rules live in the repository (and in the bundled function, next to the handler). */
export const DEFAULT_RULES_FILE = 'config/ecbn-rules.yaml';

/**
 * Reads and parses a rules file. A missing or unreadable file is an {@link InvalidRulesError} too (a configuration
 * problem of the deployment, named with its path), never a raw `ENOENT`.
 *
 * @example
 * const rules = loadRulesFile('config/ecbn-rules.yaml');
 */
export function loadRulesFile(path: string): EcbnRules {
  return loadRulesFileWithLines(path).rules;
}

/**
 * {@link loadRulesFile} with the line locator of the file (for findings that come after parsing, e.g. `--org`).
 *
 * @example
 * const { rules, locate } = loadRulesFileWithLines('config/ecbn-rules.yaml');
 */
export function loadRulesFileWithLines(path: string): LocatedRules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory'
          : `cannot be read (${code ?? 'error'})`;
    throw new InvalidRulesError([`(file): ${why}`], path, { cause: error });
  }
  return parseRulesWithLines(text, path);
}
