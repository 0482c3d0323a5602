/**
 * `npm run rules:check -- [file …]`: validates rules files and prints a summary per location, or every error.
 * Kept apart from `cli.ts` (which only wires `process`) so tests run it in-process.
 */
import { InvalidRulesError } from '../../lambda/errors.js';
import { DEFAULT_RULES_FILE, loadRulesFile } from './load-rules.js';
import { describeDefaults, summarizeRules } from './summarize.js';

/** Where the command writes. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: npm run rules:check -- [file …]   (default: ${DEFAULT_RULES_FILE})
Validates ECBN rules files (YAML or JSON). Exit code 0 when every file is valid, 1 otherwise.`;

/**
 * Runs the check on `args` (file paths; none → {@link DEFAULT_RULES_FILE}) and returns the exit code.
 *
 * @example
 * const code = runRulesCheck(['config/ecbn-rules.yaml'], { out: console.log, err: console.error }); // 0
 */
export function runRulesCheck(args: readonly string[], output: CommandOutput): number {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(USAGE);
    return 0;
  }
  const unknownOption = args.find((arg) => arg.startsWith('-'));
  if (unknownOption !== undefined) {
    output.err(`Unknown option ${unknownOption}\n${USAGE}`);
    return 1;
  }
  const files = args.length === 0 ? [DEFAULT_RULES_FILE] : args;
  let exitCode = 0;
  for (const file of files) {
    try {
      const rules = loadRulesFile(file);
      output.out(`${file}: valid (${describeDefaults(rules)})`);
      for (const line of summarizeRules(rules)) output.out(`  ${line}`);
    } catch (error) {
      if (!(error instanceof InvalidRulesError)) throw error;
      exitCode = 1;
      output.err(`${file}: invalid (${error.issues.length} error(s))`);
      for (const issue of error.issues) output.err(`  ${issue}`);
    }
  }
  return exitCode;
}
