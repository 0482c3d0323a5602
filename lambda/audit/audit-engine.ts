/**
 * The audit engine: streams the org's people (List People with `callingData=true`, page by page), reads each calling
 * person's ECBN, reads each zone's available numbers once, and decides with the function's own `decideEcbn` and zone
 * lookup. Read-only: it never sends a PUT. Records come out as they are produced, in listing order; only the page
 * being worked on is in memory.
 *
 * Webex calls per person ≈ 1 (the ECBN read) + 1/100 (the list page) + zones/people (zone reads).
 */
import { classifyError, describeError, ErrorClass, isTransient, WebexNotFoundError } from '../errors.js';
import { hasDirectLine } from '../flow/resolve-person.js';
import type { EcbnRules } from '../rules/schema.js';
import type { PersonFacts } from '../rules/zone-match.js';
import { webexIdKey } from '../webex/ids.js';
import type { PersonEcbn, WebexPerson } from '../webex/models.js';
import type { WebexAttempt, WebexCallOptions, WebexClient } from '../webex/types.js';
import {
  classifyPerson,
  notCallingRecord,
  unreadableRecord,
  workplaceFor,
  zoneFor,
  type AuditedPerson,
} from './classify-person.js';
import { mapOrdered } from './ordered-pool.js';
import type { Placement, PlacementLookup } from './placement-lookup.js';
import type { AuditRecord } from './report-record.js';
import { createAuditZoneCandidates } from './zone-candidates.js';

export interface AuditDependencies {
  readonly webex: WebexClient;
  readonly rules: EcbnRules;
  readonly placements: PlacementLookup;
  /** Partner admins only; sent where Webex documents `orgId`. */
  readonly orgId?: string | undefined;
  /** Called after every Webex HTTP attempt (progress: Webex calls). */
  readonly onAttempt?: ((attempt: WebexAttempt) => void) | undefined;
}

export interface AuditOptions {
  /** People audited at once. @default 16 */
  readonly concurrency?: number;
  /** Only these Webex Calling locations (e.g. the ones the rules govern); absent = the whole org. */
  readonly locationIds?: readonly string[] | undefined;
  /** List People page size (clamped by the client to Webex's cap). */
  readonly pageSize?: number | undefined;
  /** Extra tries of one person after a transient failure the client's own retries did not absorb. @default 1 */
  readonly personRetries?: number;
}

/** Default people audited at once: enough to keep a paced client busy at a few hundred calls per second. */
export const DEFAULT_AUDIT_CONCURRENCY = 16;

interface PersonWork {
  readonly person: WebexPerson;
  readonly placement: Placement | undefined;
}

/**
 * @example
 * for await (const record of auditOrg({ webex, rules, placements: NO_PLACEMENTS })) jsonl.write(record);
 */
export async function* auditOrg(
  deps: AuditDependencies,
  options: AuditOptions = {},
  /** Pages of people already listed (the deployed audit's one page); default: the org's listing. */
  pages?: AsyncIterable<WebexPerson[]>,
): AsyncGenerator<AuditRecord> {
  const zones = createAuditZoneCandidates(deps.webex);
  const call: WebexCallOptions = { orgId: deps.orgId, onAttempt: deps.onAttempt };
  const retries = options.personRetries ?? 1;

  async function auditOne(work: PersonWork): Promise<AuditRecord> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await auditPerson(work, deps, zones, call);
      } catch (error) {
        // A token or scope problem concerns every person: stop the audit instead of reporting everyone unreadable.
        if (classifyError(error) === ErrorClass.CONFIGURATION) throw error;
        if (attempt < retries && isTransient(error)) continue;
        const { person } = work;
        return unreadableRecord(auditedPerson(person), undefined, describeError(error));
      }
    }
  }

  yield* mapOrdered(
    peopleWithPlacements(deps, call, pages ?? listingPages(deps, call, options)),
    options.concurrency ?? DEFAULT_AUDIT_CONCURRENCY,
    auditOne,
  );
}

/** The org's listing (or the listing of each given location), page by page. */
async function* listingPages(
  deps: AuditDependencies,
  call: WebexCallOptions,
  options: AuditOptions,
): AsyncGenerator<WebexPerson[]> {
  const filters =
    options.locationIds === undefined
      ? [{ max: options.pageSize }]
      : options.locationIds.map((locationId) => ({ locationId, max: options.pageSize }));
  for (const filter of filters) yield* deps.webex.listCallingPeople(filter, call);
}

/** The people of the pages, one page's placements looked up at a time (one lookup per ≤ 100 people). */
async function* peopleWithPlacements(
  deps: AuditDependencies,
  call: WebexCallOptions,
  pages: AsyncIterable<WebexPerson[]>,
): AsyncGenerator<PersonWork> {
  for await (const page of pages) {
    const calling = page.filter((person) => person.locationId !== undefined);
    const placements =
      calling.length === 0
        ? new Map<string, Placement>()
        : await deps.placements.placementsOf(
            calling.map((person) => person.id),
            calling.map((person) => ({ id: person.id, email: person.emails?.[0] })),
          );
    for (const person of page) yield { person, placement: placements.get(webexIdKey(person.id)) };
  }
}

function auditedPerson(person: WebexPerson): AuditedPerson {
  return { personId: person.id, email: person.emails?.[0] ?? '', locationId: person.locationId };
}

async function auditPerson(
  work: PersonWork,
  deps: AuditDependencies,
  zones: ReturnType<typeof createAuditZoneCandidates>,
  call: WebexCallOptions,
): Promise<AuditRecord> {
  const { person } = work;
  const audited = auditedPerson(person);
  const locationId = person.locationId;
  if (locationId === undefined || locationId.trim() === '') return notCallingRecord(audited);

  const { workplace, ignored } = workplaceFor(work.placement, locationId);
  let current: PersonEcbn;
  try {
    current = await deps.webex.getPersonEcbn(person.id, call);
  } catch (error) {
    // Listed with a calling location but unknown to Webex Calling: provisioning is not finished. Loud, not compliant.
    if (error instanceof WebexNotFoundError) {
      return unreadableRecord(
        audited,
        workplace,
        'Webex Calling does not know the person yet (ECBN read answered 404)',
      );
    }
    throw error;
  }
  const facts: PersonFacts = {
    personId: person.id,
    locationId,
    hasDirectLine: hasDirectLine(person, current.directLineInfo),
    ...(person.extension === undefined ? {} : { extension: person.extension }),
  };
  const zone = zoneFor(deps.rules, facts, workplace);
  const zoneCandidates = zone === undefined ? undefined : await zones.candidatesFor(zone, person.id, call);
  return classifyPerson({
    person: audited,
    facts,
    workplace,
    rules: deps.rules,
    current,
    zoneCandidates,
    note: ignored,
  });
}
