/** Human-readable summaries of a rules file, for `npm run rules:check` and start-up logs. */
import { webexIdKey } from '../../lambda/webex/ids.js';
import type { CallbackMember, EcbnRules, LocationRules, ZoneRule } from '../../lambda/rules/schema.js';

function memberSummary(member: CallbackMember): string {
  return 'id' in member ? webexIdKey(member.id) : member.phoneNumber;
}

function zoneSummary(zone: ZoneRule): string {
  return `${zone.match.building}/${zone.match.floor ?? '*'} → ${memberSummary(zone.callbackMember)} (${zone.appliesTo})`;
}

function locationSummary(location: LocationRules, rules: EcbnRules): string {
  const name =
    location.name === undefined
      ? webexIdKey(location.locationId)
      : `${location.name} (${webexIdKey(location.locationId)})`;
  const withoutDirectLine = location.withoutDirectLine ?? rules.defaults.withoutDirectLine;
  const zones =
    location.zones.length === 0
      ? 'no zones'
      : `${location.zones.length} zone(s): ${location.zones.map(zoneSummary).join(', ')}`;
  return `${name}: without direct line → ${withoutDirectLine}; ${zones}`;
}

/**
 * One line per location: name, decoded id, what extension-only people get, and each zone as
 * `building/floor → member (appliesTo)`.
 *
 * @example
 * summarizeRules(rules);
 * // ['San Jose HQ (LOCATION/5e3f…): without direct line → LOCATION_ECBN; 2 zone(s): B1/* → PLACE/0a1b… (withoutDirectLine), …']
 */
export function summarizeRules(rules: EcbnRules): string[] {
  return rules.locations.map((location) => locationSummary(location, rules));
}

/**
 * The line above the per-location lines: version, defaults and counts.
 *
 * @example
 * describeDefaults(rules); // 'version 1; with direct line → DIRECT_LINE, without → LOCATION_ECBN; 2 location(s), 4 zone(s)'
 */
export function describeDefaults(rules: EcbnRules): string {
  const zones = rules.locations.reduce((count, location) => count + location.zones.length, 0);
  return (
    `version ${rules.version}; with direct line → ${rules.defaults.withDirectLine}, ` +
    `without → ${rules.defaults.withoutDirectLine}; ${rules.locations.length} location(s), ${zones} zone(s)`
  );
}
