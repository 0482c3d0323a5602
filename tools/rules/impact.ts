/**
 * `rules:check --org --impact`: "if I deploy these rules, who changes?" Runs the audit engine (`lambda/audit`, the
 * function's own `decideEcbn` and zone lookup) read-only with the candidate rules over the people of the locations
 * the rules govern, and keeps the people the function would change (drift) or could not serve (attention), per
 * location. The engine sends no PUT; this module only reads its records.
 */
import { auditOrg } from '../../lambda/audit/audit-engine.js';
import type { PlacementLookup } from '../../lambda/audit/placement-lookup.js';
import { describeSetting, type AuditRecord } from '../../lambda/audit/report-record.js';
import type { EcbnRules } from '../../lambda/rules/schema.js';
import { sameWebexId } from '../../lambda/webex/ids.js';
import type { WebexClient } from '../../lambda/webex/types.js';

/** One location of the rules and its people the candidate rules would touch. */
export interface LocationImpact {
  readonly locationId: string;
  readonly name: string | undefined;
  /** Calling people of the location the engine read. */
  readonly checked: number;
  /** People whose setting the function would change. */
  readonly changes: readonly AuditRecord[];
  /** People with no valid option (or unreadable): the function would leave them and warn. */
  readonly attention: readonly AuditRecord[];
}

export interface RulesImpact {
  readonly locations: readonly LocationImpact[];
  readonly changes: number;
  readonly attention: number;
}

/**
 * @example
 * const impact = await assessImpact({ webex, rules: candidate, placements: NO_PLACEMENTS });
 * impact.changes; // people the candidate rules would change
 */
export async function assessImpact(input: {
  readonly webex: WebexClient;
  readonly rules: EcbnRules;
  readonly placements: PlacementLookup;
}): Promise<RulesImpact> {
  const locations = input.rules.locations.map((location) => ({
    locationId: location.locationId,
    name: location.name,
    checked: 0,
    changes: [] as AuditRecord[],
    attention: [] as AuditRecord[],
  }));
  const records = auditOrg(
    { webex: input.webex, rules: input.rules, placements: input.placements },
    { locationIds: locations.map((location) => location.locationId) },
  );
  for await (const record of records) {
    const location = locations.find((l) => record.locationId !== null && sameWebexId(l.locationId, record.locationId));
    if (location === undefined || record.status === 'not-calling') continue;
    location.checked += 1;
    if (record.status === 'drift') location.changes.push(record);
    else if (record.status === 'attention') location.attention.push(record);
  }
  return {
    locations,
    changes: locations.reduce((sum, l) => sum + l.changes.length, 0),
    attention: locations.reduce((sum, l) => sum + l.attention.length, 0),
  };
}

/** The impact as lines: a total, then per location its counts and each person (email, current → wanted, why). */
export function formatImpact(impact: RulesImpact): string[] {
  const lines = [
    `impact: ${impact.changes} person(s) would change, ${impact.attention} would need attention (read-only; nothing was changed)`,
  ];
  for (const location of impact.locations) {
    const label = location.name === undefined ? location.locationId : `${location.name} (${location.locationId})`;
    lines.push(
      `  ${label}: ${location.changes.length} would change, ${location.attention.length} attention, of ${location.checked} calling people`,
    );
    for (const record of location.changes) {
      lines.push(
        `    ${who(record)}: ${describeSetting(record.current)} → ${
          record.wanted === null ? '?' : describeSetting(record.wanted)
        } (${record.reason})`,
      );
    }
    for (const record of location.attention) {
      lines.push(`    ${who(record)}: attention: ${record.attention ?? record.reason}`);
    }
  }
  return lines;
}

function who(record: AuditRecord): string {
  return record.email === '' ? record.personId : `${record.email} (${record.personId})`;
}
