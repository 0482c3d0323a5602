/**
 * Holds the Webex token for the Webex client: set from the (cached) secret at the start of every invocation, and
 * re-read once from Secrets Manager, bypassing the cache, when Webex answers 401 (the token may have been rotated).
 * A closure, not a property of the Lambda context or any other object that may be logged.
 */

/** Reads the secret directly from Secrets Manager (no cache). */
export type FreshTokenReader = () => Promise<string>;

export interface TokenHolder {
  /** The token the client sends. Throws if no token was ever set (a wiring bug, not a Webex error). */
  current(): string;
  /** Sets the token read from the cached secret for this invocation. */
  set(token: string): void;
  /**
   * Re-reads the secret, bypassing caches, at most once per `minIntervalMs` (concurrent callers share one read).
   * Returns true when a different token was found.
   */
  refresh(): Promise<boolean>;
}

/**
 * @example
 * const holder = createTokenHolder(() => readSecretFresh());
 * const client = createWebexClient({ getToken: async () => holder.current() });
 */
export function createTokenHolder(
  readFresh: FreshTokenReader,
  options: { now?: () => number; minIntervalMs?: number; onRefreshed?: () => void } = {},
): TokenHolder {
  const now = options.now ?? Date.now;
  const minIntervalMs = options.minIntervalMs ?? 10_000;
  let token: string | undefined;
  let inFlight: Promise<boolean> | undefined;
  let lastRefreshAt = Number.NEGATIVE_INFINITY;
  let lastRefreshChanged = false;

  return {
    current() {
      if (token === undefined) throw new Error('The Webex token has not been loaded');
      return token;
    },
    set(value) {
      token = value;
    },
    async refresh() {
      if (inFlight) return inFlight;
      // Many records of one batch hit the same 401: one re-read serves them all.
      if (now() - lastRefreshAt < minIntervalMs) return lastRefreshChanged;
      inFlight = (async () => {
        try {
          const fresh = await readFresh();
          const changed = fresh !== token;
          token = fresh;
          lastRefreshChanged = changed;
          options.onRefreshed?.();
          return changed;
        } finally {
          lastRefreshAt = now();
          inFlight = undefined;
        }
      })();
      return inFlight;
    },
  };
}
