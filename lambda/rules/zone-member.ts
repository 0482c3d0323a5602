/**
 * PURE: what an ECBN available-numbers list says about a zone's callback member. One reading for the function
 * (`decideEcbn`, with the person's list) and for `rules:check --org` (with the location's list), so both accept the
 * same members: the member given by id matches a number's `owner.id` (compared as Webex ids), given by number matches
 * the number in E.164; it is usable only with an ACTIVE number that has an owner (PersonECBNAvailableNumberObject).
 */
import { sameWebexId } from '../webex/ids.js';
import type { AvailableNumber } from '../webex/models.js';
import { samePhoneNumber } from './phone-number.js';
import type { CallbackMember } from './schema.js';

/** Owners whose ACTIVE numbers Webex rates RECOMMENDED (`ECBNQualityType`: "a User or Workspace"). */
export const RECOMMENDED_OWNER_TYPES: readonly string[] = ['PEOPLE', 'PLACE'];

export type CallbackMemberAssessment =
  /** No number of the list is the member's. */
  | { readonly kind: 'not-available' }
  /** Its numbers are listed without an owner (nobody to call back). */
  | { readonly kind: 'unowned' }
  /** Listed, but no number is ACTIVE. */
  | { readonly kind: 'inactive' }
  | {
      readonly kind: 'usable';
      /** The owner as Webex writes it: its `id` is what `locationMemberId` takes. */
      readonly owner: { readonly id: string; readonly type: string };
      readonly quality: 'RECOMMENDED' | 'NOT_RECOMMENDED';
    };

/**
 * @example
 * assessCallbackMember({ phoneNumber: '+14085550111' }, numbers);
 * // { kind: 'usable', owner: { id: 'Y2lz…', type: 'PLACE' }, quality: 'RECOMMENDED' }
 */
export function assessCallbackMember(
  member: CallbackMember,
  candidates: readonly AvailableNumber[],
): CallbackMemberAssessment {
  const matches = candidates.filter((candidate) =>
    'id' in member
      ? sameWebexId(candidate.owner?.id, member.id)
      : samePhoneNumber(candidate.phoneNumber, member.phoneNumber),
  );
  if (matches.length === 0) return { kind: 'not-available' };
  const active = matches.filter((candidate) => candidate.state === 'ACTIVE' && candidate.owner !== undefined);
  // A member with several numbers: prefer the one Webex would rate RECOMMENDED.
  const best = active.find((candidate) => RECOMMENDED_OWNER_TYPES.includes(candidate.owner?.type ?? '')) ?? active[0];
  if (best?.owner === undefined) {
    return matches.every((candidate) => candidate.owner === undefined) ? { kind: 'unowned' } : { kind: 'inactive' };
  }
  return {
    kind: 'usable',
    owner: { id: best.owner.id, type: best.owner.type },
    quality: RECOMMENDED_OWNER_TYPES.includes(best.owner.type) ? 'RECOMMENDED' : 'NOT_RECOMMENDED',
  };
}
