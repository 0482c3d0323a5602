/**
 * `npm run rules -- discover [--webex-url URL] [--out FILE]`: reads the org (read-only, token from `WEBEX_TOKEN`) and
 * writes a starter rules file (`starter-rules.ts`) to FILE, or prints it. Exit code 0 written, 2 the command cannot
 * run (options, token, Webex unreachable or refusing).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from './args.js';
import type { CommandEnvironment, CommandOutput } from './check-rules-command.js';
import { CHECK_EXIT } from './finding.js';
import { readOrgSnapshot } from './org-snapshot.js';
import { starterRules } from './starter-rules.js';
import { describeWebexFailure, webexAccess } from './webex-access.js';

const USAGE = `Usage: npm run rules -- discover [--webex-url URL] [--out FILE]
Reads the org (read-only) with the token in WEBEX_TOKEN and writes a starter rules file (YAML) to FILE, or prints it.
Default URL https://webexapis.com/v1; http:// only for a loopback simulator.`;

/**
 * @example
 * await runDiscover(['--out', 'my-rules.yaml'], { out: console.log, err: console.error }); // 0
 */
export async function runDiscover(
  argv: readonly string[],
  output: CommandOutput,
  environment: CommandEnvironment & { readonly now?: () => Date } = {},
): Promise<number> {
  const parsed = parseArgs(argv, ['--help', '-h'], ['--webex-url', '--out']);
  if (!parsed.ok || parsed.args.positional.length > 0) {
    output.err(`${parsed.ok ? `Unexpected argument ${parsed.args.positional[0]}` : parsed.problem}\n${USAGE}`);
    return CHECK_EXIT.usage;
  }
  const { flags, values } = parsed.args;
  if (flags.has('--help') || flags.has('-h')) {
    output.out(USAGE);
    return CHECK_EXIT.clean;
  }
  const access = webexAccess(environment.env ?? process.env, values.get('--webex-url'));
  if (!access.ok) {
    output.err(`discover: ${access.problem}`);
    return CHECK_EXIT.usage;
  }
  let text: string;
  try {
    const org = await readOrgSnapshot(access.webex, { locations: 'all', workspaces: true });
    text = starterRules({
      locations: [...org.locations.values()],
      readAt: (environment.now?.() ?? new Date()).toISOString(),
      webexUrl: access.baseUrl,
    });
  } catch (error) {
    output.err(`discover: the org could not be read: ${describeWebexFailure(error)}`);
    return CHECK_EXIT.usage;
  }
  const file = values.get('--out');
  if (file === undefined) {
    output.out(text.replace(/\n$/, ''));
  } else {
    try {
      writeFileSync(file, text);
    } catch (error) {
      output.err(`discover: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return CHECK_EXIT.usage;
    }
    output.err(`discover: wrote ${file}; next: edit its zones, then npm run rules:check -- --org ${file}`);
  }
  return CHECK_EXIT.clean;
}
