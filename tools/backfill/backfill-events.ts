/**
 * One `user.updated` onboarding event per HR export row (the product's event contract, `lambda/events/`), with an
 * event id derived from the row's content: the same row always makes the same event, so a rerun, a duplicate
 * delivery or a second backfill of the same export is recognisable as the same event.
 */
import { createHash } from 'node:crypto';
import type { HrExportRow } from '../audit/hr-export.js';

export const BACKFILL_EVENT_TYPE = 'user.updated';

/** A stable key of a row's content (not its line: inserting a row above must not make the others new). */
export function rowKey(row: HrExportRow): string {
  const content = [
    row.personId ?? '',
    row.email?.toLowerCase() ?? '',
    row.locationId ?? '',
    row.building,
    row.floor ?? '',
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
}

/**
 * @param occurredAt when the export was taken (ISO), for rows that carry no time of their own.
 *
 * @example
 * JSON.stringify(backfillEvent(row, '2026-12-06T02:00:00.000Z'));
 */
export function backfillEvent(row: HrExportRow, occurredAt: string): Record<string, unknown> {
  return {
    eventType: BACKFILL_EVENT_TYPE,
    eventId: row.eventId ?? `backfill-${rowKey(row)}`,
    occurredAt: row.occurredAt ?? occurredAt,
    person: {
      ...(row.personId === undefined ? {} : { id: row.personId }),
      ...(row.email === undefined ? {} : { email: row.email }),
    },
    ...(row.locationId === undefined ? {} : { locationId: row.locationId }),
    workplace: { building: row.building, ...(row.floor === undefined ? {} : { floor: row.floor }) },
  };
}
