/**
 * The read-back after a `LOCATION_MEMBER_NUMBER` PUT. Webex accepts a member whose number is INACTIVE (it lists
 * inactive numbers among the available ones) and then rates it `INVALID` ("An inactive or non-existent number",
 * `ECBNQualityType`): a candidate read a minute ago (zone cache) may have gone inactive since. Only the GET says what
 * the person really has, so it is asked once more when the candidates came from the cache (a list read by this record
 * is as fresh as the read-back would be). The member id may come back in another encoding of the same id
 * (seen on the live API): compared with `sameWebexId`.
 * https://developer.webex.com/docs/api/v1/emergency-services-settings/get-a-person's-emergency-callback-number
 */
import { MemberNotAppliedError } from '../errors.js';
import { sameWebexId } from '../webex/ids.js';
import type { PersonEcbn } from '../webex/models.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';

/**
 * A read-back that itself fails (a 429, a timeout) does not undo the accepted PUT: `onUnverified` is told (the caller
 * drops the cached candidates, so the next record lists afresh, and logs a warning) and the update stands.
 *
 * @throws MemberNotAppliedError when Webex reads back another member, or the member with quality `INVALID`.
 * @example
 * await confirmMemberApplied(webex, personId, memberId, options, (error) => cache.evict(key));
 */
export async function confirmMemberApplied(
  webex: WebexClient,
  personId: string,
  memberId: string,
  options: WebexCallOptions,
  onUnverified: (error: unknown) => void,
): Promise<void> {
  let after: PersonEcbn;
  try {
    after = await webex.getPersonEcbn(personId, options);
  } catch (error) {
    onUnverified(error);
    return;
  }
  const info = after.locationMemberInfo;
  if (after.selected !== 'LOCATION_MEMBER_NUMBER' || !sameWebexId(info?.memberId, memberId)) {
    throw new MemberNotAppliedError('Webex reads back another ECBN than the zone member just put');
  }
  if (info?.quality === 'INVALID') {
    throw new MemberNotAppliedError('Webex reads the zone member back with quality INVALID (inactive number)');
  }
}
