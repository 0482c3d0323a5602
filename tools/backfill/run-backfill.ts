/**
 * Publishes an HR export as `user.updated` events: rows already published (progress file) are skipped, the rest go
 * out in batches of up to 10 (the SQS `SendMessageBatch` limit), paced to `ratePerSecond`, with progress. A batch is
 * recorded in the progress file only after SQS accepted every entry of it; a failed entry stops the run (rerun to
 * continue).
 */
import { createPacer } from '../../lambda/audit/pacer.js';
import type { HrExportRow } from '../audit/hr-export.js';
import { backfillEvent, rowKey } from './backfill-events.js';
import type { ProgressFile } from './progress-file.js';

/** Sends up to 10 bodies; resolves with the indexes (into `bodies`) that failed. */
export type SendBatch = (bodies: readonly string[]) => Promise<number[]>;

export interface BackfillResult {
  readonly published: number;
  readonly skipped: number;
}

export class BackfillSendError extends Error {
  override readonly name = 'BackfillSendError';
}

/** @default 50 messages per second: a 100,000-row export in about half an hour, well inside the function's pace. */
export const DEFAULT_BACKFILL_RATE = 50;
const SQS_BATCH = 10;

/**
 * @example
 * await runBackfill({ rows, send, progress, ratePerSecond: 50, exportTime, print: console.error, now: Date.now, sleep });
 */
export async function runBackfill(input: {
  rows: readonly HrExportRow[];
  send: SendBatch;
  progress: ProgressFile;
  ratePerSecond: number;
  /** `occurredAt` of rows without their own time. */
  exportTime: string;
  print: (line: string) => void;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}): Promise<BackfillResult> {
  const pending = input.rows.filter((row) => !input.progress.has(rowKey(row)));
  const skipped = input.rows.length - pending.length;
  if (skipped > 0) input.print(`backfill: ${skipped} row(s) already published (progress file): skipped`);
  // One pacer slot per batch, spaced for the message rate.
  const pacer = createPacer(input.ratePerSecond / SQS_BATCH, input.now, input.sleep);
  const started = input.now();
  let published = 0;
  let lastPrint = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < pending.length; i += SQS_BATCH) {
    const batch = pending.slice(i, i + SQS_BATCH);
    await pacer.take();
    const failed = await input.send(batch.map((row) => JSON.stringify(backfillEvent(row, input.exportTime))));
    const accepted = batch.filter((_, index) => !failed.includes(index));
    await input.progress.add(accepted.map(rowKey));
    published += accepted.length;
    if (failed.length > 0) {
      const lines = failed.map((index) => batch[index]?.line).join(', ');
      throw new BackfillSendError(
        `SQS refused the events of line(s) ${lines}; rerun to continue (published rows are skipped)`,
      );
    }
    const time = input.now();
    if (time - lastPrint >= 1_000 || i + SQS_BATCH >= pending.length) {
      lastPrint = time;
      input.print(progressBar(published, pending.length, time - started));
    }
  }
  return { published, skipped };
}

/** `backfill: [#########-----------] 450/1000 rows, 50.0 rows/s, ETA 11 s` */
export function progressBar(done: number, total: number, elapsedMs: number): string {
  const width = 20;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  const rate = elapsedMs > 0 ? done / (elapsedMs / 1000) : 0;
  const eta = rate > 0 ? `, ETA ${Math.ceil((total - done) / rate)} s` : '';
  return `backfill: [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} rows, ${rate.toFixed(1)} rows/s${eta}`;
}
