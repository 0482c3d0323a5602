/**
 * What `rules:check --org` and `discover` read from the org, read-only and once per run, through the product's Webex
 * client: the Webex Calling locations, the number inventory, and per location its ECBN and its ECBN available
 * numbers (the members Webex accepts as that location's ECBN member), plus its workspaces for `discover`.
 */
import { webexIdKey } from '../../lambda/webex/ids.js';
import type {
  AvailableNumber,
  CallingLocation,
  InventoryNumber,
  LocationEcbn,
  Workspace,
} from '../../lambda/webex/models.js';
import type { WebexClient } from '../../lambda/webex/types.js';

/** One Webex Calling location and what was read about it. */
export interface LocationSnapshot {
  readonly location: CallingLocation;
  readonly ecbn: LocationEcbn;
  readonly availableNumbers: readonly AvailableNumber[];
  /** Only read for `discover`. */
  readonly workspaces: readonly Workspace[];
}

export interface OrgSnapshot {
  /** Every Webex Calling location of the org. */
  readonly callingLocations: readonly CallingLocation[];
  /** Details of the locations asked for, by `webexIdKey`. */
  readonly locations: ReadonlyMap<string, LocationSnapshot>;
  /** The org's number inventory (every location). */
  readonly numbers: readonly InventoryNumber[];
}

export interface SnapshotRequest {
  /** Which calling locations to read in detail: `all`, or the ids a rules file names (unknown ones are skipped). */
  readonly locations: 'all' | readonly string[];
  readonly workspaces: boolean;
}

/**
 * @example
 * const org = await readOrgSnapshot(webex, { locations: rules.locations.map((l) => l.locationId), workspaces: false });
 */
export async function readOrgSnapshot(webex: WebexClient, request: SnapshotRequest): Promise<OrgSnapshot> {
  const [callingLocations, numbers] = await Promise.all([webex.listCallingLocations(), webex.listNumbers()]);
  const wanted = request.locations === 'all' ? undefined : new Set(request.locations.map((id) => webexIdKey(id)));
  const locations = new Map<string, LocationSnapshot>();
  // One location at a time: a large org has hundreds, and Webex rate-limits admin APIs per token.
  for (const location of callingLocations) {
    const key = webexIdKey(location.id);
    if (wanted !== undefined && !wanted.has(key)) continue;
    const [ecbn, availableNumbers, workspaces] = await Promise.all([
      webex.getLocationEcbn(location.id),
      webex.listLocationEcbnAvailableNumbers(location.id),
      request.workspaces ? webex.listWorkspaces({ locationId: location.id }) : Promise.resolve([]),
    ]);
    locations.set(key, { location, ecbn, availableNumbers, workspaces });
  }
  return { callingLocations, locations, numbers };
}

/**
 * The quality of the number a location's ECBN resolves to: the member's when a member is selected, else the
 * location number's (GetLocationCallBackNumberObject). `undefined` when Webex did not say.
 *
 * @example
 * locationEcbnQuality({ selected: 'LOCATION_NUMBER', locationInfo: { quality: 'RECOMMENDED', … }, … }); // 'RECOMMENDED'
 */
export function locationEcbnQuality(ecbn: LocationEcbn): string | undefined {
  return ecbn.selected === 'LOCATION_MEMBER_NUMBER' ? ecbn.locationMemberInfo.quality : ecbn.locationInfo.quality;
}

/** `LOCATION_NUMBER +14085550100` or `LOCATION_MEMBER_NUMBER +15125550110 (workspace "AUS Reception Phone")`. */
export function describeLocationEcbn(ecbn: LocationEcbn): string {
  if (ecbn.selected === 'LOCATION_MEMBER_NUMBER') {
    const info = ecbn.locationMemberInfo;
    // Webex writes "." as a workspace's last name: not part of a name to show.
    const name = [info.firstName, info.lastName]
      .filter((part) => part !== undefined && part !== '.')
      .join(' ')
      .trim();
    const number = info.phoneNumber ?? info.effectiveValue ?? 'no number';
    return `LOCATION_MEMBER_NUMBER ${number}${name === '' ? '' : ` (${name})`}`;
  }
  return `${ecbn.selected} ${ecbn.locationInfo.phoneNumber ?? ecbn.locationInfo.effectiveValue ?? 'no number'}`;
}
