/**
 * The person's history: recent entries live on the person's own item (so committing an outcome is part of the one
 * commit write), older ones move in chunks to archive items that DynamoDB's TTL deletes. Pure.
 *
 * Every entry is kept at least {@link HISTORY_RETENTION_DAYS} days: in-item entries are pruned only past it, archive
 * items expire that long after their newest entry (DynamoDB TTL deletes within a few days after that:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/howitworks-ttl.html).
 */
import type { HistoryEntry } from './types.js';

export const HISTORY_RETENTION_DAYS = 400;
const DAY_MS = 86_400_000;
/** Entries kept on the person item; past it the oldest {@link HISTORY_ARCHIVE_CHUNK} move to an archive item. */
export const HISTORY_IN_ITEM_MAX = 40;
export const HISTORY_ARCHIVE_CHUNK = 20;

export interface HistoryUpdate {
  /** The person item's new list, oldest first. */
  readonly keep: HistoryEntry[];
  /** Entries to write as one archive item first (empty most of the time: one extra write per 20 events). */
  readonly archive: HistoryEntry[];
}

/**
 * @example
 * nextHistory(state.history, entry, Date.now()); // { keep: [...recent, entry], archive: [] }
 */
export function nextHistory(current: readonly HistoryEntry[], entry: HistoryEntry, now: number): HistoryUpdate {
  const cutoff = now - HISTORY_RETENTION_DAYS * DAY_MS;
  const kept = [...current.filter((item) => item.at >= cutoff), entry];
  if (kept.length <= HISTORY_IN_ITEM_MAX) return { keep: kept, archive: [] };
  return { keep: kept.slice(HISTORY_ARCHIVE_CHUNK), archive: kept.slice(0, HISTORY_ARCHIVE_CHUNK) };
}

/** When an archive item may be deleted (epoch seconds, DynamoDB TTL): the retention after its newest entry. */
export function archiveExpiresAtSeconds(entries: readonly HistoryEntry[]): number {
  const newest = Math.max(...entries.map((entry) => entry.at));
  return Math.ceil((newest + HISTORY_RETENTION_DAYS * DAY_MS) / 1000);
}
