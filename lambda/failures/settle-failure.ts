/**
 * Turns a classified failure into what happens to the SQS record. Nothing is ever lost:
 *
 * | class | what happens |
 * |---|---|
 * | permanent | original body → DLQ with reason attributes; record reported done (deleted) |
 * | transient | `ChangeMessageVisibility` to `Retry-After` or jittered backoff; reported failed (redelivered) |
 * | configuration (401/403) | as transient, plus an error-level log line and the `ConfigurationFailure` metric |
 * | person not ready | transient until the event is `PERSON_NOT_READY_RETRY_MINUTES` old, then permanent |
 * | any, on the last allowed receive | DLQ with the last error as reason (SQS's own redrive would drop the reason) |
 *
 * If the DLQ send itself fails the record is reported failed, so SQS redelivers it (and, at worst, its own redrive
 * moves it to the DLQ without our attributes): it never vanishes.
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
import type { SQSRecord } from 'aws-lambda';
import {
  ErrorClass,
  LedgerBusyError,
  PersonNotReadyError,
  WebexError,
  classifyError,
  describeError,
  retryAfterSecondsOf,
  type ErrorClass as ErrorClassType,
} from '../errors.js';
import { DEFAULT_BACKOFF, MAX_DEFER_SECONDS, visibilityDelaySeconds, type BackoffPolicy } from './backoff.js';
import { receiveCountOf, type QueueActions } from './queue-actions.js';

export interface FailureContext {
  readonly record: SQSRecord;
  readonly eventId?: string | undefined;
  /** When the event happened (its `occurredAt`, else SQS `SentTimestamp`). */
  readonly occurredAtMs?: number | undefined;
  /** The last Webex tracking id seen while processing the record. */
  readonly trackingId?: string | undefined;
  readonly settings: {
    readonly maxReceiveCount: number;
    readonly personNotReadyRetryMinutes: number;
    /** Deferral backoff without `Retry-After`. @default DEFAULT_BACKOFF */
    readonly backoff?: BackoffPolicy | undefined;
  };
  readonly queue: QueueActions;
  readonly now: () => number;
  readonly random: () => number;
}

export interface SettledFailure {
  readonly outcome: 'dead-lettered' | 'deferred';
  readonly reportAsFailed: boolean;
  readonly errorClass: ErrorClassType;
  readonly reason: string;
  readonly deferSeconds?: number;
  /** The record had to be dead-lettered but SQS refused the send (alarmed: `DeadLetterSendFailed`). */
  readonly deadLetterFailed?: boolean;
  /** SQS refused the deferral (ChangeMessageVisibility): the record returns after the queue's own timeout. */
  readonly deferFailed?: boolean;
}

/** What to do with a failed record: pure, table-tested. */
export type FailureAction =
  | { readonly kind: 'dead-letter'; readonly errorClass: ErrorClassType; readonly reason: string }
  | { readonly kind: 'defer'; readonly errorClass: ErrorClassType; readonly reason: string; readonly seconds: number };

/**
 * Decides between dead-lettering and deferring.
 *
 * @example
 * planFailure(new WebexServerError(503, req), ctx); // { kind: 'defer', seconds: 8, ... }
 */
export function planFailure(error: unknown, context: FailureContext): FailureAction {
  const errorClass = classifyError(error);
  const reason = describeError(error);
  if (errorClass === ErrorClass.PERMANENT) return { kind: 'dead-letter', errorClass, reason };

  const receiveCount = receiveCountOf(context.record);
  const { maxReceiveCount } = context.settings;
  const notReadyWindow = error instanceof PersonNotReadyError ? notReadyWindowOf(context) : undefined;
  if (notReadyWindow !== undefined && notReadyWindow.remainingMs <= 0) {
    return {
      kind: 'dead-letter',
      errorClass: ErrorClass.PERMANENT,
      reason: `person not ready after ${context.settings.personNotReadyRetryMinutes} minutes: ${reason}`,
    };
  }
  if (receiveCount >= maxReceiveCount) {
    return {
      kind: 'dead-letter',
      errorClass,
      reason: `gave up on receive ${receiveCount} of ${maxReceiveCount}: ${reason}`,
    };
  }

  let seconds = visibilityDelaySeconds({
    receiveCount,
    retryAfterSeconds: retryAfterSecondsOf(error),
    random: context.random(),
    ...(context.settings.backoff === undefined ? {} : { policy: context.settings.backoff }),
  });

  if (error instanceof LedgerBusyError) {
    // Usually the holder is a record of the same batch and done in a moment; but a crashed holder's lease is freed only
    // by its expiry (one invocation plus the commit margin). Double the wait per receive so the record outlasts any
    // lease long before its receives run out, instead of being dead-lettered as busy.
    seconds = Math.max(seconds, error.retryAfterSeconds * 2 ** Math.max(0, receiveCount - 1));
  }
  if (errorClass === ErrorClass.CONFIGURATION) {
    // A bad token affects every message: wait the full cap from the first receive, so the backlog reaches the DLQ
    // only after (maxReceiveCount − 1) × cap (2 h 15 min by default), leaving time to fix the secret.
    seconds = Math.max(seconds, (context.settings.backoff ?? DEFAULT_BACKOFF).capSeconds);
  }
  if (notReadyWindow !== undefined) {
    // The receive limit must not end the window early (SQS would then redrive the message without our reason). Split
    // the window left over the receives left in doubling steps (d, 2d, 4d, … ending exactly at the window's end), and
    // wait at least that: early retries stay quick (a licence often lands within minutes), the last receive comes at
    // the window's end and gives the documented verdict. Never look later than the window's end.
    const remainingSeconds = Math.ceil(notReadyWindow.remainingMs / 1000);
    const receivesLeft = Math.max(1, maxReceiveCount - receiveCount);
    const doublingStep = Math.ceil(remainingSeconds / (2 ** Math.min(receivesLeft, 50) - 1));
    seconds = Math.max(1, Math.min(Math.max(seconds, doublingStep), remainingSeconds));
  }
  // Never more than SQS accepts (12 h from the receive): a refused ChangeMessageVisibility defers nothing.
  return { kind: 'defer', errorClass, reason, seconds: Math.min(seconds, MAX_DEFER_SECONDS) };
}

/** How much of the not-ready window is left for this event (its age from `occurredAt`, else SQS `SentTimestamp`). */
function notReadyWindowOf(context: FailureContext): { remainingMs: number } {
  const windowMs = context.settings.personNotReadyRetryMinutes * 60_000;
  const ageMs = context.occurredAtMs === undefined ? 0 : context.now() - context.occurredAtMs;
  return { remainingMs: windowMs - ageMs };
}

/**
 * Carries out {@link planFailure}. Never rejects.
 */
export async function settleFailure(error: unknown, context: FailureContext): Promise<SettledFailure> {
  const action = planFailure(error, context);
  if (action.kind === 'dead-letter') {
    try {
      await context.queue.deadLetter({
        record: context.record,
        errorClass: action.errorClass,
        reason: action.reason,
        trackingId: context.trackingId ?? trackingIdOf(error),
        eventId: context.eventId,
        failedAt: new Date(context.now()),
      });
      return { outcome: 'dead-lettered', reportAsFailed: false, errorClass: action.errorClass, reason: action.reason };
    } catch (sendError) {
      return {
        outcome: 'deferred',
        reportAsFailed: true,
        errorClass: action.errorClass,
        reason: `${action.reason}; DLQ send failed: ${describeError(sendError, 120)}`,
        deadLetterFailed: true,
      };
    }
  }
  try {
    await context.queue.defer(context.record, action.seconds);
  } catch (deferError) {
    // The record still reappears after the queue's own visibility timeout (reported failed either way), but not when
    // we said: loud (error log line, `DeferFailed` metric), never silent.
    return {
      outcome: 'deferred',
      reportAsFailed: true,
      errorClass: action.errorClass,
      reason: `${action.reason}; ChangeMessageVisibility refused: ${describeError(deferError, 120)}`,
      deferSeconds: action.seconds,
      deferFailed: true,
    };
  }
  return {
    outcome: 'deferred',
    reportAsFailed: true,
    errorClass: action.errorClass,
    reason: action.reason,
    deferSeconds: action.seconds,
  };
}

/** The Webex tracking id of the failure itself (or of the Webex error that caused it). */
function trackingIdOf(error: unknown): string | undefined {
  if (error instanceof WebexError) return error.trackingId;
  if (error instanceof Error && error.cause instanceof WebexError) return error.cause.trackingId;
  return undefined;
}
