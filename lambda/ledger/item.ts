/**
 * The ledger's DynamoDB items, parsed with zod when read (the table is outside the function: what it returns is
 * checked once, here). Layout (docs/ledger.md):
 *
 * | item | pk | sk | attributes |
 * |---|---|---|---|
 * | person | `PERSON#<webexIdKey>` | `STATE` | personId, orgId, email, newest*, placement, decision, memberKey, history, lease* |
 * | archive | `PERSON#<webexIdKey>` | `HISTORY#<first at, 13 digits>` | entries, expiresAt (TTL) |
 *
 * Indexes: `byMember` (memberKey → personId, placement), `byEmail` (email → personId). Both sparse.
 */
import * as z from 'zod';
import { webexIdKey } from '../webex/ids.js';
import type { HistoryEntry, LedgerState } from './types.js';

export const PERSON_SK = 'STATE';
export const ARCHIVE_SK_PREFIX = 'HISTORY#';
export const MEMBER_INDEX = 'byMember';
export const EMAIL_INDEX = 'byEmail';
/** Attribute names the table and its indexes are keyed on (infra/ledger-table.ts uses the same). */
export const LEDGER_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  memberKey: 'memberKey',
  email: 'email',
  ttl: 'expiresAt',
} as const;

/**
 * The partition key of a person: the canonical Webex id (two encodings of one person are one person). Webex person ids
 * are global (GET /people/{personId} takes no orgId), so the org is an attribute, not part of the key: the audit and
 * `npm run person` find a person by id alone.
 */
export function personPk(personId: string): string {
  return `PERSON#${webexIdKey(personId)}`;
}

export function archiveSk(entries: readonly HistoryEntry[]): string {
  const first = Math.min(...entries.map((entry) => entry.at));
  return `${ARCHIVE_SK_PREFIX}${String(first).padStart(13, '0')}`;
}

const setting = z.object({ selected: z.string(), locationMemberId: z.string().optional() });

export const historyEntrySchema = z.object({
  at: z.number(),
  eventAt: z.number().optional(),
  eventId: z.string(),
  eventType: z.string(),
  outcome: z.string(),
  wanted: setting.optional(),
  reason: z.string().optional(),
  attention: z.string().optional(),
  errorClass: z.string().optional(),
  error: z.string().optional(),
  trackingIds: z.array(z.string()).default([]),
});

const placement = z.object({
  locationId: z.string(),
  building: z.string().optional(),
  floor: z.string().optional(),
});

export const personItemSchema = z.object({
  personId: z.string(),
  orgId: z.string().optional(),
  email: z.string().optional(),
  newestAt: z.number().optional(),
  newestEventId: z.string().optional(),
  newestEventType: z.string().optional(),
  placement: placement.optional(),
  decision: z
    .object({
      wanted: setting,
      reason: z.string(),
      outcome: z.string(),
      attention: z.string().optional(),
      trackingIds: z.array(z.string()).default([]),
      at: z.number(),
      eventId: z.string(),
    })
    .optional(),
  memberKey: z.string().optional(),
  history: z.array(historyEntrySchema).default([]),
});

export const placementItemSchema = z.object({ personId: z.string(), placement: placement.optional() });

export const archiveItemSchema = z.object({ entries: z.array(historyEntrySchema) });

/** The state of a person item as read from DynamoDB. */
export function toLedgerState(item: z.output<typeof personItemSchema>): LedgerState {
  const { newestAt, newestEventId, newestEventType, history, ...rest } = item;
  return stripUndefined({
    ...rest,
    history,
    newest:
      newestAt === undefined || newestEventId === undefined
        ? undefined
        : { at: newestAt, eventId: newestEventId, eventType: newestEventType ?? '' },
  }) as LedgerState;
}

/** DynamoDB (and exactOptionalPropertyTypes-style reading) wants no `undefined` members. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
