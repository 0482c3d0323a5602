/**
 * What a finished record writes to the person ledger, pure (table-tested): every record that held the person's lease
 * adds its outcome to the history; only an applied HR event moves the watermark and the placement; a decision found or
 * put in Webex (HR or reconcile) becomes the last decision and the member pointer. A dry run, a stale event and a
 * failure write history only, so a later real run skips nothing.
 */
import type { LedgerCommit, LedgerPlacement } from '../ledger/types.js';
import { callbackMemberKey } from '../rules/zone-match.js';
import type { RecordReport } from './record-report.js';

/** Outcomes after which Webex holds the decision. */
const APPLIED_OUTCOMES: ReadonlySet<string> = new Set(['updated', 'unchanged', 'fallback-updated']);

export interface CommitFacts {
  readonly now: number;
  /** The event's time (epoch ms). */
  readonly eventAt: number;
  readonly eventId: string;
  readonly eventType: string;
  /**
   * `hr`: an HR event; `reconcile`: an `ecbn.reconcile` (never moves the watermark nor the placement);
   * `history-only`: a dry run (nothing a later real run would then skip).
   */
  readonly mode: 'hr' | 'reconcile' | 'history-only';
  /** Location now and the workplace the decision used. */
  readonly placement?: LedgerPlacement;
  readonly email?: string | undefined;
  readonly orgId?: string | undefined;
}

/**
 * @example
 * commitFor(report, { now, eventAt, eventId: 'hr-1', eventType: 'user.moved', mode: 'hr', placement });
 */
export function commitFor(
  report: Pick<RecordReport, 'outcome' | 'wanted' | 'reason' | 'attention' | 'trackingIds' | 'errorClass' | 'error'>,
  facts: CommitFacts,
): LedgerCommit {
  const history = {
    at: facts.now,
    eventAt: facts.eventAt,
    eventId: facts.eventId,
    eventType: facts.eventType,
    outcome: report.outcome,
    trackingIds: [...report.trackingIds],
    ...(report.wanted === undefined ? {} : { wanted: report.wanted }),
    ...(report.reason === undefined ? {} : { reason: report.reason }),
    ...(report.attention === undefined ? {} : { attention: report.attention }),
    ...(report.errorClass === undefined ? {} : { errorClass: report.errorClass }),
    ...(report.error === undefined ? {} : { error: report.error }),
  };
  if (facts.mode === 'history-only' || !APPLIED_OUTCOMES.has(report.outcome) || report.wanted === undefined) {
    return { history };
  }
  const wanted = report.wanted;
  const member =
    wanted.selected === 'LOCATION_MEMBER_NUMBER' && wanted.locationMemberId !== undefined
      ? callbackMemberKey({ id: wanted.locationMemberId })
      : null;
  return {
    history,
    decision: {
      wanted,
      reason: report.reason ?? '',
      outcome: report.outcome,
      ...(report.attention === undefined ? {} : { attention: report.attention }),
      trackingIds: [...report.trackingIds],
      at: facts.now,
      eventId: facts.eventId,
    },
    memberKey: member,
    ...(facts.mode === 'reconcile'
      ? {}
      : {
          newest: { at: facts.eventAt, eventId: facts.eventId, eventType: facts.eventType },
          ...(facts.placement === undefined ? {} : { placement: facts.placement }),
        }),
    ...(facts.email === undefined ? {} : { email: facts.email.toLowerCase() }),
    ...(facts.orgId === undefined ? {} : { orgId: facts.orgId }),
  };
}
