/**
 * The local SQS (fauxqs 1.9.2 on 127.0.0.1) does what the function relies on from SQS: redrive to the DLQ after
 * maxReceiveCount receives, ChangeMessageVisibility, message attributes, and the system attributes Lambda forwards.
 */
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  MessageSystemAttributeName,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type MessageAttributeValue,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { getQueueDepth } from '../../local/aws/sqs/queue-depth.js';
import { receiveAllMessages } from '../../local/aws/sqs/receive-all-messages.js';
import { startLocalSqs, type LocalSqs, type LocalSqsOptions } from '../../local/aws/sqs/start-local-sqs.js';

let sqs: LocalSqs | undefined;

async function start(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  sqs = await startLocalSqs(options);
  return sqs;
}

afterEach(async () => {
  await sqs?.stop();
  sqs = undefined;
});

async function send(
  local: LocalSqs,
  body: string,
  attributes?: Record<string, MessageAttributeValue>,
): Promise<string> {
  const sent = await local.client.send(
    new SendMessageCommand({ QueueUrl: local.sourceQueueUrl, MessageBody: body, MessageAttributes: attributes }),
  );
  if (sent.MessageId === undefined) throw new Error('SendMessage returned no MessageId');
  return sent.MessageId;
}

async function receive(local: LocalSqs, queueUrl: string, visibilityTimeout?: number, wait = 0): Promise<Message[]> {
  const received = await local.client.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: wait,
      VisibilityTimeout: visibilityTimeout,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: [MessageSystemAttributeName.All],
    }),
  );
  return received.Messages ?? [];
}

function stringAttribute(value: string): MessageAttributeValue {
  return { DataType: 'String', StringValue: value };
}

describe('startLocalSqs', () => {
  it('listens on 127.0.0.1 and creates the source queue with a redrive policy to its DLQ', async () => {
    // Prepare / Act
    const local = await start({ maxReceiveCount: 4, visibilityTimeoutSeconds: 7, queueName: 'people-events' });

    // Assess
    expect(new URL(local.endpoint).hostname).toBe('127.0.0.1');
    expect(local.sourceQueueUrl).toMatch(/\/people-events$/);
    expect(local.deadLetterQueueUrl).toMatch(/\/people-events-dlq$/);
    const { Attributes: attributes } = await local.client.send(
      new GetQueueAttributesCommand({ QueueUrl: local.sourceQueueUrl, AttributeNames: ['All'] }),
    );
    expect(attributes?.VisibilityTimeout).toBe('7');
    expect(JSON.parse(attributes?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: local.deadLetterQueueArn,
      maxReceiveCount: 4,
    });
  });

  it('moves a message to the DLQ on the receive after maxReceiveCount receives', async () => {
    // Prepare
    const local = await start({ maxReceiveCount: 3 });
    const messageId = await send(local, '{"personId":"p1"}');

    // Act: receive it maxReceiveCount times, making it visible again each time, then once more.
    const receiveCounts: string[] = [];
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const [message] = await receive(local, local.sourceQueueUrl);
      receiveCounts.push(message?.Attributes?.ApproximateReceiveCount ?? 'missing');
      await local.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: local.sourceQueueUrl,
          ReceiptHandle: message?.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
    const afterLimit = await receive(local, local.sourceQueueUrl);

    // Assess
    expect(receiveCounts).toEqual(['1', '2', '3']);
    expect(afterLimit).toEqual([]);
    const deadLetters = await receiveAllMessages(local.client, local.deadLetterQueueUrl);
    expect(deadLetters.map((message) => [message.MessageId, message.Body])).toEqual([[messageId, '{"personId":"p1"}']]);
    expect((await getQueueDepth(local.client, local.sourceQueueUrl)).total).toBe(0);
  });

  it('makes a received message visible again at once with ChangeMessageVisibility 0', async () => {
    // Prepare
    const local = await start({ visibilityTimeoutSeconds: 600 });
    await send(local, 'hello');
    const [first] = await receive(local, local.sourceQueueUrl);
    const whileHidden = await receive(local, local.sourceQueueUrl);

    // Act
    await local.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: local.sourceQueueUrl,
        ReceiptHandle: first?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const [again] = await receive(local, local.sourceQueueUrl);

    // Assess
    expect(whileHidden).toEqual([]);
    expect(again?.MessageId).toBe(first?.MessageId);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('keeps a message hidden past its first timeout when ChangeMessageVisibility extends it', async () => {
    // Prepare: two messages received with a 1 s visibility timeout; only the second one is extended.
    const local = await start();
    await send(local, 'control');
    await send(local, 'extended');
    const received = await receive(local, local.sourceQueueUrl, 1);
    const extended = received.find((message) => message.Body === 'extended');
    await local.client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: local.sourceQueueUrl,
        ReceiptHandle: extended?.ReceiptHandle,
        VisibilityTimeout: 600,
      }),
    );

    // Act: long-poll until the control message is back (its 1 s has passed), then look again.
    const reappeared = await receive(local, local.sourceQueueUrl, 600, 5);
    const afterwards = await receive(local, local.sourceQueueUrl);

    // Assess
    expect(received).toHaveLength(2);
    expect(reappeared.map((message) => message.Body)).toEqual(['control']);
    expect(afterwards).toEqual([]);
    expect(await getQueueDepth(local.client, local.sourceQueueUrl)).toMatchObject({ visible: 0, inFlight: 2 });
  });

  it('returns the DLQ reason attributes and the system attributes Lambda forwards', async () => {
    // Prepare
    const local = await start();
    const sentBefore = Date.now();
    await local.client.send(
      new SendMessageCommand({
        QueueUrl: local.deadLetterQueueUrl,
        MessageBody: '{"personId":"p2"}',
        MessageAttributes: {
          'ecbn-error-class': stringAttribute('permanent'),
          'ecbn-error': stringAttribute('InvalidEventError: personId is required'),
          'ecbn-tracking-id': stringAttribute('ROUTER_0123'),
          'ecbn-source-message-id': stringAttribute('0b5e-source'),
          'ecbn-failed-at': stringAttribute('2026-11-29T10:00:00.000Z'),
        },
      }),
    );

    // Act
    const [message] = await receive(local, local.deadLetterQueueUrl);

    // Assess
    expect(message?.MessageAttributes).toEqual({
      'ecbn-error-class': stringAttribute('permanent'),
      'ecbn-error': stringAttribute('InvalidEventError: personId is required'),
      'ecbn-tracking-id': stringAttribute('ROUTER_0123'),
      'ecbn-source-message-id': stringAttribute('0b5e-source'),
      'ecbn-failed-at': stringAttribute('2026-11-29T10:00:00.000Z'),
    });
    expect(message?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(message?.Attributes).toMatchObject({ ApproximateReceiveCount: '1', SenderId: expect.any(String) });
    expect(Number(message?.Attributes?.SentTimestamp)).toBeGreaterThanOrEqual(sentBefore);
    expect(Number(message?.Attributes?.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
      Number(message?.Attributes?.SentTimestamp),
    );
  });

  it('deletes a message for good', async () => {
    // Prepare
    const local = await start();
    await send(local, 'bye');
    const [message] = await receive(local, local.sourceQueueUrl);

    // Act
    await local.client.send(
      new DeleteMessageCommand({ QueueUrl: local.sourceQueueUrl, ReceiptHandle: message?.ReceiptHandle }),
    );

    // Assess
    expect(await getQueueDepth(local.client, local.sourceQueueUrl)).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
      total: 0,
    });
  });

  it('rejects options outside the SQS limits', async () => {
    // Prepare / Act / Assess
    await expect(startLocalSqs({ maxReceiveCount: 0 })).rejects.toThrow(/maxReceiveCount/);
    await expect(startLocalSqs({ visibilityTimeoutSeconds: 43_201 })).rejects.toThrow(/visibilityTimeoutSeconds/);
  });
});
