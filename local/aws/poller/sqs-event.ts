/**
 * Turns SQS `ReceiveMessage` results into the event Lambda's SQS event source mapping hands a function
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html#example-standard-queue-message-event): camelCase
 * record fields, system attributes as strings, message attributes as `{ stringValue, binaryValue (base64),
 * stringListValues, binaryListValues, dataType }`.
 */
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttribute, SQSRecord, SQSRecordAttributes } from 'aws-lambda';

/** The queue the records come from. */
export interface SqsEventSource {
  readonly queueArn: string;
  readonly region: string;
}

/** The system attributes Lambda always puts on a record; a peer that omits one is broken, not tolerated. */
const REQUIRED_SYSTEM_ATTRIBUTES = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SenderId',
  'ApproximateFirstReceiveTimestamp',
] as const;

/**
 * @example
 * toSqsEvent(received.Messages ?? [], { queueArn, region: 'us-east-1' }); // { Records: [...] }
 */
export function toSqsEvent(messages: readonly Message[], source: SqsEventSource): SQSEvent {
  return { Records: messages.map((message) => toSqsRecord(message, source)) };
}

/**
 * Maps one received message. Throws when the message lacks what every Lambda record has (id, receipt handle, body,
 * body MD5 or a required system attribute): the receive must ask for `MessageSystemAttributeNames: ['All']`.
 *
 * @example
 * toSqsRecord(message, { queueArn: 'arn:aws:sqs:us-east-1:000000000000:q', region: 'us-east-1' }).eventSource; // 'aws:sqs'
 */
export function toSqsRecord(message: Message, source: SqsEventSource): SQSRecord {
  const { MessageId: messageId, ReceiptHandle: receiptHandle, Body: body, MD5OfBody: md5OfBody } = message;
  if (messageId === undefined || receiptHandle === undefined || body === undefined || md5OfBody === undefined) {
    throw new Error('A received SQS message lacks MessageId, ReceiptHandle, Body or MD5OfBody');
  }
  const record: SQSRecord = {
    messageId,
    receiptHandle,
    body,
    attributes: toRecordAttributes(messageId, message.Attributes ?? {}),
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, toLambdaAttribute(value)]),
    ),
    md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: source.queueArn,
    awsRegion: source.region,
  };
  if (message.MD5OfMessageAttributes !== undefined) record.md5OfMessageAttributes = message.MD5OfMessageAttributes;
  return record;
}

function toRecordAttributes(messageId: string, attributes: Partial<Record<string, string>>): SQSRecordAttributes {
  const { ApproximateReceiveCount, SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp } = attributes;
  if (
    ApproximateReceiveCount === undefined ||
    SentTimestamp === undefined ||
    SenderId === undefined ||
    ApproximateFirstReceiveTimestamp === undefined
  ) {
    const missing = REQUIRED_SYSTEM_ATTRIBUTES.filter((name) => attributes[name] === undefined);
    throw new Error(`Received SQS message ${messageId} lacks system attribute(s) ${missing.join(', ')}`);
  }
  // Every other system attribute (AWSTraceHeader, and on FIFO queues MessageGroupId, SequenceNumber, …) passes as is.
  const others = Object.fromEntries(
    Object.entries(attributes).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return { ...others, ApproximateReceiveCount, SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp };
}

function toLambdaAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  const attribute: SQSMessageAttribute = {
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(toBase64),
    dataType: value.DataType ?? 'String',
  };
  if (value.StringValue !== undefined) attribute.stringValue = value.StringValue;
  if (value.BinaryValue !== undefined) attribute.binaryValue = toBase64(value.BinaryValue);
  return attribute;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}
