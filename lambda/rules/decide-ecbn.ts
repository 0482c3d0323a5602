/**
 * The decision: which emergency callback number (ECBN) source a person must have. Pure: no I/O, no clock.
 *
 * Precedence (issue 3 §3):
 * 1. A zone that applies (see `findApplicableZone`: building+floor beats building-only, `appliesTo` must fit) →
 *    `LOCATION_MEMBER_NUMBER` with the zone's member, only if the member's number is among the person's available
 *    ECBN numbers and ACTIVE. Reason `zone <location>/<building>/<floor|*>`.
 * 2. A person with a direct line → `defaults.withDirectLine` (reason `direct-line`, or `location-default` when the
 *    rules say LOCATION_ECBN).
 * 3. Otherwise → the location's `withoutDirectLine`, else the default: LOCATION_ECBN (reason `location-default`).
 * 4. Emergency safety. If that choice is not valid, walk the options in this fixed order and take the first valid one
 *    (reason `fallback: <why the earlier ones failed>`):
 *
 *        zone member  →  DIRECT_LINE (only for people with a direct line)  →  LOCATION_ECBN
 *
 *    Valid means: selectable (a zone member must be an ACTIVE available number with an owner) and of a quality that
 *    is not INVALID. Member quality follows the Webex definition of `ECBNQualityType`: an ACTIVE number of a person
 *    (PEOPLE) or workspace (PLACE) is RECOMMENDED, of anything else (hunt group, virtual line) NOT_RECOMMENDED —
 *    usable, so valid. DIRECT_LINE and LOCATION_ECBN qualities come from the GET (`directLineInfo.quality`,
 *    `locationECBNInfo.quality`); a missing or unknown quality is not INVALID.
 *    If no option is valid, the least bad is LOCATION_ECBN: it is always selectable, Webex backs it with the
 *    location's main number ("defaulting to the location's main number", `effectiveValue` in the GET schema), and one
 *    admin fix at the location repairs everyone on it. The decision then carries `attention` so it is alarmed on.
 *
 * A person without a direct line never gets DIRECT_LINE. `changed` compares with the current setting: a current
 * `NONE` (or missing/unknown) selection always differs; member ids are compared as Webex ids.
 *
 * Webex: https://developer.webex.com/docs/api/v1/emergency-services-settings (GetPersonCallbackNumberObject,
 * PutPersonECBNObject, PersonECBNAvailableNumberObject).
 */
import { sameWebexId } from '../webex/ids.js';
import type { AvailableNumber, EcbnSetting, PersonEcbn } from '../webex/models.js';
import type { EcbnRules } from './schema.js';
import { assessCallbackMember } from './zone-member.js';
import {
  callbackMemberKey,
  findApplicableZone,
  findLocationRules,
  zoneLabel,
  type ApplicableZone,
  type PersonFacts,
  type Workplace,
} from './zone-match.js';

/** What {@link decideEcbn} needs. */
export interface DecisionInput {
  person: PersonFacts;
  /** From the event; absent → no zone applies. */
  workplace?: Workplace;
  rules: EcbnRules;
  /** The person's ECBN as read by GET (`selected` may be NONE, absent or a value Webex added later). */
  current: PersonEcbn;
  /** The person's ECBN available numbers matching the zone member (only needed when a zone applies). */
  zoneCandidates?: AvailableNumber[];
  /**
   * The zone the caller already worked out (`null`: none applies), so it is found once per record; absent: found
   * here from `workplace`.
   */
  zone?: ApplicableZone | null;
}

/** What the person must have, why, and what to do if Webex refuses a member number. */
export interface EcbnDecision {
  /** The PUT body. */
  wanted: EcbnSetting;
  /** Machine-readable: `direct-line` | `zone <location>/<building>/<floor|*>` | `location-default` | `fallback: <why>`. */
  reason: string;
  /** `wanted` differs from `current`. */
  changed: boolean;
  /** {@link NO_VALID_ECBN_ATTENTION} when nothing valid exists (alarm on it). */
  attention?: string;
  /** The current setting as a PUT would restore it (`locationMemberId` only with LOCATION_MEMBER_NUMBER). */
  previous: { selected?: string; locationMemberId?: string };
  /** With a LOCATION_MEMBER_NUMBER `wanted`: what to PUT instead if Webex refuses it with 400, and why. */
  fallback?: { setting: EcbnSetting; reason: string; attention?: string };
  /** The zone that applied, if any (also when its member could not be used). */
  zone?: ApplicableZone;
}

/** The `attention` text of a decision without any valid option. */
export const NO_VALID_ECBN_ATTENTION = 'no valid emergency callback number';

/** Fixed reasons; zone and fallback reasons are built with a prefix. */
export const DECISION_REASON = {
  /** The person's own DID. */
  DIRECT_LINE: 'direct-line',
  /** The location ECBN chosen by the rules (default or location override). */
  LOCATION_DEFAULT: 'location-default',
  /** Prefix of `zone <location>/<building>/<floor|*>`. */
  ZONE_PREFIX: 'zone ',
  /** Prefix of `fallback: <why>`. */
  FALLBACK_PREFIX: 'fallback: ',
} as const;

/** Quality of an option; `UNKNOWN` when Webex did not say (or said something this code does not know). */
type OptionQuality = 'RECOMMENDED' | 'NOT_RECOMMENDED' | 'INVALID' | 'UNKNOWN';

interface EcbnOption {
  readonly kind: 'zone-member' | 'DIRECT_LINE' | 'LOCATION_ECBN';
  /** `undefined` when the option cannot be PUT at all (zone member not available). */
  readonly setting: EcbnSetting | undefined;
  readonly quality: OptionQuality;
  /** Why it is not valid, for the fallback reason. */
  readonly problem: string;
}

function isValid(option: EcbnOption): option is EcbnOption & { setting: EcbnSetting } {
  return option.setting !== undefined && option.quality !== 'INVALID';
}

function qualityOf(value: string | undefined): OptionQuality {
  return value === 'RECOMMENDED' || value === 'NOT_RECOMMENDED' || value === 'INVALID' ? value : 'UNKNOWN';
}

function zoneMemberOption(zone: ApplicableZone, candidates: readonly AvailableNumber[]): EcbnOption {
  const name = `zone ${zoneLabel(zone)} member ${callbackMemberKey(zone.callbackMember)}`;
  const member = assessCallbackMember(zone.callbackMember, candidates);
  switch (member.kind) {
    case 'not-available':
      return {
        kind: 'zone-member',
        setting: undefined,
        quality: 'UNKNOWN',
        problem: `${name} is not among the person's available ECBN numbers`,
      };
    case 'unowned':
    case 'inactive':
      return {
        kind: 'zone-member',
        setting: undefined,
        quality: 'INVALID',
        problem: member.kind === 'unowned' ? `${name} has no owner to call back` : `${name} is inactive`,
      };
    case 'usable':
      return {
        kind: 'zone-member',
        // Webex's own form of the owner id is what `locationMemberId` takes (PersonECBNAvailableNumberObject.owner.id).
        setting: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: member.owner.id },
        quality: member.quality,
        problem: `${name} is not valid`,
      };
  }
}

function directLineOption(current: PersonEcbn): EcbnOption {
  const quality = qualityOf(current.directLineInfo?.quality);
  return { kind: 'DIRECT_LINE', setting: { selected: 'DIRECT_LINE' }, quality, problem: `direct line is ${quality}` };
}

function locationEcbnOption(current: PersonEcbn): EcbnOption {
  const quality = qualityOf(current.locationECBNInfo?.quality);
  return {
    kind: 'LOCATION_ECBN',
    setting: { selected: 'LOCATION_ECBN' },
    quality,
    problem: `location ECBN is ${quality}`,
  };
}

/** The first valid option of `order`, else LOCATION_ECBN as the least bad, with the problems met on the way. */
function walk(
  order: readonly EcbnOption[],
  problems: readonly string[],
): { setting: EcbnSetting; reason: string; attention?: string } {
  const met = [...problems];
  for (const option of order) {
    if (isValid(option))
      return { setting: option.setting, reason: `${DECISION_REASON.FALLBACK_PREFIX}${met.join('; ')}` };
    met.push(option.problem);
  }
  return {
    setting: { selected: 'LOCATION_ECBN' },
    reason: `${DECISION_REASON.FALLBACK_PREFIX}no valid option (${met.join('; ')}); least bad: LOCATION_ECBN`,
    attention: NO_VALID_ECBN_ATTENTION,
  };
}

function sameSetting(wanted: EcbnSetting, current: PersonEcbn): boolean {
  if (current.selected !== wanted.selected) return false;
  if (wanted.selected !== 'LOCATION_MEMBER_NUMBER') return true;
  return sameWebexId(current.locationMemberInfo?.memberId, wanted.locationMemberId);
}

function previousOf(current: PersonEcbn): EcbnDecision['previous'] {
  const previous: EcbnDecision['previous'] = {};
  if (current.selected !== undefined) previous.selected = current.selected;
  // The GET has no `locationMemberId`: the member is `locationMemberInfo.memberId`, meaningful only when selected.
  const memberId = current.locationMemberInfo?.memberId;
  if (current.selected === 'LOCATION_MEMBER_NUMBER' && memberId !== undefined) previous.locationMemberId = memberId;
  return previous;
}

/**
 * Decides the ECBN a person must have (see the module comment for precedence and the fallback walk).
 *
 * @example
 * decideEcbn({
 *   person: { personId, locationId: hq, hasDirectLine: false },
 *   workplace: { building: 'B2', floor: '3' },
 *   rules,
 *   current: { selected: 'LOCATION_ECBN', locationECBNInfo: { quality: 'RECOMMENDED' } },
 *   zoneCandidates: [{ phoneNumber: '+14085550134', state: 'ACTIVE', owner: { id: placeId, type: 'PLACE' }, … }],
 * });
 * // { wanted: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: placeId }, reason: 'zone San Jose HQ/B2/3',
 * //   changed: true, previous: { selected: 'LOCATION_ECBN' },
 * //   fallback: { setting: { selected: 'LOCATION_ECBN' }, reason: 'fallback: Webex refused zone San Jose HQ/B2/3 member …' } }
 */
export function decideEcbn(input: DecisionInput): EcbnDecision {
  const { person, rules, current } = input;
  const zone =
    input.zone === undefined ? findApplicableZone(rules, person, input.workplace) : (input.zone ?? undefined);

  const zoneOption = zone === undefined ? undefined : zoneMemberOption(zone, input.zoneCandidates ?? []);
  const directLine = person.hasDirectLine ? directLineOption(current) : undefined;
  const locationEcbn = locationEcbnOption(current);
  // The fixed fallback order. DIRECT_LINE is only ever an option for a person who has one.
  const order = [zoneOption, directLine, locationEcbn].filter((option) => option !== undefined);

  let primary: EcbnOption;
  let primaryReason: string;
  if (zone !== undefined && zoneOption !== undefined) {
    primary = zoneOption;
    primaryReason = `${DECISION_REASON.ZONE_PREFIX}${zoneLabel(zone)}`;
  } else if (directLine !== undefined && rules.defaults.withDirectLine === 'DIRECT_LINE') {
    primary = directLine;
    primaryReason = DECISION_REASON.DIRECT_LINE;
  } else if (directLine !== undefined) {
    // A DID person whose rules say LOCATION_ECBN.
    primary = locationEcbn;
    primaryReason = DECISION_REASON.LOCATION_DEFAULT;
  } else {
    // No direct line: the location's `withoutDirectLine`, else the default. LOCATION_ECBN is its only value today;
    // the lookup keeps this honest (a type error) if the rules ever allow another one.
    const selection =
      findLocationRules(rules, person.locationId)?.withoutDirectLine ?? rules.defaults.withoutDirectLine;
    const bySelection: Record<typeof selection, EcbnOption> = { LOCATION_ECBN: locationEcbn };
    primary = bySelection[selection];
    primaryReason = DECISION_REASON.LOCATION_DEFAULT;
  }

  const chosen = isValid(primary)
    ? { setting: primary.setting, reason: primaryReason }
    : walk(
        order.filter((option) => option !== primary),
        [primary.problem],
      );

  const decision: EcbnDecision = {
    wanted: chosen.setting,
    reason: chosen.reason,
    changed: !sameSetting(chosen.setting, current),
    previous: previousOf(current),
  };
  if ('attention' in chosen && chosen.attention !== undefined) decision.attention = chosen.attention;
  if (zone !== undefined) decision.zone = zone;
  if (chosen.setting.selected === 'LOCATION_MEMBER_NUMBER' && zone !== undefined) {
    // If Webex refuses the member (400), continue the same walk after the zone member.
    const next = walk(
      order.filter((option) => option.kind !== 'zone-member'),
      [`Webex refused zone ${zoneLabel(zone)} member ${callbackMemberKey(zone.callbackMember)}`],
    );
    decision.fallback = { setting: next.setting, reason: next.reason };
    if (next.attention !== undefined) decision.fallback.attention = next.attention;
  }
  return decision;
}
