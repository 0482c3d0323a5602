/**
 * How many messages a queue still holds, from the approximate counters SQS exposes
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html).
 */
import { GetQueueAttributesCommand, QueueAttributeName, type SQSClient } from '@aws-sdk/client-sqs';

/** The three approximate counters of a queue, and their sum. */
export interface QueueDepth {
  /** `ApproximateNumberOfMessages`: ready to be received. */
  readonly visible: number;
  /** `ApproximateNumberOfMessagesNotVisible`: received and not yet deleted (or deferred by a visibility change). */
  readonly inFlight: number;
  /** `ApproximateNumberOfMessagesDelayed`: sent with a delay that has not passed. */
  readonly delayed: number;
  readonly total: number;
}

/**
 * Reads a queue's depth. A missing or non-numeric counter is an error: a fake that stops reporting it must not make
 * a queue look empty.
 *
 * @example
 * const { total } = await getQueueDepth(sqs, queueUrl); // 0 when nothing is left anywhere
 */
export async function getQueueDepth(sqs: SQSClient, queueUrl: string): Promise<QueueDepth> {
  const { Attributes: attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        QueueAttributeName.ApproximateNumberOfMessages,
        QueueAttributeName.ApproximateNumberOfMessagesNotVisible,
        QueueAttributeName.ApproximateNumberOfMessagesDelayed,
      ],
    }),
  );
  const visible = counter(attributes, QueueAttributeName.ApproximateNumberOfMessages);
  const inFlight = counter(attributes, QueueAttributeName.ApproximateNumberOfMessagesNotVisible);
  const delayed = counter(attributes, QueueAttributeName.ApproximateNumberOfMessagesDelayed);
  return { visible, inFlight, delayed, total: visible + inFlight + delayed };
}

function counter(attributes: Partial<Record<string, string>>, name: string): number {
  const text = attributes[name];
  const value = Number(text);
  if (text === undefined || text === '' || !Number.isInteger(value) || value < 0) {
    throw new Error(`GetQueueAttributes returned no usable ${name} (got ${JSON.stringify(text)})`);
  }
  return value;
}
