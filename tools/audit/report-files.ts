/**
 * Writes an audit to a directory as it runs: `audit.jsonl` and `audit.csv` record by record (stream backpressure
 * honoured, nothing accumulated), then `summary.json` and the self-contained `audit.html` at the end. The HTML lists
 * are capped at {@link HTML_LIST_CAP} people each; the CSV and JSON Lines hold everyone.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { csvHeader, csvRow } from '../../lambda/audit/outputs/csv.js';
import { auditPage } from '../../lambda/audit/outputs/html.js';
import { jsonlLine } from '../../lambda/audit/outputs/jsonl.js';
import type { AuditRecord } from '../../lambda/audit/report-record.js';
import type { AuditSummary } from '../../lambda/audit/summary.js';

export const HTML_LIST_CAP = 2_000;

export const REPORT_FILES = {
  jsonl: 'audit.jsonl',
  csv: 'audit.csv',
  html: 'audit.html',
  summary: 'summary.json',
} as const;

export interface ReportFiles {
  write(record: AuditRecord): Promise<void>;
  finish(input: {
    auditId: string;
    generatedAt: string;
    summary: AuditSummary;
    locationNames: ReadonlyMap<string, string>;
    extra?: Record<string, unknown>;
  }): Promise<void>;
}

/**
 * @example
 * const files = await openReportFiles('audit-report');
 * for await (const record of auditOrg(deps)) await files.write(record);
 * await files.finish({ auditId, generatedAt, summary, locationNames });
 */
export async function openReportFiles(dir: string): Promise<ReportFiles> {
  await mkdir(dir, { recursive: true });
  const jsonl = createWriteStream(path.join(dir, REPORT_FILES.jsonl), { encoding: 'utf8' });
  const csv = createWriteStream(path.join(dir, REPORT_FILES.csv), { encoding: 'utf8' });
  await put(csv, csvHeader());
  const drift: AuditRecord[] = [];
  const attention: AuditRecord[] = [];
  const omitted = { drift: 0, attention: 0 };
  return {
    async write(record) {
      await Promise.all([put(jsonl, jsonlLine(record)), put(csv, csvRow(record))]);
      if (record.status === 'drift') {
        if (drift.length < HTML_LIST_CAP) drift.push(record);
        else omitted.drift += 1;
      } else if (record.status === 'attention') {
        if (attention.length < HTML_LIST_CAP) attention.push(record);
        else omitted.attention += 1;
      }
    },
    async finish(input) {
      await Promise.all([close(jsonl), close(csv)]);
      await writeFile(
        path.join(dir, REPORT_FILES.summary),
        `${JSON.stringify({ auditId: input.auditId, generatedAt: input.generatedAt, ...input.summary, ...input.extra }, null, 2)}\n`,
      );
      await writeFile(
        path.join(dir, REPORT_FILES.html),
        auditPage({ ...input, drift, attention, omitted: { ...omitted } }),
      );
    },
  };
}

async function put(stream: WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}
