/**
 * Entry point of `npm run rules -- <command> …` (`npm run rules:check -- …` is `rules -- check …`). Commands live in
 * their own modules so tests run them in-process; this file only wires `process`.
 */
import { runRulesCheck } from './check-rules-command.js';

const USAGE = `Usage: npm run rules -- <command> [options]
  check [file …]     validate rules files (same as npm run rules:check -- [file …])`;

const [command, ...args] = process.argv.slice(2);
const output = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

if (command === 'check') {
  process.exitCode = runRulesCheck(args, output);
} else {
  output.err(command === undefined ? USAGE : `Unknown command ${command}\n${USAGE}`);
  process.exitCode = 2;
}
