import { describe, expect, it } from 'vitest';
import { NO_PLACEMENTS } from '../../../lambda/audit/placement-lookup.js';
import type { ReconcileEvent } from '../../../lambda/audit/reconcile-event.js';
import type { AuditSummary } from '../../../lambda/audit/summary.js';
import type { AuditMessage } from '../../../lambda/audit/worker/audit-message.js';
import {
  AuditPagesPendingError,
  handleAuditMessage,
  type PageWorkerDependencies,
} from '../../../lambda/audit/worker/page-worker.js';
import type { PageSummary, ReportStore } from '../../../lambda/audit/worker/report-store.js';
import type { WebexPerson } from '../../../lambda/webex/models.js';
import { fakeWebexClient } from '../../helpers/fake-webex-client.js';
import { personEcbnFactory, rulesFactory, testIds } from '../../helpers/rules-factories.js';

function memoryStore(): ReportStore & { reports: Map<string, string>; pages: Map<number, PageSummary> } {
  const pages = new Map<number, PageSummary>();
  const records = new Map<number, string>();
  const reports = new Map<string, string>();
  return {
    pages,
    reports,
    hasPage: (_id, page) => Promise.resolve(pages.has(page)),
    putPage(_id, page, files) {
      pages.set(page, files.summary);
      records.set(page, files.jsonl);
      return Promise.resolve();
    },
    pageSummaries: () => Promise.resolve(new Map(pages)),
    readPageRecords: (_id, page) => Promise.resolve(records.get(page) ?? ''),
    putReport(_id, name, body) {
      reports.set(name, body);
      return Promise.resolve();
    },
  };
}

const person = (n: number): WebexPerson => ({
  id: testIds.person(n),
  emails: [`p${n}@example.com`],
  locationId: testIds.location(1),
});

function worker(pages: WebexPerson[][], fix = false) {
  const sent: AuditMessage[] = [];
  const reconciled: ReconcileEvent[] = [];
  const metrics: AuditSummary[] = [];
  const store = memoryStore();
  const webex = fakeWebexClient({
    peoplePages: pages,
    ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }),
  });
  const deps: PageWorkerDependencies = {
    webex,
    rules: rulesFactory(),
    placements: NO_PLACEMENTS,
    store,
    send: (message) => {
      sent.push(message);
      return Promise.resolve();
    },
    reconcile: fix
      ? (events) => {
          reconciled.push(...events);
          return Promise.resolve();
        }
      : undefined,
    publishMetrics: (summary) => metrics.push(summary),
    concurrency: 4,
    now: () => Date.parse('2026-12-06T02:00:00Z'),
    newAuditId: () => 'audit-1',
  };
  return { deps, sent, reconciled, metrics, store, webex };
}

describe('the deployed audit, message by message', () => {
  it('queues the next page before auditing its own, and stores the page', async () => {
    const { deps, sent, store } = worker([[person(1)], [person(2)]]);

    await handleAuditMessage({ kind: 'start' }, deps);

    expect(sent).toEqual([{ kind: 'page', auditId: 'audit-1', page: 1, cursor: '1' }]);
    expect(store.pages.get(0)).toMatchObject({ people: 1, byStatus: { drift: 1 } });
  });

  it('sends finish after the last page, and builds the report once every page is stored', async () => {
    const { deps, sent, store, metrics } = worker([[person(1)], [person(2), person(3)]]);
    await handleAuditMessage({ kind: 'start' }, deps);
    const next = sent[0];
    if (next === undefined) throw new Error('no next page queued');
    await handleAuditMessage(next, deps);

    const finish = sent.at(-1);
    expect(finish).toEqual({ kind: 'finish', auditId: 'audit-1', pages: 2 });
    if (finish === undefined) return;
    await handleAuditMessage(finish, deps);

    expect(JSON.parse(store.reports.get('summary.json') ?? '{}')).toMatchObject({
      people: 3,
      byStatus: { drift: 3 },
      compliancePercent: 0,
    });
    expect(store.reports.get('audit.html')).toContain('<h2>Drift (3)</h2>');
    expect(metrics).toHaveLength(1);
  });

  it('keeps finish pending while a page is missing (SQS retries it later)', async () => {
    const { deps } = worker([[person(1)]]);

    await expect(handleAuditMessage({ kind: 'finish', auditId: 'audit-1', pages: 2 }, deps)).rejects.toBeInstanceOf(
      AuditPagesPendingError,
    );
  });

  it('does a redelivered page once', async () => {
    const { deps, sent, webex } = worker([[person(1)], [person(2)]]);
    await handleAuditMessage({ kind: 'page', auditId: 'audit-1', page: 0 }, deps);

    await handleAuditMessage({ kind: 'page', auditId: 'audit-1', page: 0 }, deps);

    expect(sent).toHaveLength(1);
    expect(webex.calls.filter((c) => c.operation === 'listCallingPeoplePage')).toHaveLength(1);
  });

  it('publishes a reconcile event per drift when auditFix is on', async () => {
    const { deps, reconciled } = worker([[person(1), person(2)]], true);

    await handleAuditMessage({ kind: 'start', auditId: 'a-7' }, deps);

    expect(reconciled.map((event) => [event.eventType, event.person.id])).toEqual([
      ['ecbn.reconcile', testIds.person(1)],
      ['ecbn.reconcile', testIds.person(2)],
    ]);
  });
});
