/**
 * How long a deferred record stays invisible in the queue before Lambda sees it again.
 *
 * The server's `Retry-After` wins when present, up to the policy's cap (`DEFER_CAP_SECONDS`: a 429 asking for a day
 * must not hide a record for a day). Otherwise exponential backoff on `ApproximateReceiveCount` with equal
 * jitter (half fixed, half random, so a storm of failures spreads out but never retries at once), capped.
 * AWS: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html (backoff with
 * ChangeMessageVisibility). SQS caps a visibility timeout at 12 hours.
 */

export interface BackoffPolicy {
  /** Delay for the first receive, before jitter. @default 10 */
  readonly baseSeconds: number;
  /** Upper bound of any computed delay. @default 900 (15 minutes) */
  readonly capSeconds: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseSeconds: 10, capSeconds: 900 };

/**
 * SQS's maximum visibility timeout: 12 h, counted from when the message was received ("If you try to extend the
 * visibility timeout beyond the maximum, your request is rejected", ChangeMessageVisibility:
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html).
 */
export const MAX_VISIBILITY_SECONDS = 43_200;

/**
 * The longest deferral the function ever asks for. The record was received before the invocation started: at most
 * Lambda's longest batching window (300 s) and longest timeout (900 s) ago, so this stays within the 12 h from the
 * receive that SQS accepts.
 */
export const MAX_DEFER_SECONDS = MAX_VISIBILITY_SECONDS - 300 - 900;

/**
 * @param receiveCount `ApproximateReceiveCount` of the record (1 on first delivery).
 * @param retryAfterSeconds the server's `Retry-After`, if any.
 * @param random a number in [0, 1).
 *
 * @example
 * visibilityDelaySeconds({ receiveCount: 1, random: 0.5 }); // 8 (10 * 2^0, jittered into [5, 10])
 * visibilityDelaySeconds({ receiveCount: 4, retryAfterSeconds: 30, random: 0.5 }); // 30
 */
export function visibilityDelaySeconds(input: {
  receiveCount: number;
  retryAfterSeconds?: number | undefined;
  random: number;
  policy?: BackoffPolicy;
}): number {
  const policy = input.policy ?? DEFAULT_BACKOFF;
  if (input.retryAfterSeconds !== undefined && Number.isFinite(input.retryAfterSeconds)) {
    return clamp(Math.ceil(input.retryAfterSeconds), 1, Math.min(policy.capSeconds, MAX_DEFER_SECONDS));
  }
  const attempt = Math.max(1, Math.floor(input.receiveCount));
  const exponential = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** (attempt - 1));
  const jittered = exponential / 2 + (exponential / 2) * clamp(input.random, 0, 1);
  return clamp(Math.round(jittered), 1, Math.min(policy.capSeconds, MAX_DEFER_SECONDS));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
