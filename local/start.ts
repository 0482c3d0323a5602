/**
 * `npm start`: try the whole product on a laptop in a minute. See `npm start -- --help` and local/start/.
 */
import { parseStartArgs, StartUsageError, USAGE } from './start/args.js';
import { runDemo } from './start/run-demo.js';

// The SDK warns on Node 20 about releases it will publish later; the locked version runs on Node 20 and the demo's
// output is for telephony admins, so the warning is noise here (it is shown with --verbose).
const argv = process.argv.slice(2);

async function main(): Promise<number> {
  let command;
  try {
    command = parseStartArgs(argv);
  } catch (error) {
    if (error instanceof StartUsageError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (!('verbose' in command && command.verbose))
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  switch (command.mode) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'demo':
      return (
        await runDemo({ verbose: command.verbose, ...(command.rulesFile ? { rulesFile: command.rulesFile } : {}) })
      ).exitCode;
    default:
      console.error(`${command.mode} is not implemented yet`);
      return 2;
  }
}

process.exitCode = await main();
