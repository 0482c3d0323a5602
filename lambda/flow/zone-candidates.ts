/**
 * The person's available ECBN numbers that match a zone's callback member (the `availableNumbers` read), shared per
 * location + member through the container's {@link ZoneCandidatesCache}.
 */
import { callbackMemberKey, type ApplicableZone } from '../rules/zone-match.js';
import { sameWebexId, webexIdKey } from '../webex/ids.js';
import type { AvailableNumber } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';
import type { ZoneCandidatesCache } from './zone-candidates-cache.js';

/** The cache key of a zone's candidates: its location and member. */
export function zoneCacheKey(zone: ApplicableZone): string {
  return `${webexIdKey(zone.locationId)}|${callbackMemberKey(zone.callbackMember)}`;
}

/** A zone's candidate numbers, and whether they came from the container's cache (read by an earlier record). */
export interface ZoneCandidates {
  readonly numbers: AvailableNumber[];
  readonly fromCache: boolean;
}

/**
 * @example
 * const { numbers, fromCache } = await zoneCandidatesFor(zone, personId, { webex, zoneCache }, options);
 */
export async function zoneCandidatesFor(
  zone: ApplicableZone,
  personId: string,
  deps: { readonly webex: WebexClient; readonly zoneCache: ZoneCandidatesCache },
  options: WebexCallOptions,
  /** `fresh`: skip the cache (the read still refreshes it). */
  read: { readonly fresh?: boolean } = {},
): Promise<ZoneCandidates> {
  const cacheKey = zoneCacheKey(zone);
  const cached = read.fresh === true ? undefined : deps.zoneCache.get(cacheKey);
  if (cached) return { numbers: cached, fromCache: true };
  const member = zone.callbackMember;
  const filter = 'phoneNumber' in member ? { phoneNumber: [member.phoneNumber] } : {};
  const numbers = await deps.webex.listPersonEcbnAvailableNumbers(personId, filter, options);
  const candidates =
    'id' in member ? numbers.filter((n) => n.owner !== undefined && sameWebexId(n.owner.id, member.id)) : numbers;
  deps.zoneCache.set(cacheKey, candidates);
  return { numbers: candidates, fromCache: false };
}
