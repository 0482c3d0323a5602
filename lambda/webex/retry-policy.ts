/**
 * When the Webex client sends a request again, and after how long: plain data plus one pure decision function
 * ({@link decideRetry}), kept apart from the HTTP code as ky keeps `retry-timing.ts` apart from its client.
 *
 * - Only errors {@link isTransient} calls transient (429, 423, 5xx/408, network, timeout); never 400/401/403/404 and
 *   never an unknown error.
 * - Only idempotent methods we use: GET and PUT (a PUT of the same ECBN setting twice is harmless).
 * - `Retry-After` (Webex: "specifies how many seconds you need to wait", 429 and 423) is honoured without jitter, when
 *   it is at most `maxDelayMs` and the wait ends before the caller's deadline. Otherwise there is no retry: the typed
 *   error, which carries `retryAfterSeconds`, goes back to the caller, which defers the message through the queue
 *   instead of sleeping away the Lambda's time.
 * - Without `Retry-After`: exponential backoff with full jitter, `random() * min(maxDelayMs, baseDelayMs * 2^(n-1))`
 *   (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/), again only if it ends before the
 *   deadline.
 */
import { WebexRateLimitedError, isTransient, retryAfterSecondsOf } from '../errors.js';

/** How long to wait after a 429 that has no `Retry-After` (wxc_sdk's default). */
export const RATE_LIMITED_DEFAULT_WAIT_SECONDS = 5;
import type { RetryPolicy } from './types.js';

/** {@link RetryPolicy} with every default filled in. */
export type ResolvedRetryPolicy = Required<RetryPolicy>;

/** The documented defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: ResolvedRetryPolicy = Object.freeze({
  limit: 2,
  baseDelayMs: 300,
  maxDelayMs: 5_000,
});

/** Methods that may be retried: the idempotent ones the client uses. POST and PATCH never are. */
export const RETRYABLE_METHODS: readonly string[] = Object.freeze(['GET', 'PUT']);

/** Why a failed attempt is not retried. */
export const NoRetryReason = {
  /** The method is not idempotent (e.g. POST). */
  METHOD_NOT_IDEMPOTENT: 'method-not-idempotent',
  /** The error is permanent or configuration (400, 401, 403, 404, schema, unknown). */
  NOT_TRANSIENT: 'not-transient',
  /** `limit` retries were already made. */
  LIMIT_REACHED: 'limit-reached',
  /** The server asked for a longer wait than `maxDelayMs`. */
  RETRY_AFTER_TOO_LONG: 'retry-after-too-long',
  /** The wait would end at or after the caller's deadline. */
  DEADLINE: 'deadline',
} as const;
export type NoRetryReason = (typeof NoRetryReason)[keyof typeof NoRetryReason];

/** The outcome of {@link decideRetry}. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly basis: 'retry-after' | 'backoff' }
  | { readonly retry: false; readonly reason: NoRetryReason };

/** What {@link decideRetry} looks at. */
export interface RetryContext {
  readonly method: string;
  readonly error: unknown;
  /** Attempts made so far (1 after the first attempt failed). */
  readonly attempt: number;
  /** Current time, epoch ms (the client's `now()`). */
  readonly now: number;
  /** Absolute epoch ms no attempt may start at or after; `Infinity` when the caller gave none. */
  readonly deadline: number;
}

/**
 * Fills in defaults and rejects nonsense (negative, fractional limit, non-finite) with a `TypeError` at creation.
 *
 * @example
 * resolveRetryPolicy({ limit: 0 }); // { limit: 0, baseDelayMs: 300, maxDelayMs: 5000 }
 */
export function resolveRetryPolicy(policy: RetryPolicy = {}): ResolvedRetryPolicy {
  const resolved = { ...DEFAULT_RETRY_POLICY, ...definedOnly(policy) };
  if (!Number.isInteger(resolved.limit) || resolved.limit < 0) {
    throw new TypeError(`retry.limit must be a non-negative integer, got ${resolved.limit}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs'] as const) {
    if (!Number.isFinite(resolved[key]) || resolved[key] < 0) {
      throw new TypeError(`retry.${key} must be a non-negative number of milliseconds, got ${resolved[key]}`);
    }
  }
  return Object.freeze(resolved);
}

function definedOnly(policy: RetryPolicy): RetryPolicy {
  return Object.fromEntries(Object.entries(policy).filter(([, value]) => value !== undefined)) as RetryPolicy;
}

/**
 * True for the methods the client may send twice.
 *
 * @example
 * isRetryableMethod('put'); // true
 * isRetryableMethod('POST'); // false
 */
export function isRetryableMethod(method: string): boolean {
  return RETRYABLE_METHODS.includes(method.toUpperCase());
}

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns whole seconds to wait
 * (a date in the past gives 0), or `undefined` when absent or unreadable.
 *
 * @example
 * parseRetryAfter('7', Date.now()); // 7
 * parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')); // 10
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  // Only a date-like text is parsed as a date: `Date.parse('-1')` and friends would otherwise be accepted.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

/**
 * The full-jitter backoff before retry number `retry` (1 for the first retry): uniformly random in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1)))`.
 *
 * @example
 * backoffDelayMs(3, DEFAULT_RETRY_POLICY, () => 0.5); // 600 (half of 1200)
 */
export function backoffDelayMs(retry: number, policy: ResolvedRetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  // Clamp: an injected random() outside [0, 1) must not stretch the wait past the ceiling.
  const fraction = Math.min(Math.max(random(), 0), 1);
  return Math.floor(fraction * ceiling);
}

/**
 * The one decision whether a failed attempt is tried again, and after how long.
 *
 * @example
 * decideRetry(
 *   { method: 'GET', error: new WebexRateLimitedError(req, 2), attempt: 1, now: 0, deadline: 10_000 },
 *   DEFAULT_RETRY_POLICY,
 *   Math.random,
 * ); // { retry: true, delayMs: 2000, basis: 'retry-after' }
 */
export function decideRetry(context: RetryContext, policy: ResolvedRetryPolicy, random: () => number): RetryDecision {
  if (!isRetryableMethod(context.method)) return { retry: false, reason: NoRetryReason.METHOD_NOT_IDEMPOTENT };
  // Only known transient errors: unknown ones (bugs) are not retried blindly.
  if (!isTransient(context.error)) return { retry: false, reason: NoRetryReason.NOT_TRANSIENT };
  if (context.attempt > policy.limit) return { retry: false, reason: NoRetryReason.LIMIT_REACHED };

  // A 429 "should" carry Retry-After; without one, wait as long as wxc_sdk does (5 s) rather than a short backoff.
  const retryAfterSeconds =
    retryAfterSecondsOf(context.error) ??
    (context.error instanceof WebexRateLimitedError ? RATE_LIMITED_DEFAULT_WAIT_SECONDS : undefined);
  let decision: { delayMs: number; basis: 'retry-after' | 'backoff' };
  if (retryAfterSeconds !== undefined) {
    // The server said how long: no jitter, and no shortening either (sending earlier would only earn another 429).
    const delayMs = retryAfterSeconds * 1000;
    if (delayMs > policy.maxDelayMs) return { retry: false, reason: NoRetryReason.RETRY_AFTER_TOO_LONG };
    decision = { delayMs, basis: 'retry-after' };
  } else {
    decision = { delayMs: backoffDelayMs(context.attempt, policy, random), basis: 'backoff' };
  }
  if (context.now + decision.delayMs >= context.deadline) return { retry: false, reason: NoRetryReason.DEADLINE };
  return { retry: true, ...decision };
}
