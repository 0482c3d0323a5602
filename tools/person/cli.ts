/** `npm run person -- <email or person id>`: see person-command.ts. */
import { runPersonCommand } from './person-command.js';

process.exitCode = await runPersonCommand(process.argv.slice(2), (line) => console.log(line));
