/**
 * Paces requests to a steady rate so an org-wide audit stays inside the Webex rate budget it is given instead of
 * running into 429s (Webex publishes no numbers, only `Retry-After`:
 * https://developer.webex.com/docs/basics#rate-limiting). Each `take()` resolves at the next free slot: slots are
 * `1 / ratePerSecond` apart. Slots missed while the caller was busy (a GC pause, a slow answer) may be caught up, at
 * most `burst` of them: the pace holds on average without ever exceeding a bucket of that size. Clock and sleep are
 * injected.
 */

import type { HttpTransport } from '../webex/types.js';

export interface Pacer {
  /** Resolves when this request may be sent. */
  take(): Promise<void>;
}

/**
 * @example
 * const pacer = createPacer(50, Date.now, (ms) => new Promise((r) => setTimeout(r, ms)));
 * await pacer.take(); // then send
 */
export function createPacer(
  ratePerSecond: number,
  now: () => number,
  sleep: (ms: number) => Promise<void>,
  burst = 1,
): Pacer {
  if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
    throw new RangeError(`ratePerSecond must be a positive number, got ${ratePerSecond}`);
  }
  if (!(burst >= 1) || !Number.isFinite(burst)) throw new RangeError(`burst must be >= 1, got ${burst}`);
  const interval = 1000 / ratePerSecond;
  let nextSlot = 0;
  return {
    async take() {
      const time = now();
      // Missed slots older than `burst` intervals are gone; newer ones are used now.
      const slot = Math.max(time - (burst - 1) * interval, nextSlot);
      nextSlot = slot + interval;
      if (slot > time) await sleep(slot - time);
    },
  };
}

/**
 * A transport that takes a pacer slot before every attempt (retries included), so the rate holds whatever the
 * client does.
 *
 * @example
 * const webex = createWebexClient({ getToken, transport: pacedTransport(createNodeTransport(), pacer) });
 */
export function pacedTransport(transport: HttpTransport, pacer: Pacer): HttpTransport {
  return async (url, init) => {
    await pacer.take();
    return transport(url, init);
  };
}
