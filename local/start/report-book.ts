/**
 * Collects the handler's record reports by SQS message id (a record keeps its message id across receives, so the
 * last report of a message is its final word) and ties them to the events that were published.
 */
import type { RecordReport } from '../../lambda/flow/record-report.js';
import type { Directory } from './directory.js';
import { describeEvent, type SampleEvent } from './event-files.js';
import { buildOutcomeRow, type OutcomeRow } from './outcome-rows.js';

export interface ReportBook {
  /** Ties SQS message ids (in publish order) to the events published. */
  register(messageIds: readonly string[], events: readonly SampleEvent[]): void;
  /** The pipeline's `onReport`; returns the row of this report (for a progress line). */
  add(report: RecordReport, names: Directory): OutcomeRow;
  readonly eventsByMessageId: ReadonlyMap<string, SampleEvent>;
  /** Every report, in arrival order. */
  readonly reports: readonly RecordReport[];
  /** One row per registered event, in publish order, from its last report. */
  rows(names: Directory): OutcomeRow[];
  /** Resolves once every registered message has at least one report; rejects after `timeoutMs`. */
  waitForEveryEvent(timeoutMs: number): Promise<void>;
}

/**
 * @example
 * const book = createReportBook();
 * const pipeline = await startLocalPipeline({ onReport: (r) => print(book.add(r, names)), startPoller: false });
 * book.register(await pipeline.publish(bodies), events);
 */
export function createReportBook(): ReportBook {
  const order: string[] = [];
  const events = new Map<string, SampleEvent>();
  const latest = new Map<string, RecordReport>();
  const reports: RecordReport[] = [];
  const waiters = new Set<() => void>();
  const everyEventReported = () => order.every((id) => latest.has(id));

  return {
    register(messageIds, published) {
      messageIds.forEach((id, index) => {
        const event = published[index];
        if (event === undefined) return;
        order.push(id);
        events.set(id, event);
      });
    },
    add(report, names) {
      reports.push(report);
      latest.set(report.messageId, report);
      for (const wake of waiters) wake();
      const event = events.get(report.messageId) ?? describeEvent(report.eventId ?? report.messageId, '');
      return buildOutcomeRow(event, report.messageId, report, names);
    },
    eventsByMessageId: events,
    get reports() {
      return reports;
    },
    rows(names) {
      return order.map((id) => buildOutcomeRow(events.get(id) as SampleEvent, id, latest.get(id), names));
    },
    waitForEveryEvent(timeoutMs) {
      if (everyEventReported()) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const wake = () => {
          if (!everyEventReported()) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          const missing = order.filter((id) => !latest.has(id)).map((id) => events.get(id)?.label ?? id);
          reject(new Error(`No report within ${timeoutMs} ms for: ${missing.join(', ')}`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
  };
}
