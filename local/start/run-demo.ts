/**
 * `npm start`: the whole product on 127.0.0.1 with the demo org, every sample event published, progress while the
 * real handler works through them, then the outcome table, the DLQ with its reasons, and the check against
 * `examples/expected-outcomes.json`.
 */
import { startLocalPipeline, type LocalPipeline } from '../pipeline.js';
import { deadLetterRows, type DeadLetterRow } from './dead-letters.js';
import {
  DEFAULT_LATE_JOINER_DELAY_MS,
  DEMO_ENV,
  DEMO_LATE_JOINER,
  scriptLateJoiner,
  type LateJoinerScript,
} from './demo-scenario.js';
import { directoryFromOrgState, EMPTY_DIRECTORY, type Directory } from './directory.js';
import { loadEventDirectory } from './event-files.js';
import { DEMO_FOLLOW_UPS, scriptFollowUps, type FollowUpScript } from './follow-ups.js';
import {
  checkDeadLetters,
  checkWebexHolds,
  compareWithExpected,
  DEMO_EXPECTED_OUTCOMES_PATH,
  loadExpectedOutcomes,
} from './expected-outcomes.js';
import type { OutcomeRow } from './outcome-rows.js';
import { elapsedLabel, formatProgressLine, type LineWriter } from './progress.js';
import { createReportBook } from './report-book.js';
import { renderDeadLetterTable, renderOutcomeTable } from './table.js';

export const DEMO_EVENTS_DIRECTORY = 'examples/events';

export interface DemoOptions {
  /** @default examples/events */
  readonly eventsDirectory?: string;
  /** @default examples/expected-outcomes.json */
  readonly expectedFile?: string;
  /** @default examples/demo-org.json */
  readonly orgFile?: string;
  /** @default config/ecbn-rules.yaml */
  readonly rulesFile?: string;
  /** How long after Frank's first deferral his calling licence arrives. @default 2500 */
  readonly lateJoinerDelayMs?: number;
  /** Function environment over {@link DEMO_ENV} (e.g. a shorter `DEFER_BASE_SECONDS` in tests). */
  readonly env?: Record<string, string>;
  /** Print the handler's JSON log lines too. @default false */
  readonly verbose?: boolean;
  /** Gives up waiting for the queue to drain after this long. @default 90000 */
  readonly drainTimeoutMs?: number;
  /** @default console.log */
  readonly out?: LineWriter;
}

export interface DemoResult {
  /** 0: everything behaved as expected; 1: see `differences`. */
  readonly exitCode: 0 | 1;
  readonly rows: readonly OutcomeRow[];
  readonly deadLetters: readonly DeadLetterRow[];
  readonly differences: readonly string[];
  readonly elapsedMs: number;
}

/**
 * Runs the demo in-process and stops everything it started (no timer or socket outlives it).
 *
 * @example
 * const { exitCode } = await runDemo();
 * process.exitCode = exitCode;
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? ((line: string) => console.log(line));
  const startedAt = Date.now();
  const eventsDirectory = options.eventsDirectory ?? DEMO_EVENTS_DIRECTORY;
  const expectedFile = options.expectedFile ?? DEMO_EXPECTED_OUTCOMES_PATH;
  const events = loadEventDirectory(eventsDirectory);
  const expected = loadExpectedOutcomes(expectedFile);
  const book = createReportBook();
  let names: Directory = EMPTY_DIRECTORY;
  let script: LateJoinerScript | undefined;
  let followUps: FollowUpScript | undefined;

  const pipeline: LocalPipeline = await startLocalPipeline({
    ...(options.orgFile === undefined ? {} : { orgFile: options.orgFile }),
    ...(options.rulesFile === undefined ? {} : { rulesFile: options.rulesFile }),
    env: { ...DEMO_ENV, ...options.env },
    logLevel: options.verbose ? 'INFO' : 'SILENT',
    startPoller: false,
    onReport: (report) => {
      const row = book.add(report, names);
      out(formatProgressLine(elapsedLabel(startedAt, Date.now()), row));
      script?.onReport(report);
      followUps?.onReport(report);
    },
  });
  try {
    names = directoryFromOrgState(pipeline.webex.state, pipeline.rules);
    script = scriptLateJoiner({
      state: pipeline.webex.state,
      joiner: DEMO_LATE_JOINER,
      delayMs: options.lateJoinerDelayMs ?? DEFAULT_LATE_JOINER_DELAY_MS,
      out,
      timeLabel: () => elapsedLabel(startedAt, Date.now()),
    });
    followUps = scriptFollowUps({
      directory: eventsDirectory,
      followUps: eventsDirectory === DEMO_EVENTS_DIRECTORY ? DEMO_FOLLOW_UPS : [],
      publish: async (later) => book.register(await pipeline.publish(later.map((event) => event.body)), later),
      out,
      timeLabel: () => elapsedLabel(startedAt, Date.now()),
    });
    printIntro(out, pipeline, eventsDirectory, events.length);

    book.register(await pipeline.publish(events.map((event) => event.body)), events);
    await pipeline.startPolling();
    // A queue that does not drain is a finding, not a crash: the table still shows where every event got to.
    // Follow-ups are published while the queue drains; drain again until none was started.
    const drainOnce = () =>
      pipeline
        .drain({ idleMs: 200, timeoutMs: options.drainTimeoutMs ?? 90_000 })
        .then(() => [])
        .catch((error: unknown) => [error instanceof Error ? error.message : String(error)]);
    let stuck = await drainOnce();
    while (stuck.length === 0 && (await followUps.settle())) stuck = await drainOnce();

    const rows = book.rows(names);
    const deadLetters = deadLetterRows(await pipeline.readDeadLetters(), book.eventsByMessageId);
    const differences = [
      ...stuck,
      ...compareWithExpected(rows, expected),
      ...checkDeadLetters(rows, deadLetters),
      ...checkWebexHolds(rows, (personId) =>
        pipeline.webex.state.person(personId) ? pipeline.webex.state.personEcbnSetting(personId) : undefined,
      ),
    ];
    const elapsedMs = Date.now() - startedAt;

    out('');
    out(`Outcomes (${rows.length} events)`);
    renderOutcomeTable(rows).forEach((line) => out(`  ${line}`));
    out('');
    out(`Dead-letter queue: ${deadLetters.length} message(s), each with the reason it was put there`);
    if (deadLetters.length > 0) renderDeadLetterTable(deadLetters).forEach((line) => out(`  ${line}`));
    out('');
    if (differences.length === 0) {
      out(
        `OK: all ${rows.length} events behaved as ${expectedFile} says, and Webex holds every ECBN the handler ` +
          `reported (${(elapsedMs / 1000).toFixed(1)} s).`,
      );
    } else {
      out(`NOT AS EXPECTED (${differences.length} difference(s) from ${expectedFile}):`);
      differences.forEach((difference) => out(`  - ${difference}`));
    }
    return { exitCode: differences.length === 0 ? 0 : 1, rows, deadLetters, differences, elapsedMs };
  } finally {
    script?.dispose();
    await pipeline.stop();
  }
}

function printIntro(out: LineWriter, pipeline: LocalPipeline, eventsDirectory: string, count: number): void {
  const state = pipeline.webex.state;
  out(`ECBN provisioner: local demo with ${state.orgName ?? 'the demo org'}`);
  out(
    `  SQS          ${pipeline.sqs.endpoint} (source queue with redrive to a DLQ after ${pipeline.sqs.maxReceiveCount} receives)`,
  );
  out(`  Secrets      ${pipeline.secrets.endpoint} (the Webex token)`);
  out(
    `  Webex        ${pipeline.webex.baseUrl} (simulator: ${state.people().length} people, ${state.locations().length} locations)`,
  );
  out(`  Rules        ${pipeline.config.rulesFile}`);
  out('');
  out(`Publishing the ${count} events of ${eventsDirectory}/; one line per record as the handler finishes it:`);
}
