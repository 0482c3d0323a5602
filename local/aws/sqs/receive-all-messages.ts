/**
 * Reads every message currently visible in a queue (e.g. the dead-letter queue at the end of a run), with their
 * message attributes and system attributes.
 */
import {
  DeleteMessageBatchCommand,
  MessageSystemAttributeName,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** Options of {@link receiveAllMessages}. */
export interface ReceiveAllMessagesOptions {
  /**
   * How long the messages stay hidden after being read, so that one read never returns a message twice.
   * Default 300 s; they come back afterwards unless {@link deleteAfterRead} is set.
   */
  visibilityTimeoutSeconds?: number;
  /** Delete what was read. Default false. */
  deleteAfterRead?: boolean;
  /** Safety bound on the number of messages read. Default 10,000. */
  maxMessages?: number;
}

/**
 * Receives until a receive comes back empty. The messages are hidden for `visibilityTimeoutSeconds`, so this is a
 * read, not a peek: call it once the queue is no longer being consumed.
 *
 * @example
 * const deadLetters = await receiveAllMessages(sqs, deadLetterQueueUrl);
 * deadLetters.map((m) => m.MessageAttributes?.['ecbn-error-class']?.StringValue);
 */
export async function receiveAllMessages(
  sqs: SQSClient,
  queueUrl: string,
  options: ReceiveAllMessagesOptions = {},
): Promise<Message[]> {
  const maxMessages = options.maxMessages ?? 10_000;
  const read: Message[] = [];
  while (read.length < maxMessages) {
    const { Messages: batch = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, maxMessages - read.length),
        VisibilityTimeout: options.visibilityTimeoutSeconds ?? 300,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: [MessageSystemAttributeName.All],
      }),
    );
    if (batch.length === 0) break;
    read.push(...batch);
    if (options.deleteAfterRead === true) {
      const deleted = await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((message, index) => ({ Id: `m${index}`, ReceiptHandle: message.ReceiptHandle })),
        }),
      );
      const failed = deleted.Failed ?? [];
      if (failed.length > 0) {
        throw new Error(`DeleteMessageBatch failed for ${failed.length} message(s): ${failed[0]?.Code ?? 'unknown'}`);
      }
    }
  }
  return read;
}
