/**
 * One audit run: streams the engine's records into the report files, keeps the summary, reports progress, and
 * collects the `ecbn.reconcile` events of the people in drift (for `--fix`). Shared by the CLI, the tests and the
 * bench.
 */
import { auditOrg, type AuditOptions } from '../../lambda/audit/audit-engine.js';
import type { PlacementLookup } from '../../lambda/audit/placement-lookup.js';
import {
  createDependentTally,
  crossCheckDependents,
  webexDependentCount,
} from '../../lambda/audit/dependency-check.js';
import { reconcileEvent, type ReconcileEvent } from '../../lambda/audit/reconcile-event.js';
import { createSummaryTally, type AuditSummary } from '../../lambda/audit/summary.js';
import { webexIdKey } from '../../lambda/webex/ids.js';
import type { EcbnRules } from '../../lambda/rules/schema.js';
import type { WebexClient } from '../../lambda/webex/types.js';
import { createProgressReporter } from './progress.js';
import { openReportFiles } from './report-files.js';

export interface AuditRunInput {
  readonly webex: WebexClient;
  readonly rules: EcbnRules;
  readonly placements: PlacementLookup;
  /** True when placements come from an HR export (they then travel in reconcile events as `workplace`). */
  readonly placementsFromExport: boolean;
  readonly orgId?: string | undefined;
  readonly outDir: string;
  readonly auditId: string;
  /** People expected (progress ETA), when known. */
  readonly total?: number | undefined;
  readonly options?: AuditOptions;
  /** Collect reconcile events for the people in drift. */
  readonly collectReconcile?: boolean;
  readonly print: (line: string) => void;
  readonly now: () => number;
}

export interface AuditRunResult {
  readonly summary: AuditSummary;
  readonly webexCalls: number;
  readonly wallMs: number;
  readonly reconcileEvents: ReconcileEvent[];
}

/**
 * @example
 * const result = await runAudit({ webex, rules, placements: NO_PLACEMENTS, placementsFromExport: false,
 *   outDir: 'audit-report', auditId, print: console.error, now: Date.now });
 */
export async function runAudit(input: AuditRunInput): Promise<AuditRunResult> {
  const started = input.now();
  let webexCalls = 0;
  const files = await openReportFiles(input.outDir);
  const tally = createSummaryTally();
  const progress = createProgressReporter(input.print, input.now);
  const reconcileEvents: ReconcileEvent[] = [];
  const dependents = createDependentTally();
  const records = auditOrg(
    {
      webex: input.webex,
      rules: input.rules,
      placements: input.placements,
      orgId: input.orgId,
      onAttempt: () => {
        webexCalls += 1;
      },
    },
    input.options,
  );
  let people = 0;
  for await (const record of records) {
    people += 1;
    tally.add(record);
    dependents.add(record);
    await files.write(record);
    if (input.collectReconcile === true && record.status === 'drift') {
      reconcileEvents.push(
        reconcileEvent(record, {
          auditId: input.auditId,
          // The record is produced right after the person's ECBN was read: its time stands for the read time.
          readAt: new Date(input.now()).toISOString(),
          orgId: input.orgId,
          placementFromExport: input.placementsFromExport,
        }),
      );
    }
    progress.update({ people, total: input.total, webexCalls });
  }
  progress.update({ people, total: input.total, webexCalls }, true);
  const summary = tally.summary();
  // Whole-org audits only: a scoped listing would undercount who points at a member.
  const dependentsCheck =
    input.options?.locationIds === undefined
      ? await crossCheckDependents(dependents.counts(), (memberId) =>
          webexDependentCount(input.webex, memberId, {
            orgId: input.orgId,
            onAttempt: () => {
              webexCalls += 1;
            },
          }),
        )
      : [];
  const mismatches = dependentsCheck.filter((member) => member.mismatch);
  for (const member of mismatches) {
    input.print(
      `audit: Webex counts ${member.webexCount} dependents of member ${member.memberId}, the audit saw ${member.auditCount}: someone else points people at it`,
    );
  }
  const wallMs = input.now() - started;
  await files.finish({
    auditId: input.auditId,
    generatedAt: new Date(input.now()).toISOString(),
    summary,
    locationNames: new Map(
      input.rules.locations.flatMap((l) => (l.name === undefined ? [] : [[webexIdKey(l.locationId), l.name]])),
    ),
    extra: { webexCalls, wallSeconds: wallMs / 1000, dependentMismatches: mismatches },
  });
  return { summary, webexCalls, wallMs, reconcileEvents };
}
