import { describe, expect, it } from 'vitest';
import {
  HISTORY_ARCHIVE_CHUNK,
  HISTORY_IN_ITEM_MAX,
  archiveExpiresAtSeconds,
  nextHistory,
} from '../../../lambda/ledger/history.js';
import type { HistoryEntry } from '../../../lambda/ledger/types.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-29T10:00:00Z');
const entry = (at: number, n = 0): HistoryEntry => ({
  at,
  eventId: `hr-${n}`,
  eventType: 'user.updated',
  outcome: 'unchanged',
  trackingIds: [],
});

describe('nextHistory', () => {
  it('appends the new entry, newest last', () => {
    const update = nextHistory([entry(NOW - 1, 1)], entry(NOW, 2), NOW);
    expect(update).toEqual({ keep: [entry(NOW - 1, 1), entry(NOW, 2)], archive: [] });
  });

  it('keeps entries 400 days old and drops older ones', () => {
    const kept = entry(NOW - 400 * DAY, 1);
    const dropped = entry(NOW - 400 * DAY - 1, 2);
    expect(nextHistory([dropped, kept], entry(NOW, 3), NOW).keep).toEqual([kept, entry(NOW, 3)]);
  });

  it('moves the oldest entries to an archive item when the person item holds too many', () => {
    const current = Array.from({ length: HISTORY_IN_ITEM_MAX }, (_, i) => entry(NOW - 1000 + i, i));
    const update = nextHistory(current, entry(NOW, 99), NOW);
    expect(update.archive).toEqual(current.slice(0, HISTORY_ARCHIVE_CHUNK));
    expect(update.keep).toEqual([...current.slice(HISTORY_ARCHIVE_CHUNK), entry(NOW, 99)]);
  });

  it('lets an archive item expire 400 days after its newest entry', () => {
    expect(archiveExpiresAtSeconds([entry(NOW - DAY), entry(NOW)])).toBe((NOW + 400 * DAY) / 1000);
  });
});
