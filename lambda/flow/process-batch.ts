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
import { receiveCountOf } from '../failures/queue-actions.js';
import { processRecord, settleUnstarted, type RecordDependencies } from './process-record.js';
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
  // Records closest to their last allowed receive start first, so a deadline or a closed rate gate defers the ones
  // with receives to spare. Reports stay in batch order.
  const order = records
    .map((record, index) => ({ index, receiveCount: receiveCountOf(record) }))
    .sort((a, b) => b.receiveCount - a.receiveCount || a.index - b.index)
    .map((entry) => entry.index);
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < order.length) {
      const index = order[next++] as number;
      const record = records[index] as SQSRecord;
      reports[index] = await startOrDefer(record, deps, deadline, maxGateWait, sleep);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(options.maxParallel, records.length)) }, worker);
  await Promise.all(workers);
  return reports;
}

/** A gate that keeps closing again is a storm: stop waiting after this many waits and defer through the queue. */
const MAX_GATE_WAITS = 5;

async function startOrDefer(
  record: SQSRecord,
  deps: RecordDependencies,
  deadline: number,
  maxGateWait: number,
  sleep: (ms: number) => Promise<void>,
): Promise<RecordReport> {
  // Wait while the gate is closed (another 429 may extend it during the wait), or defer if it stays closed too long.
  for (let openAt = deps.gate.openAt(), waits = 0; openAt > 0; openAt = deps.gate.openAt(), waits += 1) {
    const waitMs = openAt - deps.now();
    if (waitMs > maxGateWait || deps.now() + waitMs >= deadline || waits >= MAX_GATE_WAITS) {
      return settleUnstarted(
        record,
        deps,
        new RecordNotStartedError('rate limited: gate closed', Math.ceil(waitMs / 1000)),
      );
    }
    await sleep(Math.max(1, waitMs));
  }
  if (deps.now() >= deadline) {
    return settleUnstarted(record, deps, new RecordNotStartedError('invocation deadline near: not started', 0));
  }
  return processRecord(record, deps, { deadline });
}
