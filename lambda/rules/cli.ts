/** Entry point of `npm run rules:check -- [file …]` (see `check-rules-command.ts`). */
import { runRulesCheck } from './check-rules-command.js';

process.exitCode = runRulesCheck(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
