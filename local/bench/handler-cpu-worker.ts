/**
 * The handler-CPU worker: a separate process (forked by the bench) that imports the handler bundle and invokes it
 * with in-memory SQS events, one invocation at a time as one warm Lambda container does, and reports the CPU time of
 * its own process — the handler, its logging and (in the first run) its HTTP client — and nothing else. The Webex
 * simulator answers from the bench process; stdout (the handler's log lines and EMF metrics, as in Lambda) is
 * discarded by the parent.
 *
 * The replay bundle (transport `globalThis.fetch`) records the answers over HTTP off the clock, then is timed with
 * `fetch` answering from the recording ('withoutHttp'). Then alternating rounds: the production bundle (its default
 * keep-alive `node:https` transport, here plain `node:http` to the loopback simulator) on a slice of fresh events,
 * and the floor — the recorded Webex requests by a bare keep-alive `node:http` client and the recorded ledger requests
 * by a bare `DynamoDBClient` — on the same share of the recording.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createLambdaContext } from '../aws/poller/lambda-context.js';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  handlerCpuRequestSchema,
  ledgerRequestsAnswerSchema,
  type FloorFigures,
  type HandlerCpuRequest,
  type HandlerCpuResult,
  type RoundFigures,
  type RunFigures,
} from './handler-cpu-protocol.js';
import { sendWithBareClient } from './bare-client.js';
import { ledgerSequences, sendWithBareDynamoDb, type RecordedLedgerRequest } from './bare-dynamodb.js';
import { createReplayFetch } from './replay-fetch.js';
import { syntheticSqsEvents } from './synthetic-sqs.js';

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

async function run(request: HandlerCpuRequest): Promise<HandlerCpuResult> {
  // Installed before the bundles load; the replay bundle's transport resolves globalThis.fetch per call anyway.
  const replay = createReplayFetch(globalThis.fetch.bind(globalThis));
  globalThis.fetch = replay.fetch;

  const production = await loadHandler(request.bundleUrl);
  const queue = { queueArn: request.queueArn, region: request.region };
  const invoke = async (handler: Handler, event: SQSEvent): Promise<number> => {
    const context = createLambdaContext({
      functionName: 'ecbn-provisioner-bench',
      timeoutMs: request.functionTimeoutMs,
    });
    const response = await handler(event, context);
    return response?.batchItemFailures?.length ?? 0;
  };
  const timed = async (handler: Handler, bodies: readonly string[]): Promise<RunFigures> => {
    // Built before the clock starts: the bench's own work (records, MD5s) is not the handler's.
    const events = syntheticSqsEvents(bodies, queue, request.batchSize);
    let failedRecords = 0;
    const clock = startClock();
    for (const event of events) failedRecords += await invoke(handler, event);
    return { ...clock.stop(bodies.length), invocations: events.length, failedRecords };
  };

  for (const event of syntheticSqsEvents(request.warmupBodies, queue, request.batchSize)) {
    await invoke(production, event);
  }

  // A fresh copy of every module (its own token cache, clients, JIT state), warmed up by the recording run.
  const replayHandler = await loadHandler(request.replayBundleUrl);
  replay.mode = 'record';
  for (const event of syntheticSqsEvents(request.replayBodies, queue, request.batchSize)) {
    await invoke(replayHandler, event);
  }
  if (replay.recorded === 0) throw new Error('The replay bundle sent no request through fetch: nothing to replay');
  const webexRequests = [...replay.requests];
  // Asked now: the ledger has seen the replay events' people only in the recording run so far.
  const ledgerPeople = ledgerSequences(await askLedgerRequests());
  replay.mode = 'replay';
  const replayed = await timed(replayHandler, request.replayBodies);
  replay.mode = 'pass-through';

  // The floor: the same external requests as the handler's, by the lightest clients (bare-client.ts, bare-dynamodb.ts).
  const dynamoDb = new DynamoDBClient({ endpoint: request.dynamoDbEndpoint });
  const floor = async (share: { index: number; of: number }, events: number): Promise<FloorFigures> => {
    const webex = slice(webexRequests, share);
    const ledger = slice(ledgerPeople, share);
    const clock = startClock();
    const failed = await Promise.all([
      sendWithBareClient(webex, request.bareClientParallel),
      sendWithBareDynamoDb(dynamoDb, ledger, request.bareClientParallel),
    ]);
    return {
      ...clock.stop(events),
      invocations: 0,
      failedRecords: failed[0] + failed[1],
      requests: webex.length,
      ledgerRequests: ledger.reduce((sum, sequence) => sum + sequence.length, 0),
    };
  };
  await floor({ index: 0, of: 4 }, 0); // warm-up: a quarter of the requests, sent again below

  // Alternating rounds (each side goes first every other round), so a burst of load elsewhere hits both alike.
  const rounds: RoundFigures[] = [];
  const replayEventsPerRound = request.replayBodies.length / request.rounds;
  for (let index = 0; index < request.rounds; index += 1) {
    const share = { index, of: request.rounds };
    const handlerRun = () => timed(production, slice(request.httpBodies, share));
    const floorRun = () => floor(share, Math.round(replayEventsPerRound));
    if (index % 2 === 0) {
      const handler = await handlerRun();
      rounds.push({ handler, floor: await floorRun() });
    } else {
      const floorFigures = await floorRun();
      rounds.push({ handler: await handlerRun(), floor: floorFigures });
    }
  }
  dynamoDb.destroy();

  return {
    ok: true,
    http: sumRuns(rounds.map((round) => round.handler)),
    replay: { ...replayed, replayMisses: replay.misses },
    bare: {
      ...sumRuns(rounds.map((round) => round.floor)),
      requests: rounds.reduce((sum, round) => sum + round.floor.requests, 0),
      ledgerRequests: rounds.reduce((sum, round) => sum + round.floor.ledgerRequests, 0),
    },
    rounds,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

/** The `index`-th of `of` contiguous, near-equal parts of `items`. */
function slice<T>(items: readonly T[], share: { index: number; of: number }): T[] {
  const size = items.length / share.of;
  return items.slice(Math.round(share.index * size), Math.round((share.index + 1) * size));
}

function startClock(): { stop(events: number): Omit<RunFigures, 'invocations' | 'failedRecords'> } {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  return {
    stop(events) {
      const wallMs = performance.now() - wallBefore;
      const cpu = process.cpuUsage(cpuBefore);
      return { events, cpuUserMicros: cpu.user, cpuSystemMicros: cpu.system, wallMs };
    },
  };
}

function sumRuns(runs: readonly RunFigures[]): RunFigures {
  const total = (pick: (run: RunFigures) => number) => runs.reduce((sum, run) => sum + pick(run), 0);
  return {
    events: total((run) => run.events),
    invocations: total((run) => run.invocations),
    failedRecords: total((run) => run.failedRecords),
    cpuUserMicros: total((run) => run.cpuUserMicros),
    cpuSystemMicros: total((run) => run.cpuSystemMicros),
    wallMs: total((run) => run.wallMs),
  };
}

/** Asks the bench (which runs the ledger's dynalite and records what it receives) for the replay events' requests. */
function askLedgerRequests(): Promise<RecordedLedgerRequest[]> {
  return new Promise((resolve, reject) => {
    process.once('message', (message: unknown) => {
      const parsed = ledgerRequestsAnswerSchema.safeParse(message);
      if (parsed.success) resolve(parsed.data.requests);
      else reject(new Error(`Unreadable ledger requests from the bench: ${parsed.error.message}`));
    });
    process.send?.({ kind: 'ledger-requests?' });
  });
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
