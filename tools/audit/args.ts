/**
 * The command line of `npm run audit`, parsed with `node:util` `parseArgs` (strict: an unknown option is an error)
 * and checked for combinations that make no sense. A bad command line exits 2.
 */
import { parseArgs } from 'node:util';
import { isLoopbackHost } from '../../lambda/webex/base-url.js';

export interface AuditCommand {
  readonly help: boolean;
  /** Absent: the local simulator (demo org, or a generated org of `people`). */
  readonly webexUrl: string | undefined;
  readonly rulesFile: string | undefined;
  readonly placementsFile: string | undefined;
  readonly outDir: string;
  readonly fix: boolean;
  readonly people: number | undefined;
  /** Webex calls per second the audit may use; absent = unpaced (local simulator only). */
  readonly rate: number | undefined;
  readonly concurrency: number | undefined;
}

export class AuditUsageError extends Error {
  override readonly name = 'AuditUsageError';
}

/** Default pace against a real org: well inside what the provisioner itself uses (Webex publishes no numbers). */
export const DEFAULT_REAL_ORG_RATE = 20;
export const DEFAULT_OUT_DIR = 'audit-report';

export const USAGE = `Usage: npm run audit -- [options]

  Audits every Webex Calling person of an org: reads their emergency callback number (ECBN), decides what the rules
  want (the function's own decision), and writes audit.jsonl, audit.csv, audit.html and summary.json to --out.
  Read-only, except --fix on the local simulator. Exit 0: every calling person compliant; 1: drift or attention
  found; 2: bad command line or input file; 3: the audit could not finish (e.g. token refused).

Options:
  --webex-url <url>     audit this Webex API (https://webexapis.com/v1 for a real org; token in WEBEX_TOKEN).
                        A real org is always read-only; a loopback http:// URL (simulator, test stub) is accepted.
                        Default: a local simulator holding the demo org (examples/demo-org.json).
  --people <n>          local simulator with a generated org of n people (its own rules and placements)
  --rules <file>        rules file to audit against, e.g. a candidate ("if I deploy this, who changes?")
                        (default config/ecbn-rules.yaml, or the generated org's rules)
  --placements <file>   HR export: CSV (email or personId, building, floor, optional locationId) or JSONL events
  --out <dir>           where the report files go (default ${DEFAULT_OUT_DIR})
  --fix                 local only: publish an ecbn.reconcile event per drift to the local source queue, let the
                        local pipeline process them, then audit again (report in <out>/after-fix)
  --rate <n>            Webex calls per second (default ${DEFAULT_REAL_ORG_RATE} with --webex-url https://…, unpaced locally)
  --concurrency <n>     people audited at once (default 16)
  -h, --help            print this help
`;

/**
 * @throws AuditUsageError for unknown options and combinations that make no sense.
 *
 * @example
 * parseAuditArgs(['--people', '1000', '--fix']); // { people: 1000, fix: true, webexUrl: undefined, … }
 */
export function parseAuditArgs(argv: readonly string[]): AuditCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        'webex-url': { type: 'string' },
        rules: { type: 'string' },
        placements: { type: 'string' },
        out: { type: 'string' },
        fix: { type: 'boolean', default: false },
        people: { type: 'string' },
        rate: { type: 'string' },
        concurrency: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new AuditUsageError(error instanceof Error ? error.message : String(error));
  }
  const webexUrl = values['webex-url'];
  const people = positiveInteger('people', values.people, 1_000_000);
  const command: AuditCommand = {
    help: values.help,
    webexUrl,
    rulesFile: values.rules,
    placementsFile: values.placements,
    outDir: values.out ?? DEFAULT_OUT_DIR,
    fix: values.fix,
    people,
    rate: positiveNumber('rate', values.rate),
    concurrency: positiveInteger('concurrency', values.concurrency, 1_000),
  };
  if (webexUrl !== undefined) {
    if (people !== undefined) throw new AuditUsageError('--people generates a local org: not with --webex-url');
    let url: URL;
    try {
      url = new URL(webexUrl);
    } catch {
      throw new AuditUsageError(`--webex-url is not an absolute URL: ${webexUrl}`);
    }
    const loopback = isLoopbackHost(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw new AuditUsageError('--webex-url must be https:// (or http:// on a loopback host)');
    }
    if (command.fix && !loopback) {
      throw new AuditUsageError(
        '--fix is refused against a real org: the audit is read-only there (reconcile through the deployed function)',
      );
    }
  }
  return command;
}

function positiveNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new AuditUsageError(`--${name} must be a number > 0, got ${value}`);
  return n;
}

function positiveInteger(name: string, value: string | undefined, max: number): number | undefined {
  const n = positiveNumber(name, value);
  if (n !== undefined && (!Number.isInteger(n) || n > max)) {
    throw new AuditUsageError(`--${name} must be a whole number 1..${max}, got ${value}`);
  }
  return n;
}
