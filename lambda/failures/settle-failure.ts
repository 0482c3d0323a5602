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
  PersonNotReadyError,
  classifyError,
  describeError,
  retryAfterSecondsOf,
  type ErrorClass as ErrorClassType,
} from '../errors.js';
import { visibilityDelaySeconds, type BackoffPolicy } from './backoff.js';
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
  if (receiveCount >= context.settings.maxReceiveCount) {
    return {
      kind: 'dead-letter',
      errorClass,
      reason: `gave up on receive ${receiveCount} of ${context.settings.maxReceiveCount}: ${reason}`,
    };
  }

  let seconds = visibilityDelaySeconds({
    receiveCount,
    retryAfterSeconds: retryAfterSecondsOf(error),
    random: context.random(),
    ...(context.settings.backoff === undefined ? {} : { policy: context.settings.backoff }),
  });

  if (error instanceof PersonNotReadyError) {
    const windowMs = context.settings.personNotReadyRetryMinutes * 60_000;
    const ageMs = context.occurredAtMs === undefined ? 0 : context.now() - context.occurredAtMs;
    if (ageMs >= windowMs) {
      return {
        kind: 'dead-letter',
        errorClass: ErrorClass.PERMANENT,
        reason: `person not ready after ${context.settings.personNotReadyRetryMinutes} minutes: ${reason}`,
      };
    }
    // Look again no later than the end of the window, so the final verdict is not late by a whole backoff step.
    seconds = Math.max(1, Math.min(seconds, Math.ceil((windowMs - ageMs) / 1000)));
  }
  return { kind: 'defer', errorClass, reason, seconds };
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
      };
    }
  }
  try {
    await context.queue.defer(context.record, action.seconds);
  } catch {
    // The record still reappears after the queue's own visibility timeout: reported failed either way.
  }
  return {
    outcome: 'deferred',
    reportAsFailed: true,
    errorClass: action.errorClass,
    reason: action.reason,
    deferSeconds: action.seconds,
  };
}

function trackingIdOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'trackingId' in error) {
    const value = (error as { trackingId: unknown }).trackingId;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}
