/** Factories for SQS records, events and Lambda contexts (over JSON blobs). */
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';

let sequence = 0;

export interface SqsRecordOverrides {
  messageId?: string;
  receiveCount?: number;
  sentTimestamp?: number;
}

/** One SQS record as Lambda delivers it. */
export function sqsRecord(body: string | object, overrides: SqsRecordOverrides = {}): SQSRecord {
  sequence += 1;
  const messageId = overrides.messageId ?? `msg-${sequence}`;
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: String(overrides.receiveCount ?? 1),
      SentTimestamp: String(overrides.sentTimestamp ?? Date.parse('2026-11-29T09:12:05Z')),
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: String(Date.parse('2026-11-29T09:12:06Z')),
    },
    messageAttributes: {},
    md5OfBody: 'not-checked',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:ecbn-onboarding',
    awsRegion: 'us-east-1',
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A Lambda context whose remaining time counts down on the given clock. */
export function lambdaContext(options: { remainingMs?: number; now?: () => number } = {}): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + (options.remainingMs ?? 60_000);
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'ecbn-provisioner',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:ecbn-provisioner',
    memoryLimitInMB: '512',
    awsRequestId: `req-${++sequence}`,
    logGroupName: '/aws/lambda/ecbn-provisioner',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
