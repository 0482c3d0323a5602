/**
 * What happened to one SQS record: the outcome, and everything its single log line carries.
 */
import type { ErrorClass } from '../errors.js';
import type { MemberLossReport } from './member-loss.js';

/** Every outcome a record can have, and the EMF metric each one increments. */
export const OUTCOME_METRIC = {
  /** The wanted ECBN was PUT. */
  updated: 'RecordsUpdated',
  /** Webex already had the wanted ECBN: no PUT. */
  unchanged: 'RecordsUnchanged',
  /** Webex refused the zone member (400, 404 or 409 are treated so); the documented fallback was PUT instead. */
  'fallback-updated': 'RecordsFallbackUpdated',
  /** Dry run: the PUT that would have been sent. */
  'would-update': 'RecordsWouldUpdate',
  /** Older than the newest event applied for the person: acknowledged, no Webex write (docs/ledger.md). */
  stale: 'RecordsStale',
  /** The event type is not one we act on: acknowledged. */
  skipped: 'RecordsSkipped',
  /** Transient or configuration failure: left on the queue with a visibility delay. */
  deferred: 'RecordsDeferred',
  /** Permanent failure (or last allowed receive): sent to the DLQ with its reason. */
  'dead-lettered': 'RecordsDeadLettered',
} as const;
export type Outcome = keyof typeof OUTCOME_METRIC;

/** Metric for decisions flagged `attention` (no valid emergency callback number). */
export const ATTENTION_METRIC = 'Attention';
/** Metric for a missing or refused token (secret unreadable, 401/403). */
export const CONFIGURATION_FAILURE_METRIC = 'ConfigurationFailure';
/** Metric for an invocation that failed before its records could be settled one by one. */
export const BATCH_FAILURE_METRIC = 'BatchFailure';
/** Metric for a record whose person-ledger read or write failed (throttled, unreachable, denied). */
export const LEDGER_ERROR_METRIC = 'LedgerErrors';
/** Metric for a dead-letter send that SQS refused. */
export const DEAD_LETTER_SEND_FAILED_METRIC = 'DeadLetterSendFailed';
/** Metric for a deferral (ChangeMessageVisibility) that SQS refused. */
export const DEFER_FAILED_METRIC = 'DeferFailed';

/** Metric for a lost zone member with people pointed at it (their reconciles were published). */
export const MEMBER_LOST_METRIC = 'MemberLost';
/** Metric for a lost member whose Webex dependent count exceeds the ledger's (someone else points people at it). */
export const MEMBER_DEPENDENTS_MISMATCH_METRIC = 'MemberDependentsMismatch';
/** Metric for a lost member whose dependents could not be looked up or published (they wait for the audit). */
export const MEMBER_LOSS_FAILED_METRIC = 'MemberLossFailed';

export interface RecordReport {
  readonly outcome: Outcome;
  /** True when the record must be reported in `batchItemFailures` (deferred, or a DLQ send that failed). */
  readonly reportAsFailed: boolean;
  readonly messageId: string;
  readonly eventId?: string | undefined;
  readonly envelope?: string | undefined;
  readonly eventType?: string | undefined;
  readonly personId?: string | undefined;
  readonly locationId?: string | undefined;
  readonly wanted?: { selected: string; locationMemberId?: string } | undefined;
  readonly previous?: { selected?: string; locationMemberId?: string } | undefined;
  readonly reason?: string | undefined;
  readonly attention?: string | undefined;
  readonly errorClass?: ErrorClass | undefined;
  readonly error?: string | undefined;
  readonly deferSeconds?: number | undefined;
  /** A dead-letter send failed (the record is redelivered instead). */
  readonly deadLetterFailed?: boolean | undefined;
  /** The person ledger failed (the record was deferred): counted as `LedgerErrors`. */
  readonly ledgerFailed?: boolean | undefined;
  /** Where the workplace used for the decision came from (`ledger`: kept from an earlier event). */
  readonly workplaceFrom?: 'event' | 'ledger' | 'cleared' | 'none' | undefined;
  /** SQS refused the deferral (the record returns after the queue's own visibility timeout). */
  readonly deferFailed?: boolean | undefined;
  /** A lost zone member this record found, and what was done for the people pointed at it. */
  readonly memberLoss?: MemberLossReport | undefined;
  readonly trackingIds: readonly string[];
  readonly attempts: number;
  readonly receiveCount: number;
  readonly durationMs: number;
}
