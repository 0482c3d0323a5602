/**
 * The handler-CPU worker: a separate process (forked by the bench) that imports the handler bundle and invokes it
 * with in-memory SQS events, one invocation at a time as one warm Lambda container does, and reports the CPU time of
 * its own process — the handler, its logging and (in the first run) its HTTP client — and nothing else. The Webex
 * simulator answers from the bench process; stdout (the handler's log lines and EMF metrics, as in Lambda) is
 * discarded by the parent.
 *
 * The first run uses the production bundle (its default keep-alive `node:https` transport, here plain `node:http` to
 * the loopback simulator). The replay run uses the replay bundle, whose transport is `globalThis.fetch`: it records
 * the answers over HTTP off the clock, then is timed with `fetch` answering from the recording.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createLambdaContext } from '../aws/poller/lambda-context.js';
import {
  handlerCpuRequestSchema,
  type HandlerCpuRequest,
  type HandlerCpuResult,
  type RunFigures,
} from './handler-cpu-protocol.js';
import { sendWithBareClient } from './bare-client.js';
import { createReplayFetch } from './replay-fetch.js';
import { syntheticSqsEvents } from './synthetic-sqs.js';

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

async function run(request: HandlerCpuRequest): Promise<HandlerCpuResult> {
  // Installed before the bundles load; the replay bundle's transport resolves globalThis.fetch per call anyway.
  const replay = createReplayFetch(globalThis.fetch.bind(globalThis));
  globalThis.fetch = replay.fetch;

  let handler = await loadHandler(request.bundleUrl);
  const queue = { queueArn: request.queueArn, region: request.region };
  const invoke = async (event: SQSEvent): Promise<number> => {
    const context = createLambdaContext({
      functionName: 'ecbn-provisioner-bench',
      timeoutMs: request.functionTimeoutMs,
    });
    const response = await handler(event, context);
    return response?.batchItemFailures?.length ?? 0;
  };
  const timed = async (bodies: readonly string[]): Promise<RunFigures> => {
    // Built before the clock starts: the bench's own work (records, MD5s) is not the handler's.
    const events = syntheticSqsEvents(bodies, queue, request.batchSize);
    let failedRecords = 0;
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    for (const event of events) failedRecords += await invoke(event);
    const wallMs = performance.now() - wallBefore;
    const cpu = process.cpuUsage(cpuBefore);
    return {
      events: bodies.length,
      invocations: events.length,
      failedRecords,
      cpuUserMicros: cpu.user,
      cpuSystemMicros: cpu.system,
      wallMs,
    };
  };

  for (const event of syntheticSqsEvents(request.warmupBodies, queue, request.batchSize)) await invoke(event);
  const http = await timed(request.httpBodies);

  // A fresh copy of every module (its own token cache, clients, JIT state), warmed up by the recording run.
  handler = await loadHandler(request.replayBundleUrl);
  replay.mode = 'record';
  for (const event of syntheticSqsEvents(request.replayBodies, queue, request.batchSize)) await invoke(event);
  if (replay.recorded === 0) throw new Error('The replay bundle sent no request through fetch: nothing to replay');
  replay.mode = 'replay';
  const replayed = await timed(request.replayBodies);

  // The floor: the same requests (those of the replay events), sent by a bare keep-alive client, on the same clock.
  const recorded = [...replay.requests];
  replay.mode = 'pass-through';
  await sendWithBareClient(recorded.slice(0, Math.min(recorded.length, 500)), request.bareClientParallel); // warm-up
  const bareCpuBefore = process.cpuUsage();
  const bareWallBefore = performance.now();
  const bareFailed = await sendWithBareClient(recorded, request.bareClientParallel);
  const bareWallMs = performance.now() - bareWallBefore;
  const bareCpu = process.cpuUsage(bareCpuBefore);
  const bare = {
    events: request.replayBodies.length,
    invocations: 0,
    failedRecords: bareFailed,
    cpuUserMicros: bareCpu.user,
    cpuSystemMicros: bareCpu.system,
    wallMs: bareWallMs,
    requests: recorded.length,
  };

  return {
    ok: true,
    http,
    replay: { ...replayed, replayMisses: replay.misses },
    bare,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

async function loadHandler(bundleUrl: string): Promise<Handler> {
  const loaded = (await import(bundleUrl)) as { handler?: unknown };
  if (typeof loaded.handler !== 'function') throw new Error(`The bundle ${bundleUrl} exports no handler function`);
  return loaded.handler as Handler;
}

function answer(result: HandlerCpuResult): void {
  // The handler's token cache arms a timer that would keep this process alive: leave once the parent has the result.
  process.send?.(result, () => process.exit(0));
}

process.once('message', (message: unknown) => {
  const parsed = handlerCpuRequestSchema.safeParse(message);
  if (!parsed.success) {
    answer({ ok: false, error: `Bad request from the bench: ${parsed.error.message}` });
    return;
  }
  run(parsed.data).then(answer, (error: unknown) =>
    answer({ ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
});
