/**
 * `npm start -- --webex-url <url> --events <file> --dry-run`: the same local pipeline (SQS, DLQ, Secrets Manager
 * stand-in, poller, real handler) deciding against an existing Webex API instead of the simulator, and printing the
 * plan. With `--dry-run` the handler sends no PUT (`DRY_RUN=true`, forced by `startExternalWebexPipeline`); without it
 * only a loopback URL (a local simulator) is accepted.
 *
 * The token comes from `WEBEX_TOKEN`, goes into the local secret only, and is never printed.
 */
import { createWebexClient } from '../../lambda/webex/client.js';
import { startExternalWebexPipeline, type ExternalWebexPipeline } from '../pipeline.js';
import { StartUsageError } from './args.js';
import { deadLetterRows, type DeadLetterRow } from './dead-letters.js';
import { EMPTY_DIRECTORY, fetchDirectory } from './directory.js';
import { loadEventsFile } from './event-files.js';
import type { OutcomeRow, RowOutcome } from './outcome-rows.js';
import { elapsedLabel, formatProgressLine, type LineWriter } from './progress.js';
import { createReportBook } from './report-book.js';
import { renderDeadLetterTable, renderOutcomeTable } from './table.js';

export interface PlanOptions {
  readonly webexUrl: string;
  readonly eventsFile: string;
  readonly dryRun: boolean;
  readonly rulesFile?: string | undefined;
  /** Where `WEBEX_TOKEN` is read. @default process.env */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Extra function environment (never `DRY_RUN=false` against a real org: the pipeline forces dry run). */
  readonly env?: Record<string, string>;
  readonly verbose?: boolean;
  /** How long to wait for every event's first report. @default 120000 */
  readonly timeoutMs?: number;
  /** @default console.log */
  readonly out?: LineWriter;
}

export interface PlanResult {
  /** 0: every event got a decision (or was skipped); 1: some were rejected or not ready. */
  readonly exitCode: 0 | 1;
  readonly rows: readonly OutcomeRow[];
  readonly deadLetters: readonly DeadLetterRow[];
  readonly elapsedMs: number;
}

/** Outcomes that are a decision: anything else needs the admin's attention. */
const DECIDED: readonly RowOutcome[] = ['would-update', 'unchanged', 'updated', 'fallback-updated', 'skipped'];

/**
 * @throws StartUsageError when `WEBEX_TOKEN` is missing.
 *
 * @example
 * const { exitCode } = await runPlan({ webexUrl: 'https://webexapis.com/v1', eventsFile: 'hr.jsonl', dryRun: true });
 */
export async function runPlan(options: PlanOptions): Promise<PlanResult> {
  const out = options.out ?? ((line: string) => console.log(line));
  const token = (options.environment ?? process.env).WEBEX_TOKEN?.trim();
  if (!token) {
    throw new StartUsageError(
      'Set WEBEX_TOKEN to an admin access token of the org (read with spark-admin:people_read and ' +
        'spark-admin:telephony_config_read); it is never printed',
    );
  }
  const events = loadEventsFile(options.eventsFile);
  const startedAt = Date.now();
  const book = createReportBook();

  const pipeline: ExternalWebexPipeline = await startExternalWebexPipeline({
    webex: { baseUrl: options.webexUrl, token, dryRun: options.dryRun },
    ...(options.rulesFile === undefined ? {} : { rulesFile: options.rulesFile }),
    ...(options.env === undefined ? {} : { env: options.env }),
    logLevel: options.verbose ? 'INFO' : 'SILENT',
    startPoller: false,
    onReport: (report) =>
      out(formatProgressLine(elapsedLabel(startedAt, Date.now()), book.add(report, EMPTY_DIRECTORY))),
  });
  try {
    const target = new URL(pipeline.config.webexApiBaseUrl);
    out(
      options.dryRun
        ? `Plan against ${target.origin}${target.pathname} (dry run: decisions only, no PUT is sent)`
        : `Run against ${target.origin}${target.pathname} (loopback, NOT a dry run: wanted ECBNs are PUT)`,
    );
    out(`  Rules        ${pipeline.config.rulesFile}`);
    out(`  Events       ${options.eventsFile} (${events.length})`);
    out('');

    book.register(await pipeline.publish(events.map((event) => event.body)), events);
    await pipeline.startPolling();
    // Every event's first word is its plan: a deferred one (person not ready, Webex busy) is reported as such, not
    // retried for an hour.
    await book.waitForEveryEvent(options.timeoutMs ?? 120_000);
    await pipeline.poller?.stop();

    const names = await fetchDirectory(
      createWebexClient({ baseUrl: pipeline.config.webexApiBaseUrl, getToken: async () => token }),
      book.reports,
      pipeline.rules,
    );
    const rows = book.rows(names);
    const deadLetters = deadLetterRows(await pipeline.readDeadLetters(), book.eventsByMessageId);
    const elapsedMs = Date.now() - startedAt;

    out('');
    out(options.dryRun ? `Plan (${rows.length} events)` : `Outcomes (${rows.length} events)`);
    renderOutcomeTable(rows).forEach((line) => out(`  ${line}`));
    out('');
    out(`Dead-letter queue: ${deadLetters.length} message(s)`);
    if (deadLetters.length > 0) renderDeadLetterTable(deadLetters).forEach((line) => out(`  ${line}`));
    out('');
    out(summaryLine(rows, options.dryRun));
    const undecided = rows.filter((row) => !DECIDED.includes(row.outcome));
    return { exitCode: undecided.length === 0 ? 0 : 1, rows, deadLetters, elapsedMs };
  } finally {
    await pipeline.stop();
  }
}

/**
 * @example
 * summaryLine(rows, true); // 'Dry run, nothing was changed: 3 would-update, 1 unchanged, 1 dead-lettered.'
 */
export function summaryLine(rows: readonly OutcomeRow[], dryRun: boolean): string {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.outcome, (counts.get(row.outcome) ?? 0) + 1);
  const parts = [...counts.entries()].map(([outcome, count]) => `${count} ${outcome}`).join(', ');
  return dryRun ? `Dry run, nothing was changed: ${parts}.` : `Done: ${parts}.`;
}
