import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syntheticSqsEvents, syntheticSqsRecord } from '../../../local/bench/synthetic-sqs.js';

const queue = { queueArn: 'arn:aws:sqs:us-east-1:000000000000:ecbn-bench-source', region: 'us-east-1' };

describe('syntheticSqsRecord', () => {
  it('looks like a record of the SQS event source, with the body’s real MD5', () => {
    // Act
    const record = syntheticSqsRecord('{"eventType":"user.created"}', queue, {
      messageId: 'm-1',
      sentAt: 1_764_400_000_000,
      receiveCount: 2,
    });

    // Assess
    expect(record).toMatchObject({
      messageId: 'm-1',
      body: '{"eventType":"user.created"}',
      md5OfBody: createHash('md5').update('{"eventType":"user.created"}').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: queue.queueArn,
      awsRegion: 'us-east-1',
      attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1764400000000',
        ApproximateFirstReceiveTimestamp: '1764400000000',
      },
    });
    expect(record.attributes.SenderId).not.toBe('');
  });

  it('gives every record its own message id and receipt handle', () => {
    // Act
    const a = syntheticSqsRecord('{}', queue);
    const b = syntheticSqsRecord('{}', queue);

    // Assess
    expect(a.messageId).not.toBe(b.messageId);
    expect(a.receiptHandle).not.toBe(b.receiptHandle);
  });
});

describe('syntheticSqsEvents', () => {
  it('cuts the bodies into events of at most batchSize records, in order', () => {
    // Prepare
    const bodies = Array.from({ length: 23 }, (_, i) => `{"n":${i}}`);

    // Act
    const events = syntheticSqsEvents(bodies, queue, 10);

    // Assess
    expect(events.map((e) => e.Records.length)).toEqual([10, 10, 3]);
    expect(events.flatMap((e) => e.Records.map((r) => r.body))).toEqual(bodies);
  });

  it.each([0, 11, 2.5])('refuses a batch size of %s', (batchSize) => {
    expect(() => syntheticSqsEvents(['{}'], queue, batchSize)).toThrow(RangeError);
  });
});
