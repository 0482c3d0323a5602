/**
 * Where the deployed audit keeps its results, in the reports bucket:
 *
 *     audits/<auditId>/pages/<page>.jsonl          the records of one People page (JSON Lines)
 *     audits/<auditId>/pages/<page>.csv            the same as CSV (no header; the header is in audit-header.csv)
 *     audits/<auditId>/pages/<page>.summary.json   that page's counts
 *     audits/<auditId>/summary.json, audit.html, audit-header.csv   written once all pages are in
 *
 * Keyed by page number, so a page done twice (an SQS redelivery) overwrites itself instead of counting twice.
 */
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { emptyCounts, type StatusCounts } from '../summary.js';

export interface PageSummary {
  readonly people: number;
  readonly byStatus: StatusCounts;
  readonly byLocation: Readonly<Record<string, StatusCounts>>;
}

export interface ReportStore {
  hasPage(auditId: string, page: number): Promise<boolean>;
  putPage(auditId: string, page: number, files: { jsonl: string; csv: string; summary: PageSummary }): Promise<void>;
  /** The summaries of the pages stored so far, by page number. */
  pageSummaries(auditId: string): Promise<Map<number, PageSummary>>;
  readPageRecords(auditId: string, page: number): Promise<string>;
  putReport(auditId: string, name: string, body: string, contentType: string): Promise<void>;
}

const pageKey = (auditId: string, page: number, suffix: string) =>
  `audits/${auditId}/pages/${String(page).padStart(6, '0')}${suffix}`;

/**
 * @example
 * const store = s3ReportStore(new S3Client({}), process.env.AUDIT_BUCKET);
 */
export function s3ReportStore(s3: S3Client, bucket: string): ReportStore {
  const put = (key: string, body: string, contentType: string) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  const read = async (key: string) => {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await answer.Body?.transformToString('utf8')) ?? '';
  };
  return {
    async hasPage(auditId, page) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: pageKey(auditId, page, '.summary.json') }));
        return true;
      } catch (error) {
        if (error instanceof NotFound) return false;
        throw error;
      }
    },
    async putPage(auditId, page, files) {
      // The summary goes last: its presence means the page is complete.
      await put(pageKey(auditId, page, '.jsonl'), files.jsonl, 'application/x-ndjson');
      await put(pageKey(auditId, page, '.csv'), files.csv, 'text/csv');
      await put(pageKey(auditId, page, '.summary.json'), JSON.stringify(files.summary), 'application/json');
    },
    async pageSummaries(auditId) {
      const summaries = new Map<number, PageSummary>();
      let token: string | undefined;
      do {
        const answer = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: `audits/${auditId}/pages/`, ContinuationToken: token }),
        );
        for (const object of answer.Contents ?? []) {
          const match = /\/(\d{6})\.summary\.json$/.exec(object.Key ?? '');
          if (match?.[1] === undefined || object.Key === undefined) continue;
          summaries.set(Number(match[1]), parsePageSummary(await read(object.Key)));
        }
        token = answer.IsTruncated === true ? answer.NextContinuationToken : undefined;
      } while (token !== undefined);
      return summaries;
    },
    readPageRecords: (auditId, page) => read(pageKey(auditId, page, '.jsonl')),
    async putReport(auditId, name, body, contentType) {
      await put(`audits/${auditId}/${name}`, body, contentType);
    },
  };
}

function parsePageSummary(text: string): PageSummary {
  const value = JSON.parse(text) as Partial<PageSummary>;
  return { people: value.people ?? 0, byStatus: value.byStatus ?? emptyCounts(), byLocation: value.byLocation ?? {} };
}
