/**
 * SQS events built in memory for invoking the handler directly (no queue): records shaped as Lambda's SQS event
 * source delivers them (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#example-standard-queue-message-event),
 * with a real body MD5 and a receipt handle the handler would only use on failure (to defer or dead-letter).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

export interface SyntheticQueue {
  readonly queueArn: string;
  readonly region: string;
}

export interface SyntheticRecordOptions {
  readonly messageId?: string;
  /** Epoch ms of `SentTimestamp`. @default now */
  readonly sentAt?: number;
  /** @default 1 */
  readonly receiveCount?: number;
}

/**
 * @example
 * syntheticSqsRecord('{"eventType":"user.created",…}', { queueArn, region: 'us-east-1' }).md5OfBody; // hex MD5
 */
export function syntheticSqsRecord(
  body: string,
  queue: SyntheticQueue,
  options: SyntheticRecordOptions = {},
): SQSRecord {
  const messageId = options.messageId ?? randomUUID();
  const sentAt = String(options.sentAt ?? Date.now());
  return {
    messageId,
    // Receipt handles are opaque base64 blobs; this one is unique per message, as a real one is per receive.
    receiptHandle: Buffer.from(`bench:${messageId}:${randomUUID()}`).toString('base64'),
    body,
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: sentAt,
      SenderId: 'AIDABENCHSENDER',
      ApproximateFirstReceiveTimestamp: sentAt,
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body, 'utf8').digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: queue.queueArn,
    awsRegion: queue.region,
  };
}

/**
 * Bodies → SQS events of at most `batchSize` records each, in order.
 *
 * @example
 * syntheticSqsEvents(bodies, queue, 10).length; // Math.ceil(bodies.length / 10)
 */
export function syntheticSqsEvents(bodies: readonly string[], queue: SyntheticQueue, batchSize: number): SQSEvent[] {
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) {
    throw new RangeError(
      `batchSize must be 1-10 (the SQS event source maximum without a batching window), got ${batchSize}`,
    );
  }
  const events: SQSEvent[] = [];
  for (let start = 0; start < bodies.length; start += batchSize) {
    events.push({ Records: bodies.slice(start, start + batchSize).map((body) => syntheticSqsRecord(body, queue)) });
  }
  return events;
}
