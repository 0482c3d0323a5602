/**
 * Cross-check of who points at a member: the audit's own count of people whose ECBN is a member's number, against
 * Webex's count (`GET …/emergencyCallbackNumber/dependencies` → `dependentMemberCount`, "Number of members using this
 * member as their emergency callback number"). Webex counting more than the audit means someone else points people
 * (or workspaces, virtual lines) at that member: losing it would strand them too. Webex returns counts only, never
 * the dependents (reference §8), so a mismatch is reported, not explained.
 */
import { decodeWebexId, webexIdKey } from '../webex/ids.js';
import type { WebexCallOptions, WebexClient } from '../webex/types.js';
import type { AuditRecord } from './report-record.js';

export interface DependentCount {
  readonly memberId: string;
  /** People of this audit whose current ECBN is the member's number. */
  readonly auditCount: number;
  /** Webex's `dependentMemberCount`; `undefined` when it could not be read for this member type. */
  readonly webexCount: number | undefined;
  /** Webex counts more dependents than the audit saw. */
  readonly mismatch: boolean;
}

/** Counts, per member, the audited people pointing at it (held: one entry per distinct member, not per person). */
export function createDependentTally(): {
  add(record: AuditRecord): void;
  counts(): Map<string, { memberId: string; count: number }>;
} {
  const counts = new Map<string, { memberId: string; count: number }>();
  return {
    add(record) {
      const memberId = record.current.locationMemberId;
      if (record.current.selected !== 'LOCATION_MEMBER_NUMBER' || memberId === undefined) return;
      const key = webexIdKey(memberId);
      const entry = counts.get(key);
      if (entry === undefined) counts.set(key, { memberId, count: 1 });
      else entry.count += 1;
    },
    counts: () => counts,
  };
}

/**
 * Webex's dependent count of a member. Only people members are read today: the client has the people dependencies
 * operation; workspaces, virtual lines and hunt groups have their own documented endpoints (not yet in the client).
 */
export async function webexDependentCount(
  webex: WebexClient,
  memberId: string,
  call: WebexCallOptions,
): Promise<number | undefined> {
  if (decodeWebexId(memberId)?.type !== 'PEOPLE') return undefined;
  return (await webex.getPersonEcbnDependencies(memberId, call)).dependentMemberCount;
}

/**
 * @example
 * const report = await crossCheckDependents(tally.counts(), (id) => webexDependentCount(webex, id, call));
 * report.filter((member) => member.mismatch);
 */
export async function crossCheckDependents(
  counts: ReadonlyMap<string, { memberId: string; count: number }>,
  readWebexCount: (memberId: string) => Promise<number | undefined>,
): Promise<DependentCount[]> {
  const results: DependentCount[] = [];
  for (const { memberId, count } of counts.values()) {
    const webexCount = await readWebexCount(memberId);
    results.push({ memberId, auditCount: count, webexCount, mismatch: webexCount !== undefined && webexCount > count });
  }
  return results;
}
