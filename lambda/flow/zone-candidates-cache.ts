/**
 * Available ECBN numbers matching a zone's callback member, cached per location + member for the life of the container
 * with a short TTL. Every person of a floor shares the same candidates, so a batch of new hires on one floor costs one
 * `availableNumbers` call, not one each. The TTL bounds how long a number that became INACTIVE can look usable; a 400 on
 * PUT also evicts the entry.
 */
import type { AvailableNumber } from '../webex/models.js';

export interface ZoneCandidatesCache {
  get(key: string): AvailableNumber[] | undefined;
  set(key: string, candidates: AvailableNumber[]): void;
  evict(key: string): void;
}

/** @default 60 s: short enough that a deactivated number is noticed quickly, long enough to serve a burst. */
export const DEFAULT_ZONE_CACHE_TTL_MS = 60_000;

/**
 * @example
 * const cache = createZoneCandidatesCache(() => Date.now());
 * cache.set(key, numbers);
 */
export function createZoneCandidatesCache(
  now: () => number,
  ttlMs = DEFAULT_ZONE_CACHE_TTL_MS,
  maxEntries = 1_000,
): ZoneCandidatesCache {
  const entries = new Map<string, { candidates: AvailableNumber[]; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.candidates;
    },
    set(key, candidates) {
      if (entries.size >= maxEntries) {
        // Maps iterate in insertion order: drop the oldest entry.
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, { candidates, expiresAt: now() + ttlMs });
    },
    evict(key) {
      entries.delete(key);
    },
  };
}
