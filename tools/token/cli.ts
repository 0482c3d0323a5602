/** Entry point of `npm run token -- <init|status>` (see `token-command.ts`). */
import { runTokenCommand } from './token-command.js';
import { terminalIo } from './terminal-io.js';

const io = terminalIo();
try {
  process.exitCode = await runTokenCommand(process.argv.slice(2), io);
} finally {
  io.close();
}
