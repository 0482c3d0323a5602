/**
 * The whole product on 127.0.0.1 for a scenario test: `startLocalPipeline` (fauxqs SQS with a redrive DLQ, the Secrets
 * Manager stand-in, the Webex simulator, the local poller invoking the real handler) plus what a scenario asserts on:
 * every record report in order, bounded waits on conditions (never a sleep as an assertion), and the DLQ's reason
 * attributes as plain strings. Every pipeline started here is stopped after its test.
 *
 * @example
 * const run = await startPipelineUnderTest();
 * const [id] = await run.pipeline.publish([toBody(event)]);
 * await run.pipeline.drain({ timeoutMs: 15_000 });
 * expect(run.finalReport(id)?.outcome).toBe('updated');
 */
import { randomBytes } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';
import { afterEach } from 'vitest';
import type { RecordReport } from '../../lambda/flow/record-report.js';
import { startLocalPipeline, type LocalPipeline, type LocalPipelineOptions } from '../../local/pipeline.js';

/**
 * Deferral backoff for tests: 1 s on the first receive, capped at 2 s (production: 10 s base, 15 min cap), so a
 * transient failure without `Retry-After` comes back within a test's time. `Retry-After` still wins over it.
 */
export const FAST_DEFERRAL_ENV: Readonly<Record<string, string>> = Object.freeze({
  DEFER_BASE_SECONDS: '1',
  DEFER_CAP_SECONDS: '2',
});

/** Upper bound of a scenario's drain: generous for a 2-core machine, far below vitest's timeout. */
export const DRAIN_TIMEOUT_MS = 25_000;

/**
 * A fresh canary token (`CANARY-TOKEN-<hex>`): the simulator accepts it and the secret holds it. CI fails when the
 * pattern shows up anywhere in the test output, so every scenario doubles as a leak check.
 */
export function canaryToken(prefix = 'TOKEN'): string {
  return `CANARY-${prefix}-${randomBytes(6).toString('hex')}`;
}

export interface PipelineUnderTest {
  readonly pipeline: LocalPipeline;
  /** The token the pipeline started with (a canary). */
  readonly token: string;
  /** Every record report, in the order the handler produced them (a redelivered record appears once per receive). */
  readonly reports: readonly RecordReport[];
  /** The reports of one SQS message, oldest first. */
  reportsFor(messageId: string): RecordReport[];
  /** The last report of one SQS message (its final fate once the queue is drained). */
  finalReport(messageId: string): RecordReport | undefined;
  /** Resolves with the first report (already seen or still to come) that matches; rejects after `timeoutMs`. */
  waitForReport(
    matches: (report: RecordReport) => boolean,
    options: { what: string; timeoutMs?: number },
  ): Promise<RecordReport>;
}

const running = new Set<LocalPipeline>();

afterEach(async () => {
  const stopping = [...running].map((pipeline) => pipeline.stop());
  running.clear();
  await Promise.allSettled(stopping);
});

/**
 * Starts the local pipeline with a canary token and {@link FAST_DEFERRAL_ENV} (both overridable); stopped after the
 * test.
 */
export async function startPipelineUnderTest(options: LocalPipelineOptions = {}): Promise<PipelineUnderTest> {
  const reports: RecordReport[] = [];
  const token = options.token ?? canaryToken();
  const pipeline = await startLocalPipeline({
    ...options,
    token,
    env: { ...FAST_DEFERRAL_ENV, ...options.env },
    onReport: (report) => {
      reports.push(report);
      options.onReport?.(report);
    },
  });
  running.add(pipeline);
  const reportsFor = (messageId: string) => reports.filter((report) => report.messageId === messageId);
  return {
    pipeline,
    token,
    reports,
    reportsFor,
    finalReport: (messageId) => reportsFor(messageId).at(-1),
    waitForReport: (matches, { what, timeoutMs = 15_000 }) => waitFor(() => reports.find(matches), { what, timeoutMs }),
  };
}

/**
 * Polls `probe` until it returns something other than `undefined`/`false`, then resolves with it; rejects after
 * `timeoutMs` naming `what`. The way to wait on the pipeline: conditions with a bound, never a fixed sleep.
 *
 * @example
 * await waitFor(() => run.reports.find((r) => r.outcome === 'deferred'), { what: 'a deferral' });
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: { what: string; timeoutMs?: number; intervalMs?: number },
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const startedAt = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - startedAt >= timeoutMs) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${options.what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

/** The string values of a DLQ message's attributes (`ecbn-error-class` → `permanent`, …). */
export function attributesOf(message: Message): Record<string, string> {
  return Object.fromEntries(
    Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue ?? '']),
  );
}

/** The DLQ message that came from `sourceMessageId` (by its `ecbn-source-message-id`). */
export function deadLetterOf(messages: readonly Message[], sourceMessageId: string): Message | undefined {
  return messages.find((message) => attributesOf(message)['ecbn-source-message-id'] === sourceMessageId);
}
