/**
 * The deployed audit's SQS handler: one message per invocation (batch size 1), `ReportBatchItemFailures` so a failed
 * page is retried alone by SQS (and dead-lettered after the queue's maxReceiveCount), never the whole audit.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { describeError } from '../../errors.js';
import type { StructuredLogger } from '../../flow/process-record.js';
import { auditMessageSchema } from './audit-message.js';
import { AuditPagesPendingError, handleAuditMessage, type PageWorkerDependencies } from './page-worker.js';

/**
 * @example
 * export const handler = createAuditWorker(deps, logger);
 */
export function createAuditWorker(
  deps: PageWorkerDependencies,
  logger: StructuredLogger,
): (event: SQSEvent) => Promise<SQSBatchResponse> {
  return async (event) => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        body = undefined;
      }
      const message = auditMessageSchema.safeParse(body);
      if (!message.success) {
        // Retrying cannot fix it: logged loudly and dropped (the queue's DLQ is for pages that keep failing).
        logger.error('Not an audit message: dropped', { messageId: record.messageId });
        continue;
      }
      try {
        await handleAuditMessage(message.data, deps);
        logger.info('Audit message done', { messageId: record.messageId, ...describe(message.data) });
      } catch (error) {
        const pending = error instanceof AuditPagesPendingError;
        (pending ? logger.info : logger.warn).call(logger, pending ? 'Audit pages pending' : 'Audit message failed', {
          messageId: record.messageId,
          ...describe(message.data),
          error: describeError(error),
        });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures: failures };
  };
}

function describe(message: { kind: string; auditId?: string | undefined; page?: number }): Record<string, unknown> {
  return { kind: message.kind, auditId: message.auditId, page: message.page };
}
