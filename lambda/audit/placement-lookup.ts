/**
 * Where people sit (building, floor): the placement the audit decides with. Coded against the ledger's audit read
 * (docs/ledger.md, "Reads for the audit") so the ledger (`readPlacements`, keyed by `webexIdKey(personId)`) plugs in as it is; an HR export
 * (`tools/audit`) implements it too and may also match by email, which is why the page's people are passed along.
 */
import { webexIdKey } from '../webex/ids.js';

export interface Placement {
  readonly locationId?: string | undefined;
  readonly building?: string | undefined;
  readonly floor?: string | undefined;
}

/** A person of the page being audited, for lookups that match by email (an HR export without person ids). */
export interface PersonRef {
  readonly id: string;
  readonly email?: string | undefined;
}

export interface PlacementLookup {
  /**
   * Placements of a page of people (≤ 100), keyed by `webexIdKey(personId)`; people without one are absent.
   * A ledger implementation may ignore `people`.
   */
  placementsOf(personIds: readonly string[], people?: readonly PersonRef[]): Promise<ReadonlyMap<string, Placement>>;
}

/** No placements: every person is decided without a workplace (no zone applies). */
export const NO_PLACEMENTS: PlacementLookup = {
  placementsOf: () => Promise.resolve(new Map()),
};

/**
 * A lookup over rows held in memory (an HR export), by person id and by lower-cased email.
 *
 * @example
 * const lookup = placementsFromRows([{ email: 'ana@example.com', building: 'B2', floor: '3' }]);
 */
export function placementsFromRows(
  rows: readonly (Placement & { readonly personId?: string | undefined; readonly email?: string | undefined })[],
): PlacementLookup {
  const byId = new Map<string, Placement>();
  const byEmail = new Map<string, Placement>();
  for (const row of rows) {
    const placement: Placement = { locationId: row.locationId, building: row.building, floor: row.floor };
    if (row.personId !== undefined) byId.set(webexIdKey(row.personId), placement);
    if (row.email !== undefined) byEmail.set(row.email.trim().toLowerCase(), placement);
  }
  return {
    placementsOf(personIds, people = []) {
      const found = new Map<string, Placement>();
      for (const id of personIds) {
        const placement = byId.get(webexIdKey(id));
        if (placement !== undefined) found.set(webexIdKey(id), placement);
      }
      for (const person of people) {
        const key = webexIdKey(person.id);
        if (found.has(key) || person.email === undefined) continue;
        const placement = byEmail.get(person.email.trim().toLowerCase());
        if (placement !== undefined) found.set(key, placement);
      }
      return Promise.resolve(found);
    },
  };
}
