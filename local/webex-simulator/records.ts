/**
 * The simulator's in-memory records: what the org state holds once the fixture is loaded. Plain data, no behaviour.
 */

/** `CallBackMemberType` / available-number `owner.type`. */
export type MemberType = 'PEOPLE' | 'PLACE' | 'VIRTUAL_LINE' | 'HUNT_GROUP';
export type NumberState = 'ACTIVE' | 'INACTIVE';
export type EcbnQuality = 'RECOMMENDED' | 'NOT_RECOMMENDED' | 'INVALID';

/** A person's ECBN as stored: GET's `selected` (`NONE` until first configured) plus the member when it is one. */
export type PersonEcbnSettingState =
  | { readonly selected: 'NONE' | 'DIRECT_LINE' | 'LOCATION_ECBN' }
  | { readonly selected: 'LOCATION_MEMBER_NUMBER'; readonly locationMemberId: string };

/** A location's ECBN as stored (`CallBackSelected`). */
export type LocationEcbnSettingState =
  | { readonly selected: 'LOCATION_NUMBER' }
  | { readonly selected: 'LOCATION_MEMBER_NUMBER'; readonly locationMemberId: string };

export interface LocationRecord {
  readonly id: string;
  name: string;
  mainNumber: string;
  routingPrefix: string | undefined;
  ecbn: LocationEcbnSettingState;
  elinExpiryTimeMinutes: number;
}

export interface PersonRecord {
  readonly id: string;
  emails: string[];
  firstName: string;
  lastName: string;
  displayName: string;
  /** Undefined until the person is calling-enabled. */
  locationId: string | undefined;
  extension: string | undefined;
  directNumber: string | undefined;
  ecbn: PersonEcbnSettingState;
  elinEnabled: boolean;
  elinForWebexAppEnabled: boolean;
  readonly created: string;
}

/** Anything that owns a number in a location and can be a `locationMemberId`: person, workspace, virtual line, hunt group. */
export interface MemberRecord {
  readonly id: string;
  readonly type: MemberType;
  readonly locationId: string;
  readonly phoneNumber: string | undefined;
  readonly extension: string | undefined;
  /** People and virtual lines only (the spec: owner names are present only for those types). */
  readonly firstName: string | undefined;
  readonly lastName: string | undefined;
  readonly displayName: string;
}
