/**
 * Zone candidates for the audit: a zone's available numbers are read once per zone (location + member) and shared
 * by everyone the zone applies to, so a floor of 500 people costs one `availableNumbers` call, not 500. Unlike the
 * function's per-record cache (`lambda/flow/zone-candidates-cache.ts`), the audit reads many people of one zone at
 * the same time: the first read's promise is shared, so concurrent people of a new zone do not each start a read.
 * Held for the whole audit (a zone member deactivated mid-audit is seen by the next audit).
 */
import type { ApplicableZone } from '../rules/zone-match.js';
import { sameWebexId, webexIdKey } from '../webex/ids.js';
import type { AvailableNumber } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';

export interface AuditZoneCandidates {
  /** The zone's candidate numbers as read through `personId` (any person of the zone's location). */
  candidatesFor(zone: ApplicableZone, personId: string, call: WebexCallOptions): Promise<AvailableNumber[]>;
}

/**
 * @example
 * const zones = createAuditZoneCandidates(webex);
 * const numbers = await zones.candidatesFor(zone, personId, { orgId });
 */
export function createAuditZoneCandidates(webex: WebexClient): AuditZoneCandidates {
  const reads = new Map<string, Promise<AvailableNumber[]>>();
  return {
    candidatesFor(zone, personId, call) {
      const member = zone.callbackMember;
      const key = `${webexIdKey(zone.locationId)}|${'id' in member ? webexIdKey(member.id) : member.phoneNumber}`;
      let read = reads.get(key);
      if (read === undefined) {
        const filter = 'phoneNumber' in member ? { phoneNumber: [member.phoneNumber] } : {};
        read = webex
          .listPersonEcbnAvailableNumbers(personId, filter, call)
          .then((numbers) =>
            'id' in member
              ? numbers.filter((n) => n.owner !== undefined && sameWebexId(n.owner.id, member.id))
              : numbers,
          );
        // A failed read is not remembered: the next person of the zone tries again.
        read.catch(() => reads.delete(key));
        reads.set(key, read);
      }
      return read;
    },
  };
}
