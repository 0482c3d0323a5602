/**
 * The deployed audit's work for one queue message (see `audit-message.ts`). I/O through the injected ports, so the
 * flow is tested without AWS.
 */
import { auditOrg } from '../audit-engine.js';
import { csvHeader, csvRow } from '../outputs/csv.js';
import { auditPage } from '../outputs/html.js';
import { jsonlLine } from '../outputs/jsonl.js';
import type { PlacementLookup } from '../placement-lookup.js';
import { reconcileEvent, type ReconcileEvent } from '../reconcile-event.js';
import { auditRecordSchema, type AuditRecord } from '../report-record.js';
import {
  compliancePercent,
  createSummaryTally,
  emptyCounts,
  type AuditSummary,
  type StatusCounts,
} from '../summary.js';
import { webexIdKey } from '../../webex/ids.js';
import type { EcbnRules } from '../../rules/schema.js';
import type { WebexClient } from '../../webex/types.js';
import type { AuditMessage } from './audit-message.js';
import type { PageSummary, ReportStore } from './report-store.js';

export interface PageWorkerDependencies {
  readonly webex: WebexClient;
  readonly rules: EcbnRules;
  readonly placements: PlacementLookup;
  readonly store: ReportStore;
  /** Sends a message to the audit queue. */
  readonly send: (message: AuditMessage) => Promise<void>;
  /** With `auditFix`: publishes reconcile events on the provisioner's source queue. */
  readonly reconcile?: ((events: readonly ReconcileEvent[]) => Promise<void>) | undefined;
  /** Publishes the finished audit's metrics (CompliancePercent, DriftPeople, AttentionPeople). */
  readonly publishMetrics: (summary: AuditSummary) => void;
  readonly orgId?: string | undefined;
  readonly concurrency: number;
  readonly now: () => number;
  readonly newAuditId: () => string;
}

/** Thrown by `finish` while pages are still missing: the message is retried later (SQS visibility timeout). */
export class AuditPagesPendingError extends Error {
  override readonly name = 'AuditPagesPendingError';
}

/** Drift and attention people listed in the HTML page (the page files hold everyone). */
export const HTML_LIST_CAP = 2_000;

/**
 * @example
 * await handleAuditMessage({ kind: 'start' }, deps);
 */
export async function handleAuditMessage(message: AuditMessage, deps: PageWorkerDependencies): Promise<void> {
  if (message.kind === 'start') {
    await auditPeoplePage({ kind: 'page', auditId: message.auditId ?? deps.newAuditId(), page: 0 }, deps);
  } else if (message.kind === 'page') {
    await auditPeoplePage(message, deps);
  } else {
    await finishAudit(message, deps);
  }
}

async function auditPeoplePage(
  message: Extract<AuditMessage, { kind: 'page' }>,
  deps: PageWorkerDependencies,
): Promise<void> {
  const { auditId, page } = message;
  // A redelivered page that was completed already: its next message was sent before it was stored.
  if (await deps.store.hasPage(auditId, page)) return;
  const listed = await deps.webex.listCallingPeoplePage(message.cursor, {}, { orgId: deps.orgId });
  // The next page is queued before this one is audited, so pages overlap up to the function's concurrency.
  await deps.send(
    listed.next === undefined
      ? { kind: 'finish', auditId, pages: page + 1 }
      : { kind: 'page', auditId, page: page + 1, cursor: listed.next },
  );

  const tally = createSummaryTally();
  let jsonl = '';
  let csv = '';
  const drift: ReconcileEvent[] = [];
  const records = auditOrg(
    { webex: deps.webex, rules: deps.rules, placements: deps.placements, orgId: deps.orgId },
    { concurrency: deps.concurrency },
    oneItem(listed.people),
  );
  for await (const record of records) {
    tally.add(record);
    jsonl += jsonlLine(record);
    csv += csvRow(record);
    if (record.status === 'drift' && deps.reconcile !== undefined) {
      drift.push(
        reconcileEvent(record, {
          auditId,
          readAt: new Date(deps.now()).toISOString(),
          orgId: deps.orgId,
          placementFromExport: false,
        }),
      );
    }
  }
  if (deps.reconcile !== undefined && drift.length > 0) await deps.reconcile(drift);
  const summary = tally.summary();
  await deps.store.putPage(auditId, page, {
    jsonl,
    csv,
    summary: { people: summary.people, byStatus: summary.byStatus, byLocation: summary.byLocation },
  });
}

async function finishAudit(
  message: Extract<AuditMessage, { kind: 'finish' }>,
  deps: PageWorkerDependencies,
): Promise<void> {
  const { auditId, pages } = message;
  const summaries = await deps.store.pageSummaries(auditId);
  const missing = pages - [...summaries.keys()].filter((page) => page < pages).length;
  if (missing > 0) throw new AuditPagesPendingError(`${missing} of ${pages} page(s) of audit ${auditId} not done yet`);

  const summary = combine([...summaries.values()]);
  const drift: AuditRecord[] = [];
  const attention: AuditRecord[] = [];
  const omitted = { drift: 0, attention: 0 };
  for (let page = 0; page < pages; page += 1) {
    for (const line of (await deps.store.readPageRecords(auditId, page)).split('\n')) {
      if (line.trim() === '') continue;
      const record = auditRecordSchema.parse(JSON.parse(line));
      const list = record.status === 'drift' ? drift : record.status === 'attention' ? attention : undefined;
      if (list === undefined) continue;
      if (list.length < HTML_LIST_CAP) list.push(record);
      else omitted[record.status === 'drift' ? 'drift' : 'attention'] += 1;
    }
  }
  const generatedAt = new Date(deps.now()).toISOString();
  const locationNames = new Map(
    deps.rules.locations.flatMap((location) =>
      location.name === undefined ? [] : [[webexIdKey(location.locationId), location.name]],
    ),
  );
  await deps.store.putReport(auditId, 'audit-header.csv', csvHeader(), 'text/csv');
  await deps.store.putReport(
    auditId,
    'summary.json',
    `${JSON.stringify({ auditId, generatedAt, pages, ...summary }, null, 2)}\n`,
    'application/json',
  );
  await deps.store.putReport(
    auditId,
    'audit.html',
    auditPage({ auditId, generatedAt, summary, locationNames, drift, attention, omitted }),
    'text/html; charset=utf-8',
  );
  deps.publishMetrics(summary);
}

/** The counts of all pages, as one summary. */
export function combine(pages: readonly PageSummary[]): AuditSummary {
  const byStatus = emptyCounts();
  const byLocation: Record<string, StatusCounts> = {};
  let people = 0;
  for (const page of pages) {
    people += page.people;
    for (const [status, count] of Object.entries(page.byStatus) as [keyof StatusCounts, number][]) {
      byStatus[status] += count;
    }
    for (const [location, counts] of Object.entries(page.byLocation)) {
      const target = (byLocation[location] ??= emptyCounts());
      for (const [status, count] of Object.entries(counts) as [keyof StatusCounts, number][]) target[status] += count;
    }
  }
  const callingPeople = people - byStatus['not-calling'];
  return {
    people,
    callingPeople,
    byStatus,
    byLocation,
    compliancePercent: compliancePercent(byStatus.compliant, callingPeople),
  };
}

async function* oneItem<T>(item: T): AsyncGenerator<T> {
  yield item;
}
