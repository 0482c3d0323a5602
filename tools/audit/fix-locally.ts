/**
 * `--fix` on a local org: each drift becomes an `ecbn.reconcile` event (docs/ledger.md) on the local source queue,
 * and the local pipeline (`local/pipeline.ts`, the real handler) processes them against the same simulator the audit
 * read. Never against a real org: the pipeline refuses non-loopback writes, and the command line refuses `--fix` there.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { ReconcileEvent } from '../../lambda/audit/reconcile-event.js';
import type { RecordReport } from '../../lambda/flow/record-report.js';
import type { EcbnRules } from '../../lambda/rules/schema.js';
import { startExternalWebexPipeline, type ExternalWebexPipeline } from '../../local/pipeline.js';

export interface LocalFixResult {
  readonly published: number;
  /** Handler outcomes of the reconcile events (`updated`, `unchanged`, …) and how many had each. */
  readonly outcomes: Readonly<Record<string, number>>;
  readonly deadLettered: number;
}

/** Where the local pipeline sends its Webex calls, and the rules it decides with. */
export interface LocalPipelineTarget {
  readonly baseUrl: string;
  readonly token: string;
  readonly rules: EcbnRules;
  /** The rules file; absent for in-memory (generated) rules, which are then written to a temporary file. */
  readonly rulesFile: string | undefined;
}

/**
 * Runs `use` with the local pipeline (SQS emulator, Secrets Manager stand-in, the real handler) pointed at a loopback
 * Webex API, and stops it afterwards.
 *
 * @example
 * await withLocalPipeline(target, (pipeline) => pipeline.publish(bodies).then(() => pipeline.drain()));
 */
export async function withLocalPipeline<T>(
  target: LocalPipelineTarget,
  onReport: (report: RecordReport) => void,
  use: (pipeline: ExternalWebexPipeline) => Promise<T>,
): Promise<T> {
  let tempDir: string | undefined;
  let rulesFile = target.rulesFile;
  if (rulesFile === undefined) {
    // Generated rules live in memory: the pipeline loads rules from a file, as the deployed function does.
    tempDir = await mkdtemp(path.join(tmpdir(), 'ecbn-audit-'));
    rulesFile = path.join(tempDir, 'rules.yaml');
    await writeFile(rulesFile, stringify(target.rules));
  }
  try {
    const pipeline = await startExternalWebexPipeline({
      webex: { baseUrl: target.baseUrl, token: target.token, dryRun: false },
      rulesFile,
      onReport,
    });
    try {
      return await use(pipeline);
    } finally {
      await pipeline.stop();
    }
  } finally {
    if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
  }
}

/**
 * @example
 * const result = await fixLocally({ baseUrl: sim.baseUrl, token: sim.token, rules, rulesFile }, events);
 */
export async function fixLocally(
  target: LocalPipelineTarget,
  events: readonly ReconcileEvent[],
): Promise<LocalFixResult> {
  const outcomes: Record<string, number> = {};
  if (events.length === 0) return { published: 0, outcomes, deadLettered: 0 };
  const count = (report: RecordReport) => {
    outcomes[report.outcome] = (outcomes[report.outcome] ?? 0) + 1;
  };
  return withLocalPipeline(target, count, async (pipeline) => {
    await pipeline.publish(events.map((event) => JSON.stringify(event)));
    await pipeline.drain({ timeoutMs: Math.max(120_000, events.length * 200) });
    const deadLetters = await pipeline.readDeadLetters();
    return { published: events.length, outcomes, deadLettered: deadLetters.length };
  });
}
