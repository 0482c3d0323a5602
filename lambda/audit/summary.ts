/**
 * The audit summary, accumulated record by record (nothing but counters held): counts per status, per location and
 * status, and the compliance percentage of calling people (compliant ÷ calling; not-calling people do not count).
 */
import { AUDIT_STATUS, type AuditRecord, type AuditStatus } from './report-record.js';

export type StatusCounts = Record<AuditStatus, number>;

export interface AuditSummary {
  readonly people: number;
  readonly callingPeople: number;
  readonly byStatus: StatusCounts;
  /** Keyed by location id (`(none)` for not-calling people). */
  readonly byLocation: Readonly<Record<string, StatusCounts>>;
  /** compliant ÷ calling people × 100, one decimal; 100 when nobody calls. */
  readonly compliancePercent: number;
}

/** Location key of people without a calling location. */
export const NO_LOCATION = '(none)';

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(AUDIT_STATUS.map((status) => [status, 0])) as StatusCounts;
}

/**
 * @example
 * const tally = createSummaryTally();
 * for (const record of records) tally.add(record);
 * tally.summary().compliancePercent; // 97.5
 */
export function createSummaryTally(): { add(record: AuditRecord): void; summary(): AuditSummary } {
  const byStatus = emptyCounts();
  const byLocation = new Map<string, StatusCounts>();
  let people = 0;
  return {
    add(record) {
      people += 1;
      byStatus[record.status] += 1;
      const key = record.locationId ?? NO_LOCATION;
      let counts = byLocation.get(key);
      if (counts === undefined) byLocation.set(key, (counts = emptyCounts()));
      counts[record.status] += 1;
    },
    summary() {
      const callingPeople = people - byStatus['not-calling'];
      return {
        people,
        callingPeople,
        byStatus: { ...byStatus },
        byLocation: Object.fromEntries([...byLocation].map(([key, counts]) => [key, { ...counts }])),
        compliancePercent: compliancePercent(byStatus.compliant, callingPeople),
      };
    },
  };
}

/** compliant ÷ calling × 100, rounded down to one decimal (99.96 % is not shown as 100 %). */
export function compliancePercent(compliant: number, calling: number): number {
  if (calling === 0) return 100;
  return Math.floor((compliant / calling) * 1000) / 10;
}
