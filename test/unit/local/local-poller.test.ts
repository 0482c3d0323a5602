/**
 * The poller's own failure paths, with a mocked SQS client (no network): what it does when SQS misbehaves.
 */
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLocalPoller, type LocalPoller } from '../../../local/aws/poller/start-local-poller.js';

const QUEUE_URL = 'http://sqs.us-east-1.localhost:4566/000000000000/ecbn-provisioner-events';
const QUEUE_ARN = 'arn:aws:sqs:eu-central-1:000000000000:ecbn-provisioner-events';

const sqsMock = mockClient(SQSClient);
let poller: LocalPoller | undefined;

afterEach(async () => {
  await poller?.stop();
  poller = undefined;
  sqsMock.reset();
  vi.restoreAllMocks();
});

function receivedMessage(id: string, attributes: Record<string, string> = systemAttributes()): Message {
  return {
    MessageId: id,
    ReceiptHandle: `rh-${id}`,
    Body: `{"n":"${id}"}`,
    MD5OfBody: '0'.repeat(32),
    Attributes: attributes,
  };
}

function systemAttributes(): Record<string, string> {
  return { ApproximateReceiveCount: '1', SentTimestamp: '1', SenderId: 'AIDA', ApproximateFirstReceiveTimestamp: '2' };
}

/** ReceiveMessage hands out `batches` once each, then nothing. */
function receiveReturns(...batches: Message[][]): void {
  const receive = sqsMock.on(ReceiveMessageCommand);
  for (const batch of batches) receive.resolvesOnce({ Messages: batch });
  receive.resolves({});
}

async function eventually(condition: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(condition()).toBe(true), { timeout: 5_000, interval: 10 });
}

describe('startLocalPoller with a misbehaving SQS', () => {
  it('takes the region of its records from the queue ARN and deletes with the receipt handles it received', async () => {
    // Prepare
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: QUEUE_ARN } });
    receiveReturns([receivedMessage('a'), receivedMessage('b')]);
    sqsMock.on(DeleteMessageBatchCommand).resolves({ Successful: [{ Id: 'm0' }, { Id: 'm1' }], Failed: [] });
    const regions: string[] = [];

    // Act
    poller = await startLocalPoller({
      sqs: new SQSClient({}),
      queueUrl: QUEUE_URL,
      waitTimeSeconds: 0,
      handler: async (event) => {
        regions.push(...event.Records.map((record) => `${record.awsRegion} ${record.eventSourceARN}`));
      },
    });
    await eventually(() => poller?.stats.messagesDeleted === 2);

    // Assess
    expect(regions).toEqual([`eu-central-1 ${QUEUE_ARN}`, `eu-central-1 ${QUEUE_ARN}`]);
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      Entries: [
        { Id: 'm0', ReceiptHandle: 'rh-a' },
        { Id: 'm1', ReceiptHandle: 'rh-b' },
      ],
    });
    expect(sqsMock.commandCalls(ReceiveMessageCommand)[0]?.args[0].input).toMatchObject({
      MaxNumberOfMessages: 10,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    });
  });

  it('counts and reports entries DeleteMessageBatch could not delete', async () => {
    // Prepare
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: QUEUE_ARN } });
    receiveReturns([receivedMessage('a'), receivedMessage('b')]);
    sqsMock.on(DeleteMessageBatchCommand).resolves({
      Successful: [{ Id: 'm0' }],
      Failed: [{ Id: 'm1', Code: 'ReceiptHandleIsInvalid', SenderFault: true }],
    });
    const pollErrors: string[] = [];

    // Act
    poller = await startLocalPoller({
      sqs: new SQSClient({}),
      queueUrl: QUEUE_URL,
      waitTimeSeconds: 0,
      handler: async () => undefined,
      onPollError: (_error, phase) => pollErrors.push(phase),
    });
    await eventually(() => poller?.stats.deleteFailures === 1);

    // Assess
    expect(poller.stats).toMatchObject({ messagesDeleted: 1, deleteFailures: 1 });
    expect(pollErrors).toEqual(['delete']);
  });

  it('counts every entry as not deleted when DeleteMessageBatch itself fails', async () => {
    // Prepare
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: QUEUE_ARN } });
    receiveReturns([receivedMessage('a'), receivedMessage('b')]);
    sqsMock.on(DeleteMessageBatchCommand).rejects(new Error('connection reset'));
    const pollErrors: string[] = [];

    // Act
    poller = await startLocalPoller({
      sqs: new SQSClient({}),
      queueUrl: QUEUE_URL,
      waitTimeSeconds: 0,
      handler: async () => undefined,
      onPollError: (error, phase) => pollErrors.push(`${phase}: ${(error as Error).message}`),
    });
    await eventually(() => poller?.stats.deleteFailures === 2);

    // Assess
    expect(poller.stats.messagesDeleted).toBe(0);
    expect(pollErrors).toEqual(['delete: connection reset']);
  });

  it('does not invoke the handler with a message that lacks a system attribute, and says so', async () => {
    // Prepare
    const { SenderId: _omitted, ...withoutSender } = systemAttributes();
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: QUEUE_ARN } });
    receiveReturns([receivedMessage('a', withoutSender)]);
    const handler = vi.fn(async () => undefined);
    const pollErrors: string[] = [];

    // Act
    poller = await startLocalPoller({
      sqs: new SQSClient({}),
      queueUrl: QUEUE_URL,
      waitTimeSeconds: 0,
      handler,
      onPollError: (error) => pollErrors.push((error as Error).message),
    });
    await eventually(() => pollErrors.length === 1);

    // Assess
    expect(handler).not.toHaveBeenCalled();
    expect(pollErrors[0]).toContain('SenderId');
    expect(sqsMock.commandCalls(DeleteMessageBatchCommand)).toHaveLength(0);
  });

  it('writes one line without message contents to stderr by default when a receive fails', async () => {
    // Prepare
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: QUEUE_ARN } });
    sqsMock.on(ReceiveMessageCommand).rejectsOnce(new Error('socket hang up')).resolves({});
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      written.push(String(chunk));
      return true;
    });

    // Act
    poller = await startLocalPoller({
      sqs: new SQSClient({}),
      queueUrl: QUEUE_URL,
      waitTimeSeconds: 0,
      handler: async () => undefined,
    });
    await eventually(() => written.length === 1);
    vi.restoreAllMocks();

    // Assess
    expect(written).toEqual(['[local-poller] receive failed: Error: socket hang up\n']);
  });

  it('refuses a queue that reports no ARN', async () => {
    // Prepare
    sqsMock.on(GetQueueAttributesCommand).resolves({ Attributes: {} });

    // Act
    const started = startLocalPoller({ sqs: new SQSClient({}), queueUrl: QUEUE_URL, handler: async () => undefined });

    // Assess
    await expect(started).rejects.toThrow(/reported no QueueArn/);
  });
});
