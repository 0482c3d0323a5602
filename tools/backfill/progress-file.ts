/**
 * The backfill's memory between runs: one row key per line, appended once SQS has accepted the row's event. A rerun
 * skips those rows, so an interrupted backfill continues where it stopped and never publishes a row twice.
 */
import { appendFile, readFile } from 'node:fs/promises';

export interface ProgressFile {
  has(key: string): boolean;
  /** Records published rows (appended and flushed by the OS before the next batch is sent). */
  add(keys: readonly string[]): Promise<void>;
  readonly size: number;
}

/**
 * @example
 * const progress = await openProgressFile('export.csv.backfill-progress');
 * if (!progress.has(rowKey(row))) await publish(row);
 */
export async function openProgressFile(file: string): Promise<ProgressFile> {
  const done = new Set<string>();
  try {
    for (const line of (await readFile(file, 'utf8')).split('\n')) if (line.trim() !== '') done.add(line.trim());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return {
    has: (key) => done.has(key),
    async add(keys) {
      if (keys.length === 0) return;
      await appendFile(file, `${keys.join('\n')}\n`);
      for (const key of keys) done.add(key);
    },
    get size() {
      return done.size;
    },
  };
}
