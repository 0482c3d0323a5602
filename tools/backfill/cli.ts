/** Entry point of `npm run backfill`. */
import { describeError } from '../../lambda/errors.js';
import { main } from './backfill.js';

main(process.argv.slice(2), (line) => process.stderr.write(`${line}\n`)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`backfill: ${describeError(error)}\n`);
    process.exitCode = 3;
  },
);
