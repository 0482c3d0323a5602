/**
 * The ordering and workplace contract, pure (table-tested in test/unit/ledger/ordering.test.ts):
 *
 * - For one person the newest event wins. An HR event older than the newest one applied is `stale`. Equal times are
 *   ordered by event id (plain string order): the greater id wins, so two producers' events stamped with the same
 *   second settle the same way whatever order they arrive in. The same event id at the same time is the same event
 *   redelivered and is applied again (idempotent: it finds Webex already right).
 * - An `ecbn.reconcile` is stale only when an HR event strictly newer than its `occurredAt` was applied; it never moves
 *   the watermark (see `commit-plan.ts`).
 * - Workplace: an event's `workplace` wins; `"workplace": {}` (neither building nor floor) says "no longer in any zone"
 *   and clears the remembered one; an event without `workplace` (absent or `null`) keeps the last building and floor
 *   while the person's Webex Calling location is the one they were recorded for.
 */
import type { Workplace } from '../rules/zone-match.js';
import { sameWebexId } from '../webex/ids.js';
import type { LedgerPlacement, NewestEvent } from './types.js';
import { RECONCILE_EVENT_TYPE } from '../events/event-type.js';

/** The audit's and member loss's own event type (its one home is lambda/events/event-type.ts). */
export { RECONCILE_EVENT_TYPE };

/** An incoming event, as far as ordering is concerned. */
export interface IncomingEvent {
  readonly at: number;
  readonly eventId: string;
  readonly eventType: string;
}

/**
 * Why the event must not be applied, or `undefined` when it may.
 *
 * @example
 * staleReason({ at: 10, eventId: 'b', eventType: 'user.moved' }, { at: 9, eventId: 'a', eventType: 'user.moved' });
 * // 'older than event b (user.moved at 1970-01-01T00:00:00.010Z), already applied'
 */
export function staleReason(newest: NewestEvent | undefined, incoming: IncomingEvent): string | undefined {
  if (newest === undefined) return undefined;
  const older =
    incoming.at < newest.at ||
    (incoming.eventType !== RECONCILE_EVENT_TYPE && incoming.at === newest.at && incoming.eventId < newest.eventId);
  if (!older) return undefined;
  return `older than event ${newest.eventId} (${newest.eventType} at ${new Date(newest.at).toISOString()}), already applied`;
}

/** Where the workplace used for the decision came from. */
export type WorkplaceSource = 'event' | 'ledger' | 'cleared' | 'none';

export interface EffectiveWorkplace {
  readonly workplace?: Workplace;
  readonly source: WorkplaceSource;
}

/**
 * The workplace to decide with.
 *
 * @param eventWorkplace the event's `workplace` (`undefined`: the event has none).
 * @param recorded the ledger's last placement.
 * @param locationId the person's Webex Calling location now.
 *
 * @example
 * effectiveWorkplace(undefined, { locationId: hq, building: 'B2', floor: '3' }, hq);
 * // { workplace: { building: 'B2', floor: '3' }, source: 'ledger' }
 */
export function effectiveWorkplace(
  eventWorkplace: Workplace | undefined,
  recorded: LedgerPlacement | undefined,
  locationId: string,
): EffectiveWorkplace {
  if (eventWorkplace !== undefined) {
    if (eventWorkplace.building === undefined && eventWorkplace.floor === undefined) return { source: 'cleared' };
    return { workplace: eventWorkplace, source: 'event' };
  }
  if (recorded === undefined || !sameWebexId(recorded.locationId, locationId)) return { source: 'none' };
  if (recorded.building === undefined && recorded.floor === undefined) return { source: 'none' };
  return { workplace: workplaceOf(recorded), source: 'ledger' };
}

/** The placement to record: the location now, with the workplace the decision used. */
export function placementOf(locationId: string, workplace: Workplace | undefined): LedgerPlacement {
  return { locationId, ...workplaceOf(workplace ?? {}) };
}

function workplaceOf(from: { building?: string | undefined; floor?: string | undefined }): Workplace {
  const workplace: Workplace = {};
  if (from.building !== undefined) workplace.building = from.building;
  if (from.floor !== undefined) workplace.floor = from.floor;
  return workplace;
}
