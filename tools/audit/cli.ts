/** Entry point of `npm run audit`: runs {@link main} and sets the exit code. */
import { describeError } from '../../lambda/errors.js';
import { EXIT, main } from './audit.js';

main(process.argv.slice(2), process.env, (line) => process.stderr.write(`${line}\n`)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`audit: ${describeError(error)}\n`);
    process.exitCode = EXIT.failed;
  },
);
