/**
 * `npm run soak`: nothing lost under faults. See `npm run soak -- --help` and ./run-soak.ts.
 */
import { parseSoakArgs, SOAK_USAGE, SoakUsageError } from './args.js';
import { runSoak } from './run-soak.js';

// The SDK warns on Node 20 about releases it will publish later; the locked version runs on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(): Promise<number> {
  let args;
  try {
    args = parseSoakArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof SoakUsageError) {
      console.error(`${error.message}\n\n${SOAK_USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args.help) {
    console.log(SOAK_USAGE);
    return 0;
  }
  const result = await runSoak({
    events: args.events,
    seed: args.seed,
    showProgress: !args.quiet,
    ...(args.oauth ? { oauth: {} } : {}),
  });
  console.log(JSON.stringify(result, null, 2));
  if (!result.pass) console.error(`soak FAILED: ${result.failures.join('; ')}`);
  return result.pass ? 0 : 1;
}

process.exitCode = await main();
