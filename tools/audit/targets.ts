/**
 * What an audit runs against: the local simulator (demo org or a generated org) or a Webex API URL, with the rules
 * and placements that go with it. I/O at the edge: files are read and validated here.
 */
import { readFile } from 'node:fs/promises';
import { NO_PLACEMENTS, placementsFromRows, type PlacementLookup } from '../../lambda/audit/placement-lookup.js';
import { createPacer, pacedTransport } from '../../lambda/audit/pacer.js';
import { DEFAULT_RULES_FILE, loadRulesFile } from '../rules/index.js';
import type { EcbnRules } from '../../lambda/rules/schema.js';
import { createWebexClient } from '../../lambda/webex/client.js';
import { createNodeTransport } from '../../lambda/webex/node-transport.js';
import { webexIdKey } from '../../lambda/webex/ids.js';
import type { WebexClient } from '../../lambda/webex/types.js';
import { generateOrg, generatedPlacement } from '../../local/webex-simulator/generated-org.js';
import {
  DEMO_ORG_PATH,
  loadOrgFixture,
  startWebexSimulator,
  type WebexSimulator,
} from '../../local/webex-simulator/index.js';
import { DEFAULT_REAL_ORG_RATE, type AuditCommand } from './args.js';
import { parseHrExport, type HrExportProblem } from './hr-export.js';

export interface AuditTarget {
  readonly webex: WebexClient;
  readonly baseUrl: string;
  readonly token: string;
  readonly rules: EcbnRules;
  /** Path of the rules file (the local pipeline of `--fix` loads it); absent for generated rules. */
  readonly rulesFile: string | undefined;
  readonly placements: PlacementLookup;
  readonly placementsFromExport: boolean;
  /** People in the org, when known (progress ETA). */
  readonly total: number | undefined;
  /** The simulator started for this audit, if any. */
  readonly simulator: WebexSimulator | undefined;
  stop(): Promise<void>;
}

/** An input file that cannot be used: every problem, with its line. */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
  constructor(
    message: string,
    readonly problems: readonly HrExportProblem[] = [],
  ) {
    super(message);
  }
}

/**
 * @example
 * const target = await openAuditTarget(parseAuditArgs(['--people', '1000']), process.env);
 */
export async function openAuditTarget(command: AuditCommand, env: NodeJS.ProcessEnv): Promise<AuditTarget> {
  const placementsFile = command.placementsFile;
  const exportLookup = placementsFile === undefined ? undefined : await readPlacements(placementsFile);
  const generated = command.people === undefined ? undefined : generateOrg({ people: command.people });
  const rulesFile = command.rulesFile ?? (generated === undefined ? DEFAULT_RULES_FILE : undefined);
  const rules = rulesFile === undefined ? generated?.rules : loadRulesFile(rulesFile);
  if (rules === undefined) throw new AuditInputError('No rules to audit against');

  let simulator: WebexSimulator | undefined;
  let baseUrl: string;
  let token: string;
  let total: number | undefined;
  if (command.webexUrl !== undefined) {
    token = env.WEBEX_TOKEN ?? '';
    if (token.trim() === '') throw new AuditInputError('WEBEX_TOKEN is not set (the token for --webex-url)');
    baseUrl = command.webexUrl;
  } else {
    const org = generated?.fixture ?? (await loadOrgFixture(DEMO_ORG_PATH));
    simulator = await startWebexSimulator({ org });
    baseUrl = simulator.baseUrl;
    token = simulator.token;
    total = simulator.state.people().length;
  }
  const realOrg = command.webexUrl !== undefined && new URL(command.webexUrl).protocol === 'https:';
  const rate = command.rate ?? (realOrg ? DEFAULT_REAL_ORG_RATE : undefined);
  const transport = createNodeTransport();
  const webex = createWebexClient({
    baseUrl,
    getToken: () => Promise.resolve(token),
    transport: rate === undefined ? transport : pacedTransport(transport, createPacer(rate, Date.now, sleep)),
  });
  const placements =
    exportLookup ?? (generated === undefined ? NO_PLACEMENTS : generatedPlacements(command.people ?? 0));
  return {
    webex,
    baseUrl,
    token,
    rules,
    rulesFile,
    placements,
    // A generated org's placements are its HR data (no ledger knows them): they travel in reconcile events.
    placementsFromExport: exportLookup !== undefined || generated !== undefined,
    total,
    simulator,
    async stop() {
      transport.destroy();
      await simulator?.stop();
    },
  };
}

/** Reads and validates an HR export; every bad row is reported. */
export async function readPlacements(file: string): Promise<PlacementLookup> {
  let content: string;
  try {
    content = await readFile(file, 'utf8');
  } catch (error) {
    throw new AuditInputError(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseHrExport(content, file);
  if (!parsed.ok) throw new AuditInputError(`${file}: ${parsed.problems.length} bad row(s)`, parsed.problems);
  return placementsFromRows(parsed.rows);
}

function generatedPlacements(people: number): PlacementLookup {
  return {
    placementsOf(personIds) {
      const found = new Map<string, { locationId: string; building: string; floor: string }>();
      for (const id of personIds) {
        const placement = generatedPlacement(id, people);
        if (placement !== undefined) found.set(webexIdKey(id), placement);
      }
      return Promise.resolve(found);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
