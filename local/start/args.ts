/**
 * The command line of `npm start`: three modes (demo, serve, plan against an existing Webex API), parsed with
 * `node:util` `parseArgs` (strict: an unknown option is an error, not ignored) and checked for combinations that make
 * no sense, so a typo never silently runs something else.
 */
import { parseArgs } from 'node:util';
import { isLoopbackHost } from '../../lambda/webex/base-url.js';

/** What `npm start` was asked to do. */
export type StartCommand =
  | { readonly mode: 'help' }
  /** Default: play `examples/events/` through the whole local pipeline and check the outcomes. */
  | { readonly mode: 'demo'; readonly verbose: boolean; readonly rulesFile: string | undefined }
  /** Keep the local pipeline running for manual events until Ctrl-C. */
  | { readonly mode: 'serve'; readonly verbose: boolean; readonly rulesFile: string | undefined }
  /** Run the events of a file against an existing Webex API (a real org: dry run only). */
  | {
      readonly mode: 'plan';
      readonly verbose: boolean;
      readonly rulesFile: string | undefined;
      readonly webexUrl: string;
      readonly eventsFile: string;
      readonly dryRun: boolean;
    };

/** A command line that cannot run; the message says what to change. */
export class StartUsageError extends Error {
  override readonly name = 'StartUsageError';
}

export const USAGE = `Usage: npm start [-- <options>]

  npm start
      The one-minute demo: starts SQS (with its DLQ), a Secrets Manager stand-in and a Webex simulator holding the
      demo org (examples/demo-org.json) on 127.0.0.1, publishes every event in examples/events/, runs the real
      handler until the queue is drained, prints what happened to each person and the DLQ with its reasons, and
      exits 0 when every outcome matches examples/expected-outcomes.json (1 otherwise).

  npm start -- --serve
      Starts the same pipeline and keeps it running: prints the endpoints and how to send an event with the AWS SDK
      or CLI, then one line per processed record. Ctrl-C stops it.

  npm start -- --webex-url https://webexapis.com/v1 --events <file> --dry-run
      Decides against an existing Webex org and prints the plan; nothing is changed (no PUT is sent). The token is
      read from the WEBEX_TOKEN environment variable (never printed). <file> holds one event, a JSON array of events
      or one event per line (JSONL). Without --dry-run only a loopback URL (a local simulator) is accepted.

Options:
  --serve              keep the local pipeline running (see above)
  --webex-url <url>    Webex API base URL to decide against instead of the simulator (needs --events)
  --events <file>      events to send with --webex-url (JSON object, JSON array or JSONL)
  --dry-run            decide only, send no PUT (required with a non-loopback --webex-url)
  --rules <file>       rules file (default config/ecbn-rules.yaml; the demo's expected outcomes assume it)
  -v, --verbose        also print the handler's JSON log lines
  -h, --help           print this help
`;

/**
 * Parses `npm start`'s arguments.
 *
 * @throws StartUsageError for unknown options and combinations that make no sense.
 *
 * @example
 * parseStartArgs([]); // { mode: 'demo', verbose: false, rulesFile: undefined }
 * parseStartArgs(['--webex-url', 'https://webexapis.com/v1', '--events', 'e.json', '--dry-run']); // { mode: 'plan', … }
 */
export function parseStartArgs(argv: readonly string[]): StartCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        serve: { type: 'boolean', default: false },
        'webex-url': { type: 'string' },
        events: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        rules: { type: 'string' },
        verbose: { type: 'boolean', short: 'v', default: false },
      },
    }));
  } catch (error) {
    throw new StartUsageError(`${(error as Error).message}. See npm start -- --help`);
  }

  if (values.help) return { mode: 'help' };
  const verbose = values.verbose;
  const rulesFile = values.rules;
  const webexUrl = values['webex-url'];
  const eventsFile = values.events;
  const dryRun = values['dry-run'];

  if (values.serve) {
    const extra = [webexUrl && '--webex-url', eventsFile && '--events', dryRun && '--dry-run'].filter(Boolean);
    if (extra.length > 0) throw new StartUsageError(`--serve cannot be combined with ${extra.join(', ')}`);
    return { mode: 'serve', verbose, rulesFile };
  }
  if (webexUrl === undefined) {
    if (eventsFile !== undefined) {
      throw new StartUsageError(
        '--events needs --webex-url (the demo always plays examples/events/; use --serve to send your own events)',
      );
    }
    if (dryRun) throw new StartUsageError('--dry-run needs --webex-url (the demo runs against its own simulator)');
    return { mode: 'demo', verbose, rulesFile };
  }
  if (eventsFile === undefined) throw new StartUsageError('--webex-url needs --events <file>');
  const url = parseWebexUrl(webexUrl);
  if (!dryRun && !isLoopbackHost(url.hostname)) {
    throw new StartUsageError(
      `Refusing to change a real Webex org: add --dry-run to decide against ${url.host} without writing ` +
        '(only a loopback simulator URL may run without it)',
    );
  }
  return { mode: 'plan', verbose, rulesFile, webexUrl, eventsFile, dryRun };
}

function parseWebexUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new StartUsageError(`--webex-url is not an absolute URL: "${text}" (e.g. https://webexapis.com/v1)`);
  }
}
