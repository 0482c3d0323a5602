/**
 * The `ecbn.reconcile` event an audit publishes for a person in drift (docs/ledger.md, "The ecbn.reconcile event"). The function decides afresh
 * from Webex's current state; `observed`/`wanted` are informational. `workplace` is sent only when the audit's
 * placement came from an HR export (otherwise the function uses the ledger's placement).
 */
import { createHash } from 'node:crypto';
import { RECONCILE_EVENT_TYPE } from '../ledger/ordering.js';
import { webexIdKey } from '../webex/ids.js';

export { RECONCILE_EVENT_TYPE };
import type { AuditRecord } from './report-record.js';

export interface ReconcileEvent {
  readonly eventType: typeof RECONCILE_EVENT_TYPE;
  readonly eventId: string;
  readonly occurredAt: string;
  readonly orgId?: string;
  readonly person: { readonly id: string };
  readonly locationId: string;
  readonly workplace?: { readonly building: string; readonly floor?: string };
  readonly reconcile: {
    readonly auditId: string;
    readonly observed: AuditRecord['current'];
    readonly wanted: NonNullable<AuditRecord['wanted']>;
  };
}

/**
 * @param readAt ISO time the audit read this person's ECBN.
 * @param placementFromExport true when `record.placement` came from an HR export (then it travels as `workplace`).
 *
 * @example
 * const event = reconcileEvent(record, { auditId, readAt, placementFromExport: false });
 * await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(event) }));
 */
export function reconcileEvent(
  record: AuditRecord,
  context: { auditId: string; readAt: string; orgId?: string | undefined; placementFromExport: boolean },
): ReconcileEvent {
  if (record.locationId === null || record.wanted === null) {
    throw new TypeError('Only a calling person with a decision can be reconciled');
  }
  const workplace =
    context.placementFromExport && record.placement !== null
      ? {
          building: record.placement.building,
          ...(record.placement.floor === '' ? {} : { floor: record.placement.floor }),
        }
      : undefined;
  return {
    eventType: RECONCILE_EVENT_TYPE,
    eventId: `reconcile-${context.auditId}-${personKey(record.personId)}`,
    occurredAt: context.readAt,
    ...(context.orgId === undefined ? {} : { orgId: context.orgId }),
    person: { id: record.personId },
    locationId: record.locationId,
    ...(workplace === undefined ? {} : { workplace }),
    reconcile: { auditId: context.auditId, observed: record.current, wanted: record.wanted },
  };
}

/** Event ids of the reconciles published for a lost zone member start with this (the function does not chain them). */
export const MEMBER_LOST_EVENT_ID_PREFIX = 'reconcile-member-lost-';

/** The reconcile of a person pointed at a lost zone member: like an audit's, without a workplace (the ledger's). */
export type MemberLostReconcileEvent = Omit<ReconcileEvent, 'locationId' | 'workplace'> & {
  readonly locationId?: string;
};

/**
 * The reconcile event for one dependent of a lost zone member. `auditId` names the loss (`member-lost-<member>-<window>`)
 * so one dependent gets one event id per lost member per window: a second sighting in the window repeats the id.
 * `observed` is what the ledger says the person points at; `wanted` is informational (docs/ledger.md): the
 * documented fallback a lost member leads to (the function decides afresh: a direct line wins where there is one).
 *
 * @example
 * memberLostReconcileEvent({ personId, locationId }, { memberId, seenAt: '2026-12-06T03:40:00Z', window: 5912345 });
 */
export function memberLostReconcileEvent(
  dependent: { readonly personId: string; readonly locationId?: string | undefined },
  context: { memberId: string; seenAt: string; window: number; orgId?: string | undefined },
): MemberLostReconcileEvent {
  const auditId = `member-lost-${personKey(context.memberId)}-${context.window.toString(36)}`;
  return {
    eventType: RECONCILE_EVENT_TYPE,
    eventId: `reconcile-${auditId}-${personKey(dependent.personId)}`,
    occurredAt: context.seenAt,
    ...(context.orgId === undefined ? {} : { orgId: context.orgId }),
    person: { id: dependent.personId },
    ...(dependent.locationId === undefined ? {} : { locationId: dependent.locationId }),
    reconcile: {
      auditId,
      observed: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: context.memberId },
      wanted: { selected: 'LOCATION_ECBN' },
    },
  };
}

/** A short stable key of a person or member (event ids stay well under the 128-character limit of the event schema). */
function personKey(personId: string): string {
  return createHash('sha256').update(webexIdKey(personId)).digest('hex').slice(0, 16);
}
