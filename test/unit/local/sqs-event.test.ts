import type { Message } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { toSqsEvent, toSqsRecord } from '../../../local/aws/poller/sqs-event.js';

const SOURCE = { queueArn: 'arn:aws:sqs:us-east-1:000000000000:ecbn-provisioner-events', region: 'us-east-1' };

function receivedMessage(overrides: Partial<Message> = {}): Message {
  return {
    MessageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
    ReceiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
    Body: '{"personId":"p1"}',
    MD5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
    Attributes: {
      ApproximateReceiveCount: '2',
      SentTimestamp: '1545082649183',
      SenderId: 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: '1545082649185',
    },
    ...overrides,
  };
}

describe('toSqsRecord', () => {
  it('builds the record Lambda hands a function', () => {
    // Prepare / Act
    const record = toSqsRecord(receivedMessage(), SOURCE);

    // Assess
    expect(record).toEqual({
      messageId: '059f36b4-87a3-44ab-83d2-661975830a7d',
      receiptHandle: 'AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a',
      body: '{"personId":"p1"}',
      attributes: {
        ApproximateReceiveCount: '2',
        SentTimestamp: '1545082649183',
        SenderId: 'AIDAIENQZJOLO23YVJ4VO',
        ApproximateFirstReceiveTimestamp: '1545082649185',
      },
      messageAttributes: {},
      md5OfBody: 'e4e68fb7bd0e697a0ae8f1bb342846b3',
      eventSource: 'aws:sqs',
      eventSourceARN: SOURCE.queueArn,
      awsRegion: 'us-east-1',
    });
  });

  it('puts message attributes in the Lambda shape, binary values as base64', () => {
    // Prepare
    const message = receivedMessage({
      MD5OfMessageAttributes: '9a6e0a1f1c2e3d4b5a697887a6b5c4d3',
      MessageAttributes: {
        'ecbn-error-class': { DataType: 'String', StringValue: 'permanent' },
        attempt: { DataType: 'Number', StringValue: '3' },
        blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) },
      },
    });

    // Act
    const record = toSqsRecord(message, SOURCE);

    // Assess
    expect(record.md5OfMessageAttributes).toBe('9a6e0a1f1c2e3d4b5a697887a6b5c4d3');
    expect(record.messageAttributes).toEqual({
      'ecbn-error-class': { stringValue: 'permanent', stringListValues: [], binaryListValues: [], dataType: 'String' },
      attempt: { stringValue: '3', stringListValues: [], binaryListValues: [], dataType: 'Number' },
      blob: { binaryValue: 'AQID', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
    });
  });

  it('passes further system attributes through', () => {
    // Prepare
    const message = receivedMessage({
      Attributes: { ...receivedMessage().Attributes, AWSTraceHeader: 'Root=1-5e1b4151-5ac6c58f5b5daa6532e4f2e8' },
    });

    // Act
    const record = toSqsRecord(message, SOURCE);

    // Assess
    expect(record.attributes.AWSTraceHeader).toBe('Root=1-5e1b4151-5ac6c58f5b5daa6532e4f2e8');
  });

  it.each(['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp'])(
    'refuses a message without the %s system attribute',
    (name) => {
      // Prepare
      const attributes: Record<string, string> = { ...receivedMessage().Attributes };
      delete attributes[name];

      // Act / Assess
      expect(() => toSqsRecord(receivedMessage({ Attributes: attributes }), SOURCE)).toThrow(name);
    },
  );

  it.each(['MessageId', 'ReceiptHandle', 'Body', 'MD5OfBody'] as const)('refuses a message without %s', (field) => {
    // Prepare / Act / Assess
    expect(() => toSqsRecord(receivedMessage({ [field]: undefined }), SOURCE)).toThrow(/lacks/);
  });
});

describe('toSqsEvent', () => {
  it('keeps the received order', () => {
    // Prepare
    const messages = ['m1', 'm2', 'm3'].map((id) => receivedMessage({ MessageId: id }));

    // Act
    const event = toSqsEvent(messages, SOURCE);

    // Assess
    expect(event.Records.map((record) => record.messageId)).toEqual(['m1', 'm2', 'm3']);
  });
});
