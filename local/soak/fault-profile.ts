/**
 * The transient faults the soak injects into the Webex simulator, as data.
 *
 * - Per request, drawn by the simulator's seeded `random`: 500/502/503/504, 423 (with `Retry-After`), connection
 *   resets and answers that never come (bounded by the client's `WEBEX_TIMEOUT_MS`). A share of the faulted PUTs are
 *   applied before the fault is answered (a gateway timing out after the backend committed), so retries repeat an
 *   update that already happened.
 * - 429: the simulator has no random 429; real 429s come from a rate limit. So short rate-limit "storms": every
 *   `stormEveryMs` the simulator allows only `stormRequestsPerSecond` for `stormMs` (each 429 carries `Retry-After`).
 */
import type { FaultKind, FaultOptions, RateLimitOptions } from '../webex-simulator/index.js';

export interface FaultProfile {
  readonly faults: FaultOptions;
  readonly storm: { readonly everyMs: number; readonly durationMs: number; readonly rateLimit: RateLimitOptions };
}

/** Relative weights of the per-request faults. */
const WEIGHTS: Readonly<Record<FaultKind, number>> = {
  status500: 2,
  status502: 2,
  status503: 3,
  status504: 1.5,
  locked423: 1.5,
  reset: 2,
  hang: 0.5,
};

/**
 * @param requestFaultRate probability that a request gets one of the per-request faults (0–1).
 * @param stormShare share of the time the 429 storm is on (0–1).
 *
 * @example
 * soakFaultProfile(0.08, 0.025); // 8 % of requests faulted, 429 storms 2.5 % of the time
 */
export function soakFaultProfile(requestFaultRate: number, stormShare: number): FaultProfile {
  if (!(requestFaultRate >= 0 && requestFaultRate <= 1)) throw new RangeError('requestFaultRate must be within 0..1');
  if (!(stormShare >= 0 && stormShare < 1)) throw new RangeError('stormShare must be within 0..1 (exclusive)');
  const total = Object.values(WEIGHTS).reduce((sum, weight) => sum + weight, 0);
  const probabilities = Object.fromEntries(
    Object.entries(WEIGHTS).map(([kind, weight]) => [kind, (requestFaultRate * weight) / total]),
  ) as Record<FaultKind, number>;
  const everyMs = 4_000;
  return {
    faults: { probabilities, retryAfterSeconds: 1, appliedBeforeFaultProbability: 0.3 },
    storm: {
      everyMs,
      durationMs: Math.round(everyMs * stormShare),
      rateLimit: { requestsPerSecond: 2, burst: 1 },
    },
  };
}
