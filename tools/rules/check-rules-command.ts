/**
 * `npm run rules:check -- [--org [--webex-url URL] [--impact [--placements FILE]]] [file …]`: validates rules files
 * offline and prints a summary per location, or every error; with `--org`, also checks each valid file against the
 * live org (read-only; see `org-check.ts`); with `--impact`, also runs the audit engine read-only with the file's
 * rules and prints who would change (`impact.ts`). Kept apart from `cli.ts` (which only wires `process`) so tests run
 * it in-process.
 *
 * Exit codes (`CHECK_EXIT`): 0 clean, 1 errors, 2 the command cannot run (options, token, Webex unreachable, the
 * impact could not be worked out, a bad placements file), 3 warnings only. An impact is information, not a finding:
 * people who would change do not change the exit code.
 */
import { InvalidRulesError } from '../../lambda/errors.js';
import type { EcbnRules } from '../../lambda/rules/schema.js';
import type { LineLocator } from '../../lambda/rules/validate-rules.js';
import type { WebexClient } from '../../lambda/webex/types.js';
import { parseArgs } from './args.js';
import { CHECK_EXIT, exitCodeOf, formatFinding, type Finding } from './finding.js';
import { DEFAULT_RULES_FILE, loadRulesFileWithLines } from './load-rules.js';
import { NO_PLACEMENTS, type PlacementLookup } from '../../lambda/audit/placement-lookup.js';
import { AuditInputError, readPlacements } from '../audit/targets.js';
import { assessImpact, formatImpact } from './impact.js';
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

const FLAGS = ['--org', '--impact', '--help', '-h'] as const;
const VALUED = ['--webex-url', '--placements'] as const;

const USAGE = `Usage: npm run rules:check -- [--org [--webex-url URL] [--impact [--placements FILE]]] [file …]
  (default file: ${DEFAULT_RULES_FILE})
Validates ECBN rules files (YAML or JSON). With --org, also checks them against the org, read-only, with the token in
WEBEX_TOKEN (default URL https://webexapis.com/v1; http:// only for a loopback simulator). With --impact, also runs
the audit read-only with each file's rules and prints how many people would change, per location, and who; zones
need where people sit: --placements takes an HR export (as npm run audit -- --placements).
Exit code: 0 clean, 1 errors, 2 the command cannot run, 3 warnings only (the impact does not change it).`;

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

/** What `--org` runs with: the client, and the placements when `--impact` is on. */
interface OrgStage {
  readonly webex: WebexClient;
  readonly impact: PlacementLookup | undefined;
}

async function checkFileAgainstOrg(
  file: string,
  located: { rules: EcbnRules; locate: LineLocator },
  stage: OrgStage,
  output: CommandOutput,
): Promise<number> {
  const code = await checkFindings(file, located, stage.webex, output);
  if (code === CHECK_EXIT.usage || stage.impact === undefined) return code;
  try {
    const impact = await assessImpact({ webex: stage.webex, rules: located.rules, placements: stage.impact });
    for (const line of formatImpact(impact)) output.out(`${file}: ${line}`);
  } catch (error) {
    output.err(`${file}: the impact could not be worked out: ${describeWebexFailure(error)}`);
    return CHECK_EXIT.usage;
  }
  return code;
}

async function checkFindings(
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
  const impact = flags.has('--impact');
  if ((!org && impact) || (!impact && values.has('--placements'))) {
    output.err(`${impact ? '--impact needs --org' : '--placements needs --impact'}\n${USAGE}`);
    return CHECK_EXIT.usage;
  }
  let stage: OrgStage | undefined;
  if (org) {
    const access = webexAccess(environment.env ?? process.env, values.get('--webex-url'));
    if (!access.ok) {
      output.err(`rules:check --org: ${access.problem}`);
      return CHECK_EXIT.usage;
    }
    const placements = impact ? await impactPlacements(values.get('--placements'), output) : undefined;
    if (placements === null) return CHECK_EXIT.usage;
    stage = { webex: access.webex, impact: placements };
  }

  const files = positional.length === 0 ? [DEFAULT_RULES_FILE] : positional;
  const codes: number[] = [];
  for (const file of files) {
    const located = checkFileOffline(file, output);
    if (located === undefined) codes.push(CHECK_EXIT.errors);
    else codes.push(stage === undefined ? CHECK_EXIT.clean : await checkFileAgainstOrg(file, located, stage, output));
  }
  return worst(codes);
}

/** The placements `--impact` decides with: the HR export of `--placements`, or none; `null` after a bad file. */
async function impactPlacements(file: string | undefined, output: CommandOutput): Promise<PlacementLookup | null> {
  if (file === undefined) return NO_PLACEMENTS;
  try {
    return await readPlacements(file);
  } catch (error) {
    if (!(error instanceof AuditInputError)) throw error;
    output.err(`rules:check --impact: ${error.message}`);
    for (const problem of error.problems) output.err(`  line ${problem.line}: ${problem.message}`);
    return null;
  }
}
