/**
 * Runs the rules commands (`rules:check`, `discover`) in-process against a simulator, with rules files written from
 * factories into a fresh temporary directory.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { WebexSimulator } from '../../local/webex-simulator/index.js';
import { runRulesCheck } from '../../tools/rules/check-rules-command.js';
import { runDiscover } from '../../tools/rules/discover-command.js';
import type { RulesDocument } from './rules-factories.js';

export interface CommandRun {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** A rules document written as YAML (one key per line, so findings have distinct lines); returns its path. */
export function writeRulesFile(document: RulesDocument | string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ecbn-rules-tool-')), 'rules.yaml');
  writeFileSync(file, typeof document === 'string' ? document : stringify(document));
  return file;
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, output: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
}

/** `rules:check --org --webex-url <simulator> file` with the simulator's token in `WEBEX_TOKEN`. */
export async function checkAgainstSimulator(sim: WebexSimulator, file: string, token = sim.token): Promise<CommandRun> {
  const { out, err, output } = capture();
  const code = await runRulesCheck(['--org', '--webex-url', sim.baseUrl, file], output, {
    env: { WEBEX_TOKEN: token },
  });
  return { code, out, err };
}

/** `rules:check --org --impact --webex-url <simulator> [--placements file] file`. */
export async function impactAgainstSimulator(
  sim: WebexSimulator,
  file: string,
  placementsFile?: string,
): Promise<CommandRun> {
  const { out, err, output } = capture();
  const placements = placementsFile === undefined ? [] : ['--placements', placementsFile];
  const code = await runRulesCheck(['--org', '--impact', '--webex-url', sim.baseUrl, ...placements, file], output, {
    env: { WEBEX_TOKEN: sim.token },
  });
  return { code, out, err };
}

/** `rules -- discover --webex-url <simulator> [--out file]`. */
export async function discoverFromSimulator(
  sim: WebexSimulator,
  args: string[] = [],
  token = sim.token,
): Promise<CommandRun> {
  const { out, err, output } = capture();
  const code = await runDiscover(['--webex-url', sim.baseUrl, ...args], output, {
    env: { WEBEX_TOKEN: token },
    now: () => new Date(Date.UTC(2026, 11, 6, 2, 30)),
  });
  return { code, out, err };
}
