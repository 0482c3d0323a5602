/**
 * The local event-source poller against the local SQS (fauxqs on 127.0.0.1) does what Lambda's SQS event source
 * mapping does with ReportBatchItemFailures: deletes what succeeded, leaves the failures for redelivery, and lets the
 * queue's redrive policy dead-letter a record after maxReceiveCount receives.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startLocalPoller,
  type LocalPoller,
  type LocalPollerBatchReport,
  type LocalPollerHandler,
  type LocalPollerOptions,
} from '../../local/aws/poller/start-local-poller.js';
import { getQueueDepth } from '../../local/aws/sqs/queue-depth.js';
import { receiveAllMessages } from '../../local/aws/sqs/receive-all-messages.js';
import { startLocalSqs, type LocalSqs, type LocalSqsOptions } from '../../local/aws/sqs/start-local-sqs.js';

const DRAIN = { idleMs: 200, timeoutMs: 15_000 } as const;

let sqs: LocalSqs | undefined;
let poller: LocalPoller | undefined;
const cleanups: Array<() => void> = [];

afterEach(async () => {
  await poller?.stop();
  await sqs?.stop();
  for (const cleanup of cleanups.splice(0)) cleanup();
  poller = undefined;
  sqs = undefined;
});

async function startQueue(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  sqs = await startLocalSqs(options);
  return sqs;
}

/** Starts a poller that records every invocation and report. */
async function startRecordingPoller(
  local: LocalSqs,
  handler: LocalPollerHandler,
  options: Partial<LocalPollerOptions> = {},
) {
  const invocations: Array<{ event: SQSEvent; remainingAtStart: number }> = [];
  const reports: LocalPollerBatchReport[] = [];
  poller = await startLocalPoller({
    sqs: local.client,
    queueUrl: local.sourceQueueUrl,
    waitTimeSeconds: 1,
    handler: (event, context) => {
      invocations.push({ event, remainingAtStart: context.getRemainingTimeInMillis() });
      return handler(event, context);
    },
    onBatch: (report) => reports.push(report),
    ...options,
  });
  return { poller, invocations, reports };
}

async function sendBodies(local: LocalSqs, ...bodies: string[]): Promise<Map<string, string>> {
  const idsByBody = new Map<string, string>();
  for (let start = 0; start < bodies.length; start += 10) {
    const chunk = bodies.slice(start, start + 10);
    const sent = await local.client.send(
      new SendMessageBatchCommand({
        QueueUrl: local.sourceQueueUrl,
        Entries: chunk.map((body, index) => ({ Id: `e${index}`, MessageBody: body })),
      }),
    );
    for (const entry of sent.Successful ?? []) {
      const body = chunk[Number(entry.Id?.slice(1))];
      if (body !== undefined && entry.MessageId !== undefined) idsByBody.set(body, entry.MessageId);
    }
  }
  expect(idsByBody.size).toBe(bodies.length);
  return idsByBody;
}

/** What the function under test does to defer a record: make it visible again after `seconds`. */
async function deferRecord(client: SQSClient, queueUrl: string, record: SQSRecord, seconds = 0): Promise<void> {
  await client.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: record.receiptHandle,
      VisibilityTimeout: seconds,
    }),
  );
}

function failuresFor(records: readonly SQSRecord[]): SQSBatchResponse {
  return { batchItemFailures: records.map((record) => ({ itemIdentifier: record.messageId })) };
}

/** Bodies and receive counts, in invocation order. */
function deliveries(invocations: ReadonlyArray<{ event: SQSEvent }>): Array<[string, string]> {
  return invocations.flatMap(({ event }) =>
    event.Records.map((record): [string, string] => [record.body, record.attributes.ApproximateReceiveCount]),
  );
}

async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('startLocalPoller', () => {
  it('deletes the records that succeeded and redelivers the one reported failed', async () => {
    // Prepare: record "b" fails on its first delivery and is deferred by 0 s, as the function defers a transient.
    const local = await startQueue();
    await sendBodies(local, 'a', 'b', 'c');
    const { invocations, reports } = await startRecordingPoller(local, async (event) => {
      const failing = event.Records.filter(
        (record) => record.body === 'b' && record.attributes.ApproximateReceiveCount === '1',
      );
      for (const record of failing) await deferRecord(local.client, local.sourceQueueUrl, record);
      return failuresFor(failing);
    });

    // Act
    await poller?.drain(DRAIN);

    // Assess
    expect(deliveries(invocations).sort()).toEqual([
      ['a', '1'],
      ['b', '1'],
      ['b', '2'],
      ['c', '1'],
    ]);
    expect(reports.some((report) => report.verdict === 'partial' && report.retainedMessageIds.length === 1)).toBe(true);
    expect(poller?.stats).toMatchObject({ messagesReceived: 4, messagesDeleted: 3, messagesRetained: 1 });
    expect(await receiveAllMessages(local.client, local.deadLetterQueueUrl)).toEqual([]);
  });

  it('redelivers a failed record once its visibility timeout has passed, without any visibility change', async () => {
    // Prepare
    const local = await startQueue({ visibilityTimeoutSeconds: 1 });
    await sendBodies(local, 'slow-to-succeed');
    const { invocations } = await startRecordingPoller(local, async (event) =>
      failuresFor(event.Records.filter((record) => record.attributes.ApproximateReceiveCount === '1')),
    );

    // Act
    await poller?.drain(DRAIN);

    // Assess
    expect(deliveries(invocations)).toEqual([
      ['slow-to-succeed', '1'],
      ['slow-to-succeed', '2'],
    ]);
  });

  it('leaves a record that fails maxReceiveCount times to the redrive policy, which dead-letters it', async () => {
    // Prepare
    const local = await startQueue({ maxReceiveCount: 3 });
    const ids = await sendBodies(local, 'poison', 'fine');
    const { invocations } = await startRecordingPoller(local, async (event) => {
      const failing = event.Records.filter((record) => record.body === 'poison');
      for (const record of failing) await deferRecord(local.client, local.sourceQueueUrl, record);
      return failuresFor(failing);
    });

    // Act
    await poller?.drain(DRAIN);

    // Assess
    expect(deliveries(invocations).filter(([body]) => body === 'poison')).toEqual([
      ['poison', '1'],
      ['poison', '2'],
      ['poison', '3'],
    ]);
    expect(deliveries(invocations).filter(([body]) => body === 'fine')).toEqual([['fine', '1']]);
    const deadLetters = await receiveAllMessages(local.client, local.deadLetterQueueUrl);
    expect(deadLetters.map((message) => [message.MessageId, message.Body])).toEqual([[ids.get('poison'), 'poison']]);
  });

  it('deletes nothing when the handler throws, and the whole batch comes back', async () => {
    // Prepare
    const local = await startQueue({ visibilityTimeoutSeconds: 1 });
    await sendBodies(local, 'x', 'y');
    let calls = 0;
    const { invocations, reports } = await startRecordingPoller(
      local,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('cold start failed');
      },
      { batchSize: 10 },
    );

    // Act
    await poller?.drain(DRAIN);

    // Assess
    expect(reports[0]).toMatchObject({
      verdict: 'failed',
      wholeBatchFailure: 'handler-threw',
      deletedMessageIds: [],
      detail: 'handler threw Error: cold start failed',
    });
    expect(reports[0]?.error).toBeInstanceOf(Error);
    const firstBatch = new Set(reports[0]?.messageIds);
    const redelivered = invocations
      .slice(1)
      .flatMap(({ event }) => event.Records)
      .filter((record) => firstBatch.has(record.messageId));
    expect(redelivered.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(
      [...firstBatch].map(() => '2'),
    );
    expect(poller?.stats.invocationErrors).toBe(1);
  });

  it('fails the whole batch when batchItemFailures names a message that is not in it', async () => {
    // Prepare
    const local = await startQueue({ visibilityTimeoutSeconds: 1 });
    await sendBodies(local, 'only');
    const { invocations, reports } = await startRecordingPoller(local, async (event) =>
      event.Records[0]?.attributes.ApproximateReceiveCount === '1'
        ? { batchItemFailures: [{ itemIdentifier: 'not-a-message-of-this-batch' }] }
        : undefined,
    );

    // Act
    await poller?.drain(DRAIN);

    // Assess
    expect(reports[0]).toMatchObject({ verdict: 'failed', wholeBatchFailure: 'invalid-response' });
    expect(deliveries(invocations)).toEqual([
      ['only', '1'],
      ['only', '2'],
    ]);
    expect(poller?.stats.invalidResponses).toBe(1);
  });

  it('gives up a batch whose handler outlives the function timeout, and counts the time down in the context', async () => {
    // Prepare
    const local = await startQueue({ visibilityTimeoutSeconds: 1 });
    await sendBodies(local, 'hangs-first');
    let release: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    cleanups.push(() => release());
    const { invocations, reports } = await startRecordingPoller(
      local,
      async (event) => {
        if (event.Records[0]?.attributes.ApproximateReceiveCount === '1') await hanging;
      },
      { functionTimeoutMs: 300 },
    );

    // Act
    await poller?.drain(DRAIN);

    // Assess
    expect(reports[0]).toMatchObject({ verdict: 'failed', wholeBatchFailure: 'timed-out', deletedMessageIds: [] });
    expect(reports[1]).toMatchObject({ verdict: 'succeeded' });
    for (const { remainingAtStart } of invocations) {
      expect(remainingAtStart).toBeGreaterThan(0);
      expect(remainingAtStart).toBeLessThanOrEqual(300);
    }
    expect(poller?.stats.invocationTimeouts).toBe(1);
  });

  it('hands the handler a faithful SQS event', async () => {
    // Prepare
    const local = await startQueue();
    const sentBefore = Date.now();
    await local.client.send(
      new SendMessageCommand({
        QueueUrl: local.sourceQueueUrl,
        MessageBody: '{"personId":"p1"}',
        MessageAttributes: { source: { DataType: 'String', StringValue: 'workday' } },
      }),
    );
    const { invocations } = await startRecordingPoller(local, async () => undefined);

    // Act
    await poller?.drain(DRAIN);

    // Assess
    const record = invocations[0]?.event.Records[0];
    expect(record).toMatchObject({
      body: '{"personId":"p1"}',
      md5OfBody: createHash('md5').update('{"personId":"p1"}').digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: local.sourceQueueArn,
      awsRegion: 'us-east-1',
      messageAttributes: {
        source: { stringValue: 'workday', stringListValues: [], binaryListValues: [], dataType: 'String' },
      },
      attributes: { ApproximateReceiveCount: '1', SenderId: expect.any(String) },
    });
    expect(Number(record?.attributes.SentTimestamp)).toBeGreaterThanOrEqual(sentBefore);
    expect(Number(record?.attributes.ApproximateFirstReceiveTimestamp)).toBeGreaterThanOrEqual(
      Number(record?.attributes.SentTimestamp),
    );
    expect(record?.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it('invokes with at most batchSize records and at most maxConcurrentBatches at once, each message once', async () => {
    // Prepare
    const local = await startQueue();
    const bodies = Array.from({ length: 25 }, (_, index) => `event-${index}`);
    await sendBodies(local, ...bodies);
    let running = 0;
    let peak = 0;
    const { invocations } = await startRecordingPoller(
      local,
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
      },
      { batchSize: 4, maxConcurrentBatches: 3 },
    );

    // Act
    await poller?.drain(DRAIN);

    // Assess
    expect(Math.max(...invocations.map(({ event }) => event.Records.length))).toBeLessThanOrEqual(4);
    expect(peak).toBeLessThanOrEqual(3);
    expect(
      deliveries(invocations)
        .map(([body]) => body)
        .sort(),
    ).toEqual([...bodies].sort());
    expect(poller?.stats).toMatchObject({ messagesReceived: 25, messagesDeleted: 25, batchesInFlight: 0 });
  });

  it('refuses to call a queue drained while a deferred record is still hidden', async () => {
    // Prepare
    const local = await startQueue();
    await sendBodies(local, 'deferred-for-ten-minutes');
    await startRecordingPoller(local, async (event) => {
      for (const record of event.Records) await deferRecord(local.client, local.sourceQueueUrl, record, 600);
      return failuresFor(event.Records);
    });
    await eventually(() => (poller?.stats.invocations ?? 0) > 0);

    // Act
    const drained = poller?.drain({ idleMs: 100, timeoutMs: 500 });

    // Assess
    await expect(drained).rejects.toThrow(/not drained within 500 ms: 0 visible, 1 in flight/);
  });

  it('stops promptly while a long poll is waiting, and invokes nothing afterwards', async () => {
    // Prepare
    const local = await startQueue();
    const { invocations } = await startRecordingPoller(local, async () => undefined, { waitTimeSeconds: 20 });

    // Act: the 5 s bound is far below the 20 s long poll a stop that waited for it would take.
    const stopped = await Promise.race([
      poller?.stop().then(() => 'stopped'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000)),
    ]);
    await sendBodies(local, 'after-stop');
    await poller?.stop();

    // Assess: the message stays on the queue (visible, or hidden by the abandoned long poll), never invoked.
    expect(stopped).toBe('stopped');
    expect((await getQueueDepth(local.client, local.sourceQueueUrl)).total).toBe(1);
    expect(invocations).toEqual([]);
    expect(poller?.stats.invocations).toBe(0);
  });

  it('reports receive errors to onPollError and keeps polling', async () => {
    // Prepare
    const local = await startQueue();
    const errors: Array<{ phase: string; name: string }> = [];
    await startRecordingPoller(local, async () => undefined, {
      waitTimeSeconds: 0,
      onPollError: (error, phase) => errors.push({ phase, name: error instanceof Error ? error.name : typeof error }),
    });

    // Act: the SQS peer goes away under the poller.
    await local.stop();
    await eventually(() => errors.length >= 2);

    // Assess
    expect(errors.every((error) => error.phase === 'receive')).toBe(true);
    expect(poller?.stats.pollErrors).toBeGreaterThanOrEqual(2);
  });

  it('fails fast when the queue does not exist', async () => {
    // Prepare
    const local = await startQueue();

    // Act
    const started = startLocalPoller({
      sqs: local.client,
      queueUrl: `${local.sourceQueueUrl}-missing`,
      handler: async () => undefined,
    });

    // Assess
    await expect(started).rejects.toThrow();
  });

  it('rejects options outside the event source limits', async () => {
    // Prepare
    const local = await startQueue();
    const base = { sqs: local.client, queueUrl: local.sourceQueueUrl, handler: async () => undefined };

    // Act / Assess
    await expect(startLocalPoller({ ...base, batchSize: 11 })).rejects.toThrow(/batchSize/);
    await expect(startLocalPoller({ ...base, waitTimeSeconds: 21 })).rejects.toThrow(/waitTimeSeconds/);
    await expect(startLocalPoller({ ...base, maxConcurrentBatches: 0 })).rejects.toThrow(/maxConcurrentBatches/);
  });
});
