/**
 * Messages of the deployed audit's queue. The audit walks the org one People page per message: a page's worker
 * sends the next page's message before it audits its own page, so pages overlap up to the function's concurrency,
 * a failed page is retried by SQS on its own (its cursor is in the message), and the audit never restarts from zero.
 *
 * - `start`: from the schedule or an admin (`{"kind":"start"}`); the first page gets an audit id.
 * - `page`: page `page` (0-based) of audit `auditId`, at `cursor` (the previous page's `Link: rel="next"` URL).
 * - `finish`: sent by the last page; retried until all `pages` page results are stored, then the report is built.
 */
import * as z from 'zod';

const auditId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, . _ - (1-64)');

export const auditMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('start'), auditId: auditId.optional() }),
  z.strictObject({
    kind: z.literal('page'),
    auditId,
    page: z.number().int().min(0),
    cursor: z.string().url().optional(),
  }),
  z.strictObject({ kind: z.literal('finish'), auditId, pages: z.number().int().min(1) }),
]);

export type AuditMessage = z.infer<typeof auditMessageSchema>;
