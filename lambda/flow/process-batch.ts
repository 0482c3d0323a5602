/**
 * Runs the per-record flow over a batch with bounded parallelism, one settled result per record, in order (the shape
 * `@middy/sqs-partial-batch-failure` expects: https://middy.js.org/docs/middlewares/sqs-partial-batch-failure).
 *
 * Two guards before a record is started:
 * - deadline: when the Lambda's remaining time is under the safety margin, the record is not started but deferred;
 * - rate gate: while a 429's `Retry-After` runs, the record waits if the gate opens soon enough, else it is deferred.
 * Nothing is ever half-reported: every record gets exactly one report.
 */
import type { SQSRecord } from 'aws-lambda';
import { RecordNotStartedError } from '../errors.js';
import { settleFailure } from '../failures/settle-failure.js';
import { processRecord, type RecordDependencies } from './process-record.js';
import type { RecordReport } from './record-report.js';

export interface BatchOptions {
  /** Records processed at once. */
  readonly maxParallel: number;
  /** The Lambda's remaining time, e.g. `context.getRemainingTimeInMillis`. */
  readonly remainingTimeMs: () => number;
  /** No record starts, and no Webex call runs, within this margin of the deadline. @default 5000 */
  readonly safetyMarginMs?: number;
  /** The longest a record waits for the rate gate before being deferred instead. @default 10000 */
  readonly maxGateWaitMs?: number;
  /** Injectable for deterministic tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * @example
 * const results = await processBatch(event.Records, deps, { maxParallel: 5, remainingTimeMs: () => context.getRemainingTimeInMillis() });
 */
export async function processBatch(
  records: readonly SQSRecord[],
  deps: RecordDependencies,
  options: BatchOptions,
): Promise<RecordReport[]> {
  const margin = options.safetyMarginMs ?? 5_000;
  const maxGateWait = options.maxGateWaitMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = deps.now() + options.remainingTimeMs() - margin;
  const reports = new Array<RecordReport>(records.length);
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < records.length) {
      const index = next++;
      const record = records[index] as SQSRecord;
      reports[index] = await startOrDefer(record, deps, deadline, maxGateWait, sleep);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.maxParallel, records.length)) }, worker);
  await Promise.all(workers);
  return reports;
}

async function startOrDefer(
  record: SQSRecord,
  deps: RecordDependencies,
  deadline: number,
  maxGateWait: number,
  sleep: (ms: number) => Promise<void>,
): Promise<RecordReport> {
  const openAt = deps.gate.openAt();
  if (openAt > 0) {
    const waitMs = openAt - deps.now();
    if (waitMs > maxGateWait || deps.now() + waitMs >= deadline) {
      return notStarted(record, deps, new RecordNotStartedError('rate limited: gate closed', Math.ceil(waitMs / 1000)));
    }
    if (waitMs > 0) await sleep(waitMs);
  }
  if (deps.now() >= deadline) {
    return notStarted(record, deps, new RecordNotStartedError('invocation deadline near: not started', 0));
  }
  return processRecord(record, deps, { deadline });
}

async function notStarted(
  record: SQSRecord,
  deps: RecordDependencies,
  error: RecordNotStartedError,
): Promise<RecordReport> {
  const startedAt = deps.now();
  const settled = await settleFailure(error, {
    record,
    settings: deps.settings,
    queue: deps.queue,
    now: deps.now,
    random: deps.random,
  });
  return {
    outcome: settled.outcome,
    reportAsFailed: settled.reportAsFailed,
    errorClass: settled.errorClass,
    error: settled.reason,
    deferSeconds: settled.deferSeconds,
    messageId: record.messageId,
    trackingIds: [],
    attempts: 0,
    receiveCount: Number.parseInt(record.attributes.ApproximateReceiveCount, 10) || 1,
    durationMs: deps.now() - startedAt,
  };
}
