/**
 * The two things the function does to the queues itself: dead-letter a record with its reason, and defer a record by
 * changing its visibility. (Lambda's event source deletes what we report as done and leaves what we report failed.)
 */
import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import type { ErrorClass } from '../errors.js';
import { MAX_DEFER_SECONDS } from './backoff.js';

/** Message attribute names on dead-lettered messages (documented in docs/dead-letters.md, "Dead-letter attributes"). */
export const DLQ_ATTRIBUTE = {
  ERROR_CLASS: 'ecbn-error-class',
  ERROR: 'ecbn-error',
  TRACKING_ID: 'ecbn-tracking-id',
  SOURCE_MESSAGE_ID: 'ecbn-source-message-id',
  FAILED_AT: 'ecbn-failed-at',
  EVENT_ID: 'ecbn-event-id',
  RECEIVE_COUNT: 'ecbn-receive-count',
} as const;

export interface DeadLetterInput {
  readonly record: SQSRecord;
  readonly errorClass: ErrorClass;
  /** Short, redacted reason (see `describeError`). */
  readonly reason: string;
  readonly trackingId?: string | undefined;
  readonly eventId?: string | undefined;
  readonly failedAt: Date;
}

export interface QueueActions {
  /** Sends the original body to the DLQ with the reason attributes. Rejects if SQS refuses. */
  deadLetter(input: DeadLetterInput): Promise<void>;
  /** Makes the record invisible for `seconds` (0 to {@link MAX_DEFER_SECONDS}). Rejects if SQS refuses. */
  defer(record: SQSRecord, seconds: number): Promise<void>;
}

/**
 * @example
 * const actions = createQueueActions(new SQSClient({}), { sourceQueueUrl, deadLetterQueueUrl });
 * await actions.defer(record, 30);
 */
export function createQueueActions(
  sqs: SQSClient,
  queues: { sourceQueueUrl: string; deadLetterQueueUrl: string },
): QueueActions {
  return {
    async deadLetter(input) {
      const text = (value: string) => ({ DataType: 'String', StringValue: attributeText(value) });
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queues.deadLetterQueueUrl,
          MessageBody: input.record.body,
          MessageAttributes: {
            [DLQ_ATTRIBUTE.ERROR_CLASS]: text(input.errorClass),
            [DLQ_ATTRIBUTE.ERROR]: text(input.reason),
            [DLQ_ATTRIBUTE.TRACKING_ID]: text(input.trackingId ?? '-'),
            [DLQ_ATTRIBUTE.SOURCE_MESSAGE_ID]: text(input.record.messageId),
            [DLQ_ATTRIBUTE.FAILED_AT]: text(input.failedAt.toISOString()),
            [DLQ_ATTRIBUTE.EVENT_ID]: text(input.eventId ?? '-'),
            [DLQ_ATTRIBUTE.RECEIVE_COUNT]: {
              DataType: 'Number',
              StringValue: String(receiveCountOf(input.record)),
            },
          },
        }),
      );
    },
    async defer(record, seconds) {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queues.sourceQueueUrl,
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: Math.max(0, Math.min(MAX_DEFER_SECONDS, Math.round(seconds))),
        }),
      );
    },
  };
}

/**
 * An SQS String attribute value: non-empty, and only the characters SQS accepts (the same as a message body:
 * #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF,
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html). A refused character
 * (from an event id or a Webex description) would fail the dead-letter send itself.
 *
 * @example
 * attributeText('bad\u0000id'); // 'bad?id'
 */
export function attributeText(value: string): string {
  // eslint-disable-next-line no-control-regex -- matching the control characters SQS refuses is the point.
  const clean = value.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '?');
  return clean.length > 0 ? clean : '-';
}

/** `ApproximateReceiveCount` as a number (1 when absent or malformed). */
export function receiveCountOf(record: SQSRecord): number {
  const count = Number.parseInt(record.attributes.ApproximateReceiveCount, 10);
  return Number.isFinite(count) && count > 0 ? count : 1;
}
