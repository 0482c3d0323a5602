/**
 * Exactly one structured log line and the EMF metrics per record. Message bodies (personal data) are never logged:
 * only ids, settings, reasons and Webex tracking ids.
 */
import type { RecordReport } from '../flow/record-report.js';
import {
  ATTENTION_METRIC,
  CONFIGURATION_FAILURE_METRIC,
  DEAD_LETTER_SEND_FAILED_METRIC,
  LEDGER_ERROR_METRIC,
  DEFER_FAILED_METRIC,
  MEMBER_DEPENDENTS_MISMATCH_METRIC,
  MEMBER_LOSS_FAILED_METRIC,
  MEMBER_LOST_METRIC,
  OUTCOME_METRIC,
} from '../flow/record-report.js';
import type { StructuredLogger } from '../flow/process-record.js';

/** The part of Powertools `Metrics` we use. */
export interface CountMetrics {
  addMetric(name: string, unit: 'Count', value: number): void;
}

/**
 * @example
 * logRecordReport(report, logger, metrics);
 */
export function logRecordReport(report: RecordReport, logger: StructuredLogger, metrics: CountMetrics): void {
  const fields: Record<string, unknown> = {
    eventId: report.eventId,
    messageId: report.messageId,
    eventType: report.eventType,
    envelope: report.envelope,
    personId: report.personId,
    locationId: report.locationId,
    workplaceFrom: report.workplaceFrom,
    wanted: report.wanted,
    previous: report.previous,
    reason: report.reason,
    outcome: report.outcome,
    attention: report.attention,
    errorClass: report.errorClass,
    error: report.error,
    deferSeconds: report.deferSeconds,
    deadLetterFailed: report.deadLetterFailed,
    ledgerFailed: report.ledgerFailed,
    deferFailed: report.deferFailed,
    webexTrackingIds: report.trackingIds,
    attempts: report.attempts,
    receiveCount: report.receiveCount,
    durationMs: report.durationMs,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];

  metrics.addMetric(OUTCOME_METRIC[report.outcome], 'Count', 1);
  if (report.attention) metrics.addMetric(ATTENTION_METRIC, 'Count', 1);
  if (report.ledgerFailed) metrics.addMetric(LEDGER_ERROR_METRIC, 'Count', 1);
  // A refused ChangeMessageVisibility: the record returns after the queue's own timeout, not when we said.
  if (report.deferFailed) metrics.addMetric(DEFER_FAILED_METRIC, 'Count', 1);
  if (report.deadLetterFailed) {
    metrics.addMetric(DEAD_LETTER_SEND_FAILED_METRIC, 'Count', 1);
    logger.error('ECBN record: could not be sent to the dead-letter queue; it will be redelivered', fields);
  } else if (report.errorClass === 'configuration') {
    metrics.addMetric(CONFIGURATION_FAILURE_METRIC, 'Count', 1);
    logger.error(
      report.ledgerFailed
        ? 'ECBN record: the person ledger table is missing or denied: check LEDGER_TABLE_NAME and the role'
        : 'ECBN record: no usable Webex token (secret unreadable, 401 or 403): check the secret and its scopes',
      fields,
    );
  } else if (report.outcome === 'dead-lettered' || report.attention || report.deferFailed) {
    logger.error('ECBN record', fields);
  } else if (report.outcome === 'deferred') {
    logger.warn('ECBN record', fields);
  } else {
    logger.info('ECBN record', fields);
  }
  if (report.memberLoss !== undefined) logMemberLoss(report, logger, metrics);
}

/**
 * A lost zone member is loud when people were pointed at it (warn + `MemberLost`), when Webex counts more of them
 * than the ledger (warn + `MemberDependentsMismatch`), and when its dependents could not be reconciled (error +
 * `MemberLossFailed`). A loss already handled in the window, or without dependents, stays on the record's line.
 */
function logMemberLoss(report: RecordReport, logger: StructuredLogger, metrics: CountMetrics): void {
  const loss = report.memberLoss;
  if (loss === undefined || loss.duplicate === true) return;
  const fields = {
    eventId: report.eventId,
    personId: report.personId,
    memberId: loss.memberId,
    cause: loss.cause,
    dependents: loss.dependents,
    published: loss.published,
    webexCount: loss.webexCount,
  };
  if (loss.error !== undefined) {
    metrics.addMetric(MEMBER_LOSS_FAILED_METRIC, 'Count', 1);
    logger.error('member lost: its dependents could not be reconciled; they wait for the next audit', {
      ...fields,
      error: loss.error,
    });
    return;
  }
  if (loss.dependents > 0) {
    metrics.addMetric(MEMBER_LOST_METRIC, 'Count', 1);
    logger.warn('member lost: the people pointed at it are reconciled', fields);
  }
  if (loss.mismatch) {
    metrics.addMetric(MEMBER_DEPENDENTS_MISMATCH_METRIC, 'Count', 1);
    logger.warn('member dependents mismatch: Webex counts more people on the member than the ledger knows', fields);
  }
}
