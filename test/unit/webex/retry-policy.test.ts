import { describe, expect, it } from 'vitest';
import {
  WebexAuthenticationError,
  WebexBadRequestError,
  WebexForbiddenError,
  WebexLockedError,
  WebexNetworkError,
  WebexNotFoundError,
  WebexRateLimitedError,
  WebexResponseError,
  WebexServerError,
  WebexTimeoutError,
  type WebexRequestInfo,
} from '../../../lambda/errors.js';
import {
  DEFAULT_RETRY_POLICY,
  NoRetryReason,
  backoffDelayMs,
  decideRetry,
  isRetryableMethod,
  parseRetryAfter,
  resolveRetryPolicy,
  type RetryContext,
} from '../../../lambda/webex/retry-policy.js';

const request: WebexRequestInfo = { method: 'GET', path: '/people/x', trackingId: 'ECBNP_test_1' };
const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

function context(overrides: Partial<RetryContext>): RetryContext {
  return {
    method: 'GET',
    error: new WebexServerError(503, request),
    attempt: 1,
    now: NOW,
    deadline: Infinity,
    ...overrides,
  };
}

describe('parseRetryAfter', () => {
  it.each([
    ['delay-seconds', '7', 7],
    ['zero seconds', '0', 0],
    ['seconds with spaces', ' 12 ', 12],
    ['fractional seconds, rounded up', '1.2', 2],
    ['an HTTP-date 10 s ahead', new Date(NOW + 10_000).toUTCString(), 10],
    ['an HTTP-date in the past', new Date(NOW - 60_000).toUTCString(), 0],
    ['an absent header', null, undefined],
    ['an empty header', '', undefined],
    ['a negative number', '-1', undefined],
    ['garbage', 'soon', undefined],
  ])('reads %s', (_case, header, expected) => {
    // Act
    const seconds = parseRetryAfter(header, NOW);
    // Assess
    expect(seconds).toBe(expected);
  });
});

describe('backoffDelayMs', () => {
  it.each([
    [1, 0.5, 150],
    [2, 0.5, 300],
    [3, 0.5, 600],
    [1, 0, 0],
    [10, 0.5, 2_500], // capped at maxDelayMs 5000
    [3, 1.7, 1_200], // a random() above 1 is clamped: the ceiling is never exceeded
  ])('waits half-to-full jitter: retry %i with random %f → %i ms', (retry, random, expected) => {
    expect(backoffDelayMs(retry, DEFAULT_RETRY_POLICY, () => random)).toBe(expected);
  });

  it('stays within [0, ceiling) for any random value in [0, 1)', () => {
    // Prepare
    const randoms = [0, 0.1, 0.25, 0.5, 0.75, 0.999999];
    // Act
    const delays = [1, 2, 3, 4, 5, 6].flatMap((retry) =>
      randoms.map((r) => ({ retry, delay: backoffDelayMs(retry, DEFAULT_RETRY_POLICY, () => r) })),
    );
    // Assess
    for (const { retry, delay } of delays) {
      const ceiling = Math.min(5_000, 300 * 2 ** (retry - 1));
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
    }
  });
});

describe('isRetryableMethod', () => {
  it.each([
    ['GET', true],
    ['PUT', true],
    ['put', true],
    ['POST', false],
    ['PATCH', false],
    ['DELETE', false],
  ])('%s → %s', (method, expected) => {
    expect(isRetryableMethod(method)).toBe(expected);
  });
});

describe('decideRetry', () => {
  it.each([
    ['a 503 on GET', context({}), { retry: true, delayMs: 150, basis: 'backoff' }],
    ['a 503 on PUT', context({ method: 'PUT' }), { retry: true, delayMs: 150, basis: 'backoff' }],
    [
      'a network error, second retry',
      context({ error: new WebexNetworkError(request), attempt: 2 }),
      { retry: true, delayMs: 300, basis: 'backoff' },
    ],
    [
      'a timeout',
      context({ error: new WebexTimeoutError(request, 10_000) }),
      { retry: true, delayMs: 150, basis: 'backoff' },
    ],
    [
      'a 429 with Retry-After 2',
      context({ error: new WebexRateLimitedError(request, 2) }),
      { retry: true, delayMs: 2_000, basis: 'retry-after' },
    ],
    [
      'a 423 with Retry-After 1',
      context({ error: new WebexLockedError(request, 1) }),
      { retry: true, delayMs: 1_000, basis: 'retry-after' },
    ],
    [
      'a 429 without Retry-After, after the 5 s wxc_sdk waits then',
      context({ error: new WebexRateLimitedError(request, undefined) }),
      { retry: true, delayMs: 5_000, basis: 'retry-after' },
    ],
    [
      'a 503 with Retry-After 0',
      context({ error: new WebexServerError(503, request, 0) }),
      { retry: true, delayMs: 0, basis: 'retry-after' },
    ],
  ])('retries %s', (_case, ctx, expected) => {
    expect(decideRetry(ctx, DEFAULT_RETRY_POLICY, () => 0.5)).toEqual(expected);
  });

  it.each([
    ['a POST (not idempotent)', context({ method: 'POST' }), NoRetryReason.METHOD_NOT_IDEMPOTENT],
    ['a PATCH (not idempotent)', context({ method: 'PATCH' }), NoRetryReason.METHOD_NOT_IDEMPOTENT],
    ['a 400', context({ error: new WebexBadRequestError(400, request) }), NoRetryReason.NOT_TRANSIENT],
    ['a 401', context({ error: new WebexAuthenticationError(401, request) }), NoRetryReason.NOT_TRANSIENT],
    ['a 403', context({ error: new WebexForbiddenError(403, request) }), NoRetryReason.NOT_TRANSIENT],
    ['a 404', context({ error: new WebexNotFoundError(404, request) }), NoRetryReason.NOT_TRANSIENT],
    [
      'a body that fails the schema',
      context({ error: new WebexResponseError(request, 200, 'x') }),
      NoRetryReason.NOT_TRANSIENT,
    ],
    ['an unknown error (a bug)', context({ error: new RangeError('bug') }), NoRetryReason.NOT_TRANSIENT],
    ['the third failure with limit 2', context({ attempt: 3 }), NoRetryReason.LIMIT_REACHED],
    [
      'a Retry-After longer than maxDelayMs',
      context({ error: new WebexRateLimitedError(request, 6) }),
      NoRetryReason.RETRY_AFTER_TOO_LONG,
    ],
    [
      'a Retry-After that ends after the deadline',
      context({ error: new WebexRateLimitedError(request, 3), deadline: NOW + 2_999 }),
      NoRetryReason.DEADLINE,
    ],
    [
      'a Retry-After that ends exactly at the deadline',
      context({ error: new WebexLockedError(request, 3), deadline: NOW + 3_000 }),
      NoRetryReason.DEADLINE,
    ],
    ['a backoff that ends after the deadline', context({ deadline: NOW + 100 }), NoRetryReason.DEADLINE],
  ])('does not retry %s', (_case, ctx, reason) => {
    expect(decideRetry(ctx, DEFAULT_RETRY_POLICY, () => 0.5)).toEqual({ retry: false, reason });
  });

  it('never retries when the limit is 0', () => {
    // Prepare
    const policy = resolveRetryPolicy({ limit: 0 });
    // Act
    const decision = decideRetry(context({ error: new WebexRateLimitedError(request, 1) }), policy, () => 0.5);
    // Assess
    expect(decision).toEqual({ retry: false, reason: NoRetryReason.LIMIT_REACHED });
  });
});

describe('resolveRetryPolicy', () => {
  it('fills in the documented defaults', () => {
    expect(resolveRetryPolicy()).toEqual({ limit: 2, baseDelayMs: 300, maxDelayMs: 5_000 });
  });

  it('keeps given values and ignores undefined ones', () => {
    expect(resolveRetryPolicy({ limit: 4, maxDelayMs: undefined })).toEqual({
      limit: 4,
      baseDelayMs: 300,
      maxDelayMs: 5_000,
    });
  });

  it.each([
    ['a negative limit', { limit: -1 }, /retry.limit/],
    ['a fractional limit', { limit: 1.5 }, /retry.limit/],
    ['a negative base delay', { baseDelayMs: -5 }, /retry.baseDelayMs/],
    ['an infinite max delay', { maxDelayMs: Infinity }, /retry.maxDelayMs/],
  ])('rejects %s', (_case, policy, message) => {
    expect(() => resolveRetryPolicy(policy)).toThrow(message);
  });
});
