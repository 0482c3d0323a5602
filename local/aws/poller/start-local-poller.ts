/**
 * A local stand-in for Lambda's SQS event source mapping
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html): long-polls the queue, invokes the handler with up to
 * `batchSize` records and a counting-down `Context`, then deletes the records the handler did not report failed
 * (`ReportBatchItemFailures` semantics, see ./batch-settlement.ts and
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html). Failed records are left alone: they
 * come back when their visibility timeout ends (the handler may change it), and the queue's redrive policy moves them
 * to the DLQ after `maxReceiveCount` receives.
 *
 * Differences from AWS, on purpose or by necessity: concurrency is fixed (`maxConcurrentBatches`, no scaling), all
 * invocations share one process and its module state (one warm container per concurrent batch on AWS), and a handler
 * that times out is not frozen: its promise keeps running after its batch has been given up.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  MessageSystemAttributeName,
  QueueAttributeName,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSEvent } from 'aws-lambda';
import { getQueueDepth, type QueueDepth } from '../sqs/queue-depth.js';
import { settleBatch, type InvocationOutcome, type WholeBatchFailure } from './batch-settlement.js';
import { createLambdaContext } from './lambda-context.js';
import { toSqsEvent } from './sqs-event.js';

/**
 * The function under test. Its result is validated at run time as Lambda does (so `unknown`): an
 * `SQSBatchResponse`, or nothing for "all succeeded".
 */
export type LocalPollerHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

/** Options of {@link startLocalPoller}. */
export interface LocalPollerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly handler: LocalPollerHandler;
  /** Records per invocation, 1–10. Default 10 (the SQS event source default). */
  readonly batchSize?: number;
  /** Long-poll wait, 0–20 s. Default 20, as the event source polls. */
  readonly waitTimeSeconds?: number;
  /** Batches in flight at once. Default 1. */
  readonly maxConcurrentBatches?: number;
  /** The function timeout: `context.getRemainingTimeInMillis()` starts here, and a slower handler fails its batch. */
  readonly functionTimeoutMs?: number;
  /** Default `ecbn-provisioner-local`. */
  readonly functionName?: string;
  /** Called after every batch is settled (and its deletes are done). Must not throw. */
  readonly onBatch?: (report: LocalPollerBatchReport) => void;
  /**
   * Called when the poller's own SQS calls fail (receive, delete). Default: one line on stderr with the error's
   * name and message. The poller backs off and carries on.
   */
  readonly onPollError?: (error: unknown, phase: 'receive' | 'delete') => void;
}

/** What happened to one batch. Carries ids only, never bodies (they hold personal data). */
export interface LocalPollerBatchReport {
  readonly awsRequestId: string;
  readonly messageIds: readonly string[];
  readonly verdict: 'succeeded' | 'partial' | 'failed';
  readonly wholeBatchFailure?: WholeBatchFailure;
  readonly detail: string;
  readonly deletedMessageIds: readonly string[];
  readonly retainedMessageIds: readonly string[];
  /** What the handler threw, when it threw. */
  readonly error?: unknown;
  readonly durationMs: number;
}

/** Counters since start. */
export interface LocalPollerStats {
  readonly receives: number;
  readonly emptyReceives: number;
  readonly messagesReceived: number;
  readonly invocations: number;
  /** Invocations that threw (or returned something unserialisable). */
  readonly invocationErrors: number;
  readonly invocationTimeouts: number;
  /** Responses that made the whole batch fail (bad `batchItemFailures`). */
  readonly invalidResponses: number;
  readonly messagesDeleted: number;
  /** Messages left on the queue for redelivery after an invocation. */
  readonly messagesRetained: number;
  readonly deleteFailures: number;
  readonly pollErrors: number;
  readonly batchesInFlight: number;
}

/** Options of {@link LocalPoller.drain}. */
export interface DrainOptions {
  /** How long the queue must stay empty (and no batch in flight) to count as drained. */
  readonly idleMs: number;
  /** Give up (reject) after this long. */
  readonly timeoutMs: number;
  /** How often to read the queue's counters. Default 50 ms. */
  readonly pollIntervalMs?: number;
}

/** A running poller. */
export interface LocalPoller {
  /**
   * Stops receiving, lets batches in flight finish (deletes included), then resolves. Idempotent. A long poll that is
   * waiting is abandoned at once; the server may still hand a message that arrives meanwhile to that dead poll, and
   * the message then reappears after its visibility timeout (as with any abandoned receive on SQS).
   */
  stop(): Promise<void>;
  /**
   * Resolves once the queue has held nothing — visible, in flight or delayed — and no batch has been in flight, for
   * `idleMs` in a row. Rejects after `timeoutMs` with the last counts.
   */
  drain(options: DrainOptions): Promise<void>;
  /** A snapshot of the counters. */
  readonly stats: LocalPollerStats;
}

const DEFAULT_FUNCTION_TIMEOUT_MS = 60_000;
/** After an empty receive with no long poll, so that an idle poller does not spin. */
const IDLE_PAUSE_MS = 100;
const MAX_ERROR_BACKOFF_MS = 2_000;

/**
 * Starts polling at once. The queue's ARN (the records' `eventSourceARN`) is read first, so a wrong queue URL or
 * endpoint fails here rather than in the loop.
 *
 * @example
 * const poller = await startLocalPoller({ sqs: local.client, queueUrl: local.sourceQueueUrl, handler });
 * await poller.drain({ idleMs: 500, timeoutMs: 30_000 });
 * await poller.stop();
 */
export async function startLocalPoller(options: LocalPollerOptions): Promise<LocalPoller> {
  const batchSize = integerOption('batchSize', options.batchSize ?? 10, 1, 10);
  const waitTimeSeconds = integerOption('waitTimeSeconds', options.waitTimeSeconds ?? 20, 0, 20);
  const concurrency = integerOption('maxConcurrentBatches', options.maxConcurrentBatches ?? 1, 1, 1000);
  const functionTimeoutMs = integerOption(
    'functionTimeoutMs',
    options.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS,
    1,
    900_000,
  );
  const functionName = options.functionName ?? 'ecbn-provisioner-local';
  const onPollError = options.onPollError ?? reportPollErrorOnStderr;
  const { sqs, queueUrl } = options;

  const queueArn = await readQueueArn(sqs, queueUrl);
  const region = queueArn.split(':')[3] ?? 'us-east-1';

  const stats = {
    receives: 0,
    emptyReceives: 0,
    messagesReceived: 0,
    invocations: 0,
    invocationErrors: 0,
    invocationTimeouts: 0,
    invalidResponses: 0,
    messagesDeleted: 0,
    messagesRetained: 0,
    deleteFailures: 0,
    pollErrors: 0,
    batchesInFlight: 0,
  };
  const stopping = new AbortController();

  async function receive(): Promise<Message[]> {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: batchSize,
        WaitTimeSeconds: waitTimeSeconds,
        MessageSystemAttributeNames: [MessageSystemAttributeName.All],
        MessageAttributeNames: ['All'],
      }),
      { abortSignal: stopping.signal },
    );
    return received.Messages ?? [];
  }

  async function invoke(event: SQSEvent, context: Context): Promise<InvocationOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<InvocationOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'timed-out', timeoutMs: functionTimeoutMs }), functionTimeoutMs);
    });
    // Promise.resolve().then(): a handler that throws synchronously fails its invocation like an async one.
    const ran = Promise.resolve()
      .then(() => options.handler(event, context))
      .then(
        (value): InvocationOutcome => ({ kind: 'returned', value }),
        (error: unknown): InvocationOutcome => ({ kind: 'threw', error }),
      );
    try {
      return await Promise.race([ran, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function deleteMessages(messages: readonly Message[], ids: readonly string[]): Promise<number> {
    const wanted = new Set(ids);
    const entries = messages
      .filter((message) => message.MessageId !== undefined && wanted.has(message.MessageId))
      .map((message, index) => ({ Id: `m${index}`, ReceiptHandle: message.ReceiptHandle }));
    if (entries.length === 0) return 0;
    try {
      const result = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      const failed = result.Failed ?? [];
      if (failed.length > 0) {
        stats.deleteFailures += failed.length;
        onPollError(new Error(`DeleteMessageBatch failed for ${failed.length} message(s)`), 'delete');
      }
      return entries.length - failed.length;
    } catch (error) {
      stats.deleteFailures += entries.length;
      onPollError(error, 'delete');
      return 0;
    }
  }

  async function processBatch(messages: Message[]): Promise<void> {
    const startedAt = Date.now();
    const awsRequestId = randomUUID();
    const event = toSqsEvent(messages, { queueArn, region });
    const messageIds = event.Records.map((record) => record.messageId);
    const context = createLambdaContext({ functionName, timeoutMs: functionTimeoutMs, awsRequestId, region });

    stats.invocations += 1;
    const outcome = await invoke(event, context);
    const settlement = settleBatch(outcome, messageIds);
    if (settlement.wholeBatchFailure === 'handler-threw') stats.invocationErrors += 1;
    if (settlement.wholeBatchFailure === 'timed-out') stats.invocationTimeouts += 1;
    if (settlement.wholeBatchFailure === 'invalid-response') stats.invalidResponses += 1;

    // Not `stats.x += await …`: that reads the counter before the await and loses concurrent batches' updates.
    const deleted = await deleteMessages(messages, settlement.deleteIds);
    stats.messagesDeleted += deleted;
    stats.messagesRetained += settlement.retainIds.length;

    options.onBatch?.({
      awsRequestId,
      messageIds,
      verdict:
        settlement.retainIds.length === 0 ? 'succeeded' : settlement.deleteIds.length === 0 ? 'failed' : 'partial',
      ...(settlement.wholeBatchFailure === undefined ? {} : { wholeBatchFailure: settlement.wholeBatchFailure }),
      detail: settlement.detail,
      deletedMessageIds: settlement.deleteIds,
      retainedMessageIds: settlement.retainIds,
      ...(outcome.kind === 'threw' ? { error: outcome.error } : {}),
      durationMs: Date.now() - startedAt,
    });
  }

  async function worker(): Promise<void> {
    let consecutiveErrors = 0;
    while (!stopping.signal.aborted) {
      let messages: Message[];
      try {
        messages = await receive();
        consecutiveErrors = 0;
      } catch (error) {
        if (stopping.signal.aborted) return;
        stats.pollErrors += 1;
        consecutiveErrors += 1;
        onPollError(error, 'receive');
        await pause(Math.min(MAX_ERROR_BACKOFF_MS, 50 * 2 ** consecutiveErrors));
        continue;
      }
      stats.receives += 1;
      if (messages.length === 0) {
        stats.emptyReceives += 1;
        if (waitTimeSeconds === 0) await pause(IDLE_PAUSE_MS);
        continue;
      }
      stats.messagesReceived += messages.length;
      stats.batchesInFlight += 1;
      try {
        await processBatch(messages);
      } catch (error) {
        // Only a malformed receive result gets here (toSqsEvent refuses it); the messages come back on their own.
        stats.pollErrors += 1;
        onPollError(error, 'receive');
      } finally {
        stats.batchesInFlight -= 1;
      }
    }
  }

  async function pause(ms: number): Promise<void> {
    await delay(ms, undefined, { signal: stopping.signal }).catch(() => undefined);
  }

  const workers = Array.from({ length: concurrency }, () => worker());
  let stopped: Promise<void> | undefined;

  return {
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        await Promise.allSettled(workers);
      })();
      return stopped;
    },

    async drain({ idleMs, timeoutMs, pollIntervalMs = 50 }) {
      const startedAt = Date.now();
      let idleSince: number | undefined;
      let last: QueueDepth | undefined;
      for (;;) {
        last = await getQueueDepth(sqs, queueUrl);
        const now = Date.now();
        if (last.total === 0 && stats.batchesInFlight === 0) {
          idleSince ??= now;
          if (now - idleSince >= idleMs) return;
        } else {
          idleSince = undefined;
        }
        if (now - startedAt >= timeoutMs) {
          throw new Error(
            `The queue was not drained within ${timeoutMs} ms: ${last.visible} visible, ${last.inFlight} in flight, ` +
              `${last.delayed} delayed, ${stats.batchesInFlight} batch(es) being processed`,
          );
        }
        await delay(pollIntervalMs);
      }
    },

    get stats(): LocalPollerStats {
      return { ...stats };
    },
  };
}

async function readQueueArn(sqs: SQSClient, queueUrl: string): Promise<string> {
  const { Attributes: attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [QueueAttributeName.QueueArn] }),
  );
  const arn = attributes?.QueueArn;
  if (arn === undefined || !arn.startsWith('arn:')) throw new Error(`Queue ${queueUrl} reported no QueueArn`);
  return arn;
}

function reportPollErrorOnStderr(error: unknown, phase: 'receive' | 'delete'): void {
  const description = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`[local-poller] ${phase} failed: ${description}\n`);
}

function integerOption(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}
