/** Reading a rules file from disk: the one I/O edge of the rules module. */
import { readFileSync } from 'node:fs';
import { InvalidRulesError } from '../../lambda/errors.js';
import { parseRules } from './parse-rules.js';
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
  return parseRules(text, path);
}
