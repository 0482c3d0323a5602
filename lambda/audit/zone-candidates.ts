/**
 * Zone candidates for the audit: a zone's available numbers are read once per zone (location + member, the
 * function's own `zoneCacheKey` and `zoneCandidatesFor`) and shared by everyone the zone applies to, so a floor of
 * 500 people costs one `availableNumbers` call, not 500. Unlike the function's per-container cache, the audit reads
 * many people of one zone at the same time: the first read's promise is shared, so concurrent people of a new zone do
 * not each start a read. Held for the whole audit (a zone member deactivated mid-audit is seen by the next audit).
 */
import { zoneCacheKey, zoneCandidatesFor } from '../flow/zone-candidates.js';
import type { ZoneCandidatesCache } from '../flow/zone-candidates-cache.js';
import type { ApplicableZone } from '../rules/zone-match.js';
import type { AvailableNumber } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';

export interface AuditZoneCandidates {
  /** The zone's candidate numbers as read through `personId` (any person of the zone's location). */
  candidatesFor(zone: ApplicableZone, personId: string, call: WebexCallOptions): Promise<AvailableNumber[]>;
}

/** The audit keeps its own promises: the function's container cache is bypassed. */
const NO_CONTAINER_CACHE: ZoneCandidatesCache = {
  get: () => undefined,
  set: () => undefined,
  evict: () => undefined,
};

/**
 * @example
 * const zones = createAuditZoneCandidates(webex);
 * const numbers = await zones.candidatesFor(zone, personId, { orgId });
 */
export function createAuditZoneCandidates(webex: WebexClient): AuditZoneCandidates {
  const reads = new Map<string, Promise<AvailableNumber[]>>();
  return {
    candidatesFor(zone, personId, call) {
      const key = zoneCacheKey(zone);
      let read = reads.get(key);
      if (read === undefined) {
        read = zoneCandidatesFor(zone, personId, { webex, zoneCache: NO_CONTAINER_CACHE }, call).then(
          (candidates) => candidates.numbers,
        );
        // A failed read is not remembered: the next person of the zone tries again.
        read.catch(() => reads.delete(key));
        reads.set(key, read);
      }
      return read;
    },
  };
}
