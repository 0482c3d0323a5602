/**
 * `npm run rules:check -- [--org [--webex-url URL]] [file …]`: validates rules files offline and prints a summary per
 * location, or every error; with `--org`, also checks each valid file against the live org (read-only; see
 * `org-check.ts`). Kept apart from `cli.ts` (which only wires `process`) so tests run it in-process.
 *
 * Exit codes (`CHECK_EXIT`): 0 clean, 1 errors, 2 the command cannot run (options, token, Webex unreachable),
 * 3 warnings only.
 *
 * Designed for one more stage: `--impact` (issue 13 §3, the audit engine run read-only with the candidate rules) is
 * one more flag in `FLAGS` and one more step in `checkFileAgainstOrg`, after the org findings, with the same client
 * and the same parsed rules.
 */
import { InvalidRulesError } from '../../lambda/errors.js';
import type { EcbnRules } from '../../lambda/rules/schema.js';
import type { LineLocator } from '../../lambda/rules/validate-rules.js';
import type { WebexClient } from '../../lambda/webex/types.js';
import { parseArgs } from './args.js';
import { CHECK_EXIT, exitCodeOf, formatFinding, type Finding } from './finding.js';
import { DEFAULT_RULES_FILE, loadRulesFileWithLines } from './load-rules.js';
import { checkRulesAgainstOrg } from './org-check.js';
import { readOrgSnapshot } from './org-snapshot.js';
import { describeDefaults, summarizeRules } from './summarize.js';
import { describeWebexFailure, webexAccess } from './webex-access.js';

/** Where the command writes. */
export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** What the command reads besides its arguments. */
export interface CommandEnvironment {
  /** `WEBEX_TOKEN` is read from here. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const FLAGS = ['--org', '--help', '-h'] as const;
const VALUED = ['--webex-url'] as const;

const USAGE = `Usage: npm run rules:check -- [--org [--webex-url URL]] [file …]   (default: ${DEFAULT_RULES_FILE})
Validates ECBN rules files (YAML or JSON). With --org, also checks them against the org, read-only, with the token in
WEBEX_TOKEN (default URL https://webexapis.com/v1; http:// only for a loopback simulator).
Exit code: 0 clean, 1 errors, 2 the command cannot run, 3 warnings only.`;

function worst(codes: readonly number[]): number {
  if (codes.includes(CHECK_EXIT.usage)) return CHECK_EXIT.usage;
  if (codes.includes(CHECK_EXIT.errors)) return CHECK_EXIT.errors;
  return codes.includes(CHECK_EXIT.warningsOnly) ? CHECK_EXIT.warningsOnly : CHECK_EXIT.clean;
}

/** The offline check of one file; its rules and line locator when valid. */
function checkFileOffline(file: string, output: CommandOutput): { rules: EcbnRules; locate: LineLocator } | undefined {
  try {
    const located = loadRulesFileWithLines(file);
    output.out(`${file}: valid (${describeDefaults(located.rules)})`);
    for (const line of summarizeRules(located.rules)) output.out(`  ${line}`);
    if (located.rules.example === true) {
      output.out('  example rules (example: true): cdk synth refuses them unless -c allowExampleRules=true');
    }
    return located;
  } catch (error) {
    if (!(error instanceof InvalidRulesError)) throw error;
    output.err(`${file}: invalid (${error.issues.length} error(s))`);
    for (const issue of error.issues) output.err(`  error: ${issue}`);
    return undefined;
  }
}

async function checkFileAgainstOrg(
  file: string,
  located: { rules: EcbnRules; locate: LineLocator },
  webex: WebexClient,
  output: CommandOutput,
): Promise<number> {
  let findings: Finding[];
  try {
    const ids = located.rules.locations.map((location) => location.locationId);
    const org = await readOrgSnapshot(webex, { locations: ids, workspaces: false });
    findings = checkRulesAgainstOrg(located.rules, org);
  } catch (error) {
    output.err(`${file}: the org could not be read: ${describeWebexFailure(error)}`);
    return CHECK_EXIT.usage;
  }
  const zones = located.rules.locations.reduce((count, location) => count + location.zones.length, 0);
  const checked = `${located.rules.locations.length} location(s), ${zones} zone(s)`;
  if (findings.length === 0) {
    output.out(`${file}: matches the org (${checked} checked)`);
    return CHECK_EXIT.clean;
  }
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  output.err(
    `${file}: against the org: ${errors} error(s), ${findings.length - errors} warning(s) (${checked} checked)`,
  );
  for (const finding of findings) output.err(`  ${formatFinding(finding, located.locate)}`);
  return exitCodeOf(findings);
}

/**
 * Runs the check on `argv` (options and file paths; no file → {@link DEFAULT_RULES_FILE}) and returns the exit code.
 *
 * @example
 * const code = await runRulesCheck(['--org', 'rules.yaml'], { out: console.log, err: console.error }); // 0 | 1 | 2 | 3
 */
export async function runRulesCheck(
  argv: readonly string[],
  output: CommandOutput,
  environment: CommandEnvironment = {},
): Promise<number> {
  const parsed = parseArgs(argv, FLAGS, VALUED);
  if (!parsed.ok) {
    output.err(`${parsed.problem}\n${USAGE}`);
    return CHECK_EXIT.usage;
  }
  const { flags, values, positional } = parsed.args;
  if (flags.has('--help') || flags.has('-h')) {
    output.out(USAGE);
    return CHECK_EXIT.clean;
  }
  const org = flags.has('--org');
  if (!org && values.has('--webex-url')) {
    output.err(`--webex-url needs --org\n${USAGE}`);
    return CHECK_EXIT.usage;
  }
  let webex: WebexClient | undefined;
  if (org) {
    const access = webexAccess(environment.env ?? process.env, values.get('--webex-url'));
    if (!access.ok) {
      output.err(`rules:check --org: ${access.problem}`);
      return CHECK_EXIT.usage;
    }
    webex = access.webex;
  }

  const files = positional.length === 0 ? [DEFAULT_RULES_FILE] : positional;
  const codes: number[] = [];
  for (const file of files) {
    const located = checkFileOffline(file, output);
    if (located === undefined) codes.push(CHECK_EXIT.errors);
    else codes.push(webex === undefined ? CHECK_EXIT.clean : await checkFileAgainstOrg(file, located, webex, output));
  }
  return worst(codes);
}
