/**
 * A gate shared by the whole container: one 429 closes it until the server's `Retry-After` has passed, so records not
 * yet started wait or are deferred instead of being sent into the limit (Webex: "A Retry-After header should be
 * present that specifies how many seconds you need to wait", https://developer.webex.com/docs/basics#rate-limiting).
 */
import { DEFAULT_BACKOFF } from '../failures/backoff.js';

export interface RateGate {
  /** Epoch ms when the gate opens again; `0` when open. */
  openAt(): number;
  /** Closes the gate for `seconds` (extends, never shortens, an existing closure). */
  closeFor(seconds: number): void;
}

/**
 * @param maxSeconds the longest one closure may last (`DEFER_CAP_SECONDS`): a `Retry-After: 86400` must not stop the
 *   container for its whole life. @default DEFAULT_BACKOFF.capSeconds
 * @example
 * const gate = createRateGate(() => Date.now(), 900);
 * gate.closeFor(3);
 * gate.openAt() > Date.now(); // true
 */
export function createRateGate(now: () => number, maxSeconds = DEFAULT_BACKOFF.capSeconds): RateGate {
  let until = 0;
  return {
    openAt() {
      return until > now() ? until : 0;
    },
    closeFor(seconds) {
      until = Math.max(until, now() + Math.min(maxSeconds, Math.max(0, seconds)) * 1000);
    },
  };
}
