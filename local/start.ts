/**
 * `npm start`: try the whole product on a laptop in a minute. Three modes (see `npm start -- --help`):
 * the demo (default), `--serve`, and `--webex-url … --events … --dry-run` against an existing org.
 *
 * Exit codes: 0 as expected, 1 something did not behave as expected (printed), 2 the command line cannot run.
 */
import { parseStartArgs, StartUsageError, USAGE, type StartCommand } from './start/args.js';
import { runDemo } from './start/run-demo.js';
import { runPlan } from './start/run-plan.js';
import { startServe } from './start/serve.js';

async function main(argv: readonly string[]): Promise<number> {
  const command: StartCommand = parseStartArgs(argv);
  if (command.mode === 'help') {
    console.log(USAGE);
    return 0;
  }
  // The AWS SDK warns on Node 20 about releases it will publish later; the locked SDK runs on Node 20 and this output
  // is for telephony admins, so the warning is only shown with --verbose.
  if (!command.verbose) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  switch (command.mode) {
    case 'demo':
      return (
        await runDemo({ verbose: command.verbose, ...(command.rulesFile ? { rulesFile: command.rulesFile } : {}) })
      ).exitCode;
    case 'plan':
      return (await runPlan(command)).exitCode;
    case 'serve':
      return serveUntilSignal(command.verbose, command.rulesFile);
  }
}

/** Runs until SIGINT (Ctrl-C) or SIGTERM, then stops every server and timer so the process ends by itself. */
async function serveUntilSignal(verbose: boolean, rulesFile: string | undefined): Promise<number> {
  const serve = await startServe({ verbose, rulesFile });
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  console.log(`\n${signal}: stopping…`);
  await serve.stop();
  console.log('Stopped.');
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof StartUsageError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
