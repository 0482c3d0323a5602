/**
 * The token CLI's real input and output: console lines, and prompts on the terminal with echo switched off for
 * secrets (readline writes nothing while muted). Without a terminal, answers are read as lines from stdin, in the
 * order asked, so `printf '%s\n' "$ID" "$SECRET" "$REFRESH" | npm run token -- init …` works.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { TokenIo } from './token-io.js';

/**
 * @example
 * const io = terminalIo();
 * const secret = await io.prompt('Client secret: ', { secret: true });
 * io.close();
 */
export function terminalIo(): TokenIo & { close(): void } {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  const lines = rl[Symbol.asyncIterator]();

  return {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    env: process.env,
    async prompt(question, { secret }) {
      if (process.stdin.isTTY === true) {
        process.stderr.write(question);
        muted = secret;
        try {
          const next = await lines.next();
          return next.done === true ? '' : String(next.value);
        } finally {
          muted = false;
          if (secret) process.stderr.write('\n');
        }
      }
      const next = await lines.next();
      return next.done === true ? '' : String(next.value);
    },
    close: () => rl.close(),
  };
}
