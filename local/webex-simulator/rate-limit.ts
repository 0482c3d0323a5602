/**
 * A token bucket: `burst` requests at once, refilled at `requestsPerSecond`. Webex documents no numbers for its
 * limits, only that a 429 carries `Retry-After` (seconds) — so both are knobs. The clock is injected.
 */

export interface RateLimitOptions {
  /** Sustained rate; > 0. */
  readonly requestsPerSecond: number;
  /** Bucket size (requests allowed at once); ≥ 1. */
  readonly burst: number;
}

export type RateLimitDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export function validateRateLimit(options: RateLimitOptions): RateLimitOptions {
  if (!(options.requestsPerSecond > 0) || !Number.isFinite(options.requestsPerSecond)) {
    throw new RangeError(`rateLimit.requestsPerSecond must be > 0, got ${options.requestsPerSecond}`);
  }
  if (!(options.burst >= 1) || !Number.isFinite(options.burst)) {
    throw new RangeError(`rateLimit.burst must be >= 1, got ${options.burst}`);
  }
  return options;
}

export class TokenBucket {
  #options: RateLimitOptions;
  #tokens: number;
  #last: number;
  readonly #now: () => number;

  /**
   * @example
   * const bucket = new TokenBucket({ requestsPerSecond: 5, burst: 2 }, () => clock);
   * bucket.take(); // { allowed: true }
   */
  constructor(options: RateLimitOptions, now: () => number) {
    this.#options = validateRateLimit(options);
    this.#now = now;
    this.#tokens = options.burst;
    this.#last = now();
  }

  /** Takes one token, or says how many whole seconds (≥ 1) until one is available. */
  take(): RateLimitDecision {
    this.#refill();
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { allowed: true };
    }
    const seconds = (1 - this.#tokens) / this.#options.requestsPerSecond;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) };
  }

  /** New limits keep the current fill level (capped at the new burst). */
  reconfigure(options: RateLimitOptions): void {
    this.#refill();
    this.#options = validateRateLimit(options);
    this.#tokens = Math.min(this.#tokens, options.burst);
  }

  #refill(): void {
    const now = this.#now();
    const elapsedSeconds = Math.max(0, now - this.#last) / 1000;
    this.#last = now;
    this.#tokens = Math.min(this.#options.burst, this.#tokens + elapsedSeconds * this.#options.requestsPerSecond);
  }
}
