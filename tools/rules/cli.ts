/**
 * Entry point of `npm run rules -- <command> …` (`npm run rules:check -- …` is `rules -- check …`). Commands live in
 * their own modules so tests run them in-process; this file only wires `process`.
 */
import { runRulesCheck } from './check-rules-command.js';
import { runDiscover } from './discover-command.js';
import { CHECK_EXIT } from './finding.js';

const USAGE = `Usage: npm run rules -- <command> [options]
  discover [--webex-url URL] [--out FILE]        write a starter rules file for your org (read-only)
  check [--org [--webex-url URL]] [file …]       validate rules files (same as npm run rules:check -- …)`;

const [command, ...args] = process.argv.slice(2);
const output = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

if (command === 'check') {
  process.exitCode = await runRulesCheck(args, output);
} else if (command === 'discover') {
  process.exitCode = await runDiscover(args, output);
} else {
  output.err(command === undefined ? USAGE : `Unknown command ${command}\n${USAGE}`);
  process.exitCode = CHECK_EXIT.usage;
}
