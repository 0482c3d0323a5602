/**
 * PURE ECBN semantics: what the GET endpoints answer for a given org state. No I/O, no mutation.
 *
 * Documented (https://developer.webex.com/docs/api/v1/emergency-services-settings, `ECBNQualityType`):
 * - quality `RECOMMENDED` = "An activated number, associated with a User or Workspace";
 *   `NOT_RECOMMENDED` = "An activated number, associated with anything else, like Auto Attendant or Hunt Group";
 *   `INVALID` = "An inactive or non-existent number".
 * - `effectiveValue` = "the valid ECBN number at the location level, or the user's main number if valid, defaulting to
 *   the location's main number if both are unavailable"; `effectiveLevel` = the source "applying fallback rules".
 * - `LOCATION_ECBN` = the location's configured ECBN (a member's number); `LOCATION_NUMBER` = the location's main number.
 * Our inferences (docs/webex-simulator.md, "Documented and inferred"): a *missing* number falls back (no direct line → location ECBN;
 * a member without a number → location ECBN); an *inactive* number does not fall back, it stays with quality INVALID;
 * a virtual line's number is NOT_RECOMMENDED ("anything else"); a location's main number counts as RECOMMENDED (spec
 * example); `locationMemberInfo` is present only while the person is on `LOCATION_MEMBER_NUMBER`.
 */
import { sameWebexId } from '../../lambda/webex/ids.js';
import type { EcbnQuality, LocationRecord, MemberRecord, MemberType, NumberState, PersonRecord } from './records.js';

/** Read access to the org that the semantics need. */
export interface OrgLookup {
  location(id: string): LocationRecord | undefined;
  /** A numbered-or-not member (person with a calling location, workspace, virtual line, hunt group). */
  member(id: string): MemberRecord | undefined;
  /** `undefined` for a number nobody in the org owns. */
  numberState(number: string): NumberState | undefined;
  /** How many people are on `LOCATION_MEMBER_NUMBER` with this member. */
  dependentCount(memberId: string): number;
}

/** `GetPersonCallbackNumberObject.directLineInfo` / `locationECBNInfo`. */
export interface EcbnLineInfo {
  phoneNumber?: string;
  firstName?: string;
  lastName?: string;
  effectiveLevel: 'DIRECT_LINE' | 'LOCATION_ECBN' | 'LOCATION_NUMBER' | 'NONE';
  effectiveValue: string;
  quality: EcbnQuality;
}

/** `GetPersonCallbackNumberObject.locationMemberInfo`. */
export interface EcbnMemberInfo {
  phoneNumber?: string;
  firstName?: string;
  lastName?: string;
  memberId: string;
  memberType?: MemberType;
  effectiveLevel: 'DIRECT_LINE' | 'LOCATION_ECBN' | 'LOCATION_NUMBER' | 'LOCATION_MEMBER_NUMBER' | 'NONE';
  effectiveValue: string;
  quality: EcbnQuality;
}

/** `GetPersonCallbackNumberObject` as the simulator answers it. */
export interface PersonEcbnView {
  selected: 'DIRECT_LINE' | 'LOCATION_ECBN' | 'LOCATION_MEMBER_NUMBER' | 'NONE';
  directLineInfo: EcbnLineInfo;
  locationECBNInfo: EcbnLineInfo;
  locationMemberInfo?: EcbnMemberInfo;
  defaultInfo: { effectiveValue: string; quality: EcbnQuality };
  elinEnabled: boolean;
  elinForWebexAppEnabled: boolean;
}

/** `GetPersonCallbackNumberDependenciesObject`. */
export interface EcbnDependenciesView {
  isLocationEcbnDefault: boolean;
  isSelfEcbnDefault: boolean;
  dependentMemberCount: number;
}

/** `GetLocationCallBackNumberObject`. */
export interface LocationEcbnView {
  locationInfo: {
    phoneNumber: string;
    name: string;
    effectiveLevel: 'LOCATION_NUMBER' | 'LOCATION_MEMBER_NUMBER' | 'NONE';
    effectiveValue: string;
    quality: EcbnQuality;
  };
  locationMemberInfo: {
    phoneNumber?: string;
    firstName?: string;
    lastName?: string;
    memberId?: string;
    memberType?: MemberType;
    effectiveLevel: 'LOCATION_NUMBER' | 'LOCATION_MEMBER_NUMBER' | 'NONE';
    effectiveValue: string;
    quality: EcbnQuality;
  };
  selected: 'LOCATION_NUMBER' | 'LOCATION_MEMBER_NUMBER';
  elinExpiryTimeMinutes: number;
}

/** Who owns a number, for its quality: a member type, or the location itself (its main number). */
export type NumberOwnerKind = MemberType | 'LOCATION';

/**
 * Quality of a number as an ECBN (`ECBNQualityType`).
 *
 * @example
 * numberQuality('ACTIVE', 'PLACE'); // 'RECOMMENDED'
 * numberQuality('ACTIVE', 'HUNT_GROUP'); // 'NOT_RECOMMENDED'
 * numberQuality('INACTIVE', 'PEOPLE'); // 'INVALID'
 */
export function numberQuality(state: NumberState | undefined, owner: NumberOwnerKind | undefined): EcbnQuality {
  if (state !== 'ACTIVE' || owner === undefined) return 'INVALID';
  return owner === 'PEOPLE' || owner === 'PLACE' || owner === 'LOCATION' ? 'RECOMMENDED' : 'NOT_RECOMMENDED';
}

/** Names as the person ECBN GET shows a member: workspaces/hunt groups as `firstName: <name>, lastName: '.'` (spec example). */
function memberNames(member: MemberRecord): { firstName: string; lastName: string } {
  if (member.type === 'PEOPLE' || member.type === 'VIRTUAL_LINE') {
    return { firstName: member.firstName ?? member.displayName, lastName: member.lastName ?? '.' };
  }
  return { firstName: member.displayName, lastName: '.' };
}

/** What a location's ECBN resolves to: its member's number when that member has one, else its main number. */
export interface ResolvedLocationEcbn {
  readonly level: 'LOCATION_NUMBER' | 'LOCATION_MEMBER_NUMBER';
  readonly value: string;
  readonly quality: EcbnQuality;
  readonly member: MemberRecord | undefined;
}

/**
 * Resolves a location's ECBN with the documented fallback to the main number.
 *
 * @example
 * resolveLocationEcbn(org, hq); // { level: 'LOCATION_NUMBER', value: '+14085550100', quality: 'RECOMMENDED', member: undefined }
 */
export function resolveLocationEcbn(org: OrgLookup, location: LocationRecord): ResolvedLocationEcbn {
  if (location.ecbn.selected === 'LOCATION_MEMBER_NUMBER') {
    const member = org.member(location.ecbn.locationMemberId);
    if (member?.phoneNumber !== undefined) {
      return {
        level: 'LOCATION_MEMBER_NUMBER',
        value: member.phoneNumber,
        quality: numberQuality(org.numberState(member.phoneNumber), member.type),
        member,
      };
    }
  }
  return {
    level: 'LOCATION_NUMBER',
    value: location.mainNumber,
    quality: numberQuality(org.numberState(location.mainNumber), 'LOCATION'),
    member: undefined,
  };
}

/** The person's `locationECBNInfo`: the location's ECBN seen from one of its people. */
function locationEcbnInfo(location: LocationRecord, resolved: ResolvedLocationEcbn): EcbnLineInfo {
  if (resolved.member) {
    return {
      phoneNumber: resolved.value,
      ...memberNames(resolved.member),
      effectiveLevel: 'LOCATION_ECBN',
      effectiveValue: resolved.value,
      quality: resolved.quality,
    };
  }
  // "firstName: populated with the group name when the effectiveLevel is LOCATION_ECBN or LOCATION_NUMBER".
  return {
    phoneNumber: resolved.value,
    firstName: location.name,
    effectiveLevel: 'LOCATION_NUMBER',
    effectiveValue: resolved.value,
    quality: resolved.quality,
  };
}

/**
 * The person ECBN GET body, or `undefined` when the person has no calling location (the telephony API does not know them).
 *
 * @example
 * personEcbnView(org, bob)?.selected; // 'NONE' for a person never configured
 */
export function personEcbnView(org: OrgLookup, person: PersonRecord): PersonEcbnView | undefined {
  if (person.locationId === undefined) return undefined;
  const location = org.location(person.locationId);
  if (!location) return undefined;

  const resolved = resolveLocationEcbn(org, location);
  const locationInfo = locationEcbnInfo(location, resolved);
  const names = { firstName: person.firstName, lastName: person.lastName };

  const directLineInfo: EcbnLineInfo =
    person.directNumber !== undefined
      ? {
          phoneNumber: person.directNumber,
          ...names,
          effectiveLevel: 'DIRECT_LINE',
          effectiveValue: person.directNumber,
          quality: numberQuality(org.numberState(person.directNumber), 'PEOPLE'),
        }
      : // No direct line: the option falls back to what the location offers.
        {
          ...names,
          effectiveLevel: locationInfo.effectiveLevel,
          effectiveValue: locationInfo.effectiveValue,
          quality: locationInfo.quality,
        };

  const view: PersonEcbnView = {
    selected: person.ecbn.selected,
    directLineInfo,
    locationECBNInfo: locationInfo,
    defaultInfo: { effectiveValue: directLineInfo.effectiveValue, quality: directLineInfo.quality },
    elinEnabled: person.elinEnabled,
    elinForWebexAppEnabled: person.elinForWebexAppEnabled,
  };

  if (person.ecbn.selected === 'LOCATION_MEMBER_NUMBER') {
    // A member that lost its number (or was removed) falls back to the location's ECBN.
    view.locationMemberInfo = memberInfoView(org, person.ecbn.locationMemberId, {
      effectiveLevel: locationInfo.effectiveLevel,
      effectiveValue: locationInfo.effectiveValue,
      quality: locationInfo.quality,
    });
  }
  return view;
}

/**
 * `locationMemberInfo` of a configured member: its number when it has one, else `fallback` (what the call resolves to
 * without it), keeping the member's id and type.
 */
function memberInfoView<F extends { effectiveLevel: string; effectiveValue: string; quality: EcbnQuality }>(
  org: OrgLookup,
  memberId: string,
  fallback: F,
) {
  const member = org.member(memberId);
  if (member?.phoneNumber === undefined) {
    return { memberId, ...(member ? { memberType: member.type } : {}), ...fallback };
  }
  return {
    phoneNumber: member.phoneNumber,
    ...memberNames(member),
    memberId,
    memberType: member.type,
    effectiveLevel: 'LOCATION_MEMBER_NUMBER' as const,
    effectiveValue: member.phoneNumber,
    quality: numberQuality(org.numberState(member.phoneNumber), member.type),
  };
}

/**
 * The person ECBN dependencies GET body.
 *
 * @example
 * personEcbnDependencies(org, lobbyPhoneOwner).dependentMemberCount; // people on LOCATION_MEMBER_NUMBER → them
 */
export function personEcbnDependencies(org: OrgLookup, person: PersonRecord): EcbnDependenciesView {
  const location = person.locationId !== undefined ? org.location(person.locationId) : undefined;
  return {
    isLocationEcbnDefault:
      location?.ecbn.selected === 'LOCATION_MEMBER_NUMBER' && sameWebexId(location.ecbn.locationMemberId, person.id),
    isSelfEcbnDefault: person.ecbn.selected === 'DIRECT_LINE',
    dependentMemberCount: org.dependentCount(person.id),
  };
}

/**
 * The location ECBN GET body.
 *
 * @example
 * locationEcbnView(org, austin).selected; // 'LOCATION_MEMBER_NUMBER'
 */
export function locationEcbnView(org: OrgLookup, location: LocationRecord): LocationEcbnView {
  const mainQuality = numberQuality(org.numberState(location.mainNumber), 'LOCATION');
  const locationInfo: LocationEcbnView['locationInfo'] = {
    phoneNumber: location.mainNumber,
    name: location.name,
    effectiveLevel: 'LOCATION_NUMBER',
    effectiveValue: location.mainNumber,
    quality: mainQuality,
  };
  let locationMemberInfo: LocationEcbnView['locationMemberInfo'];
  if (location.ecbn.selected === 'LOCATION_MEMBER_NUMBER') {
    locationMemberInfo = memberInfoView(org, location.ecbn.locationMemberId, {
      effectiveLevel: 'LOCATION_NUMBER' as const,
      effectiveValue: location.mainNumber,
      quality: mainQuality,
    });
  } else {
    // No member configured: nothing to resolve ("NONE - When no other option is selected"; INVALID = non-existent).
    locationMemberInfo = { effectiveLevel: 'NONE', effectiveValue: '', quality: 'INVALID' };
  }
  return {
    locationInfo,
    locationMemberInfo,
    selected: location.ecbn.selected,
    elinExpiryTimeMinutes: location.elinExpiryTimeMinutes,
  };
}
