/**
 * Publishes messages on the source queue (the member-loss reconciles), 10 per `SendMessageBatch` (the SQS maximum).
 * Any entry SQS refuses rejects the whole publish: the caller reports it loudly.
 *
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
 */
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SourcePublisher } from './member-loss.js';

/** SQS accepts at most 10 entries per batch. */
const SQS_BATCH_LIMIT = 10;

/**
 * @example
 * const publisher = createSourcePublisher(new SQSClient({}), config.sourceQueueUrl);
 * await publisher.publish([JSON.stringify(event)]);
 */
export function createSourcePublisher(sqs: SQSClient, sourceQueueUrl: string): SourcePublisher {
  return {
    async publish(bodies) {
      for (let start = 0; start < bodies.length; start += SQS_BATCH_LIMIT) {
        const chunk = bodies.slice(start, start + SQS_BATCH_LIMIT);
        const answer = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: sourceQueueUrl,
            Entries: chunk.map((body, index) => ({ Id: String(index), MessageBody: body })),
          }),
        );
        const failed = answer.Failed ?? [];
        if (failed.length > 0) {
          throw new Error(`SQS refused ${failed.length} of ${chunk.length} message(s): ${failed[0]?.Code ?? '?'}`);
        }
      }
    },
  };
}
