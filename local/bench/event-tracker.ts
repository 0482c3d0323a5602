/**
 * Accounts for every event of a run from the handler's record reports (`onReport`): which events reached a final
 * outcome and when, which were deferred on the way, which were reported final twice. Clock injected.
 */
import type { Outcome, RecordReport } from '../../lambda/flow/record-report.js';

/** A final outcome: the record left the queue (done, skipped or dead-lettered). `deferred` is not one. */
export function isFinalOutcome(outcome: Outcome): boolean {
  return outcome !== 'deferred';
}

export interface FinalOutcome {
  readonly outcome: Outcome;
  /** Clock time of the report. */
  readonly at: number;
}

export interface EventTracker {
  /** Pass as the pipeline's `onReport`. */
  readonly onReport: (report: RecordReport) => void;
  /** Every report, in arrival order. */
  readonly reports: readonly RecordReport[];
  /** The first final outcome of each event, by event id (the message id when the event has none). */
  readonly finals: ReadonlyMap<string, FinalOutcome>;
  /** Reports per outcome (including `deferred` ones and repeats). */
  outcomeCounts(): Partial<Record<Outcome, number>>;
  /** Reports of an event that already had a final one (a redelivery after a lost delete, say). */
  readonly duplicateFinals: number;
  /** Resolves `true` once every id has a final outcome, `false` when `timeoutMs` passes first. */
  waitForFinals(eventIds: readonly string[], timeoutMs: number): Promise<boolean>;
}

/**
 * @example
 * const tracker = createEventTracker();
 * const pipeline = await startLocalPipeline({ onReport: tracker.onReport });
 * await tracker.waitForFinals(ids, 60_000);
 */
export function createEventTracker(now: () => number = Date.now): EventTracker {
  const reports: RecordReport[] = [];
  const finals = new Map<string, FinalOutcome>();
  const counts: Partial<Record<Outcome, number>> = {};
  let duplicateFinals = 0;
  let waiter: { pending: Set<string>; resolve: (done: boolean) => void } | undefined;

  const onReport = (report: RecordReport): void => {
    reports.push(report);
    counts[report.outcome] = (counts[report.outcome] ?? 0) + 1;
    if (!isFinalOutcome(report.outcome)) return;
    const id = report.eventId ?? report.messageId;
    if (finals.has(id)) {
      duplicateFinals += 1;
      return;
    }
    finals.set(id, { outcome: report.outcome, at: now() });
    if (waiter && waiter.pending.delete(id) && waiter.pending.size === 0) waiter.resolve(true);
  };

  return {
    onReport,
    reports,
    finals,
    outcomeCounts: () => ({ ...counts }),
    get duplicateFinals() {
      return duplicateFinals;
    },
    waitForFinals(eventIds, timeoutMs) {
      const pending = new Set(eventIds.filter((id) => !finals.has(id)));
      if (pending.size === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiter = undefined;
          resolve(false);
        }, timeoutMs);
        waiter = {
          pending,
          resolve: (done) => {
            clearTimeout(timer);
            waiter = undefined;
            resolve(done);
          },
        };
      });
    },
  };
}
