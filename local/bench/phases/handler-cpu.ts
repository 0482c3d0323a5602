/**
 * The product's own overhead: events per CPU-second of the handler, with a Webex that answers at once and no rate
 * limit. The handler bundle runs in a forked worker process that counts only its own CPU time
 * (`process.cpuUsage()`); the Webex simulator and the Secrets Manager stand-in run here, in the bench process, so
 * their CPU is not counted. No queue: the worker invokes the handler directly with SQS events it builds, as the event
 * source mapping would (the handler calls SQS only to defer or dead-letter a record, which must not happen here).
 *
 * Two figures: with real HTTP over loopback (the production bundle: the handler plus its default keep-alive
 * `node:http(s)` transport, what a Lambda core spends apart from TLS), and with the Webex answers replayed in-process
 * from a recording of the same requests (the handler's own code only; a second bundle whose transport is `fetch`,
 * `replay-bundle.ts`).
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EcbnRules } from '../../../lambda/rules/index.js';
import {
  LOCAL_AWS_ACCOUNT_ID,
  LOCAL_AWS_REGION,
  startLocalDynamoDb,
  startLocalSecretsManager,
  type LocalDynamoDbRequest,
} from '../../aws/index.js';
import { DEFAULT_MAX_PARALLEL_RECORDS } from '../../../lambda/config.js';
import { LOCAL_TOKEN_SECRET_ID } from '../../pipeline.js';
import { startWebexSimulator, type OrgFixture } from '../../webex-simulator/index.js';
import { personPk } from '../../../lambda/ledger/item.js';
import { ledgerRequestPk } from '../bare-dynamodb.js';
import { median } from '../stats.js';
import {
  handlerCpuResultSchema,
  ledgerRequestsQuerySchema,
  type HandlerCpuRequest,
  type HandlerCpuResult,
  type RunFigures,
} from '../handler-cpu-protocol.js';
import { closedLoopbackEndpoint, handlerEnv } from '../handler-env.js';
import { generatePopulation, sameSetting } from '../population.js';
import { buildReplayBundle } from '../replay-bundle.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface HandlerCpuOptions {
  readonly org: OrgFixture;
  readonly rules: EcbnRules;
  /** The rules compiled to JSON (what the bundle loads). */
  readonly rulesJsonFile: string;
  /** The production bundle; the replay bundle is built beside it (`<its directory>-replay/`). */
  readonly bundleFile: string;
  /** Events on the clock, per run. */
  readonly events: number;
  /** Events before the clock starts. */
  readonly warmupEvents: number;
  readonly batchSize: number;
  /** Alternating timed rounds (handler, floor); the ratio is the median of the rounds' ratios. */
  readonly rounds: number;
}

/** One timed run of the worker. */
export interface HandlerCpuRun {
  readonly eventsPerSecPerCore: number;
  /** CPU time per event, ms. */
  readonly cpuMsPerEvent: number;
  readonly events: number;
  readonly invocations: number;
  readonly cpuUserSeconds: number;
  readonly cpuSystemSeconds: number;
  readonly wallSeconds: number;
  /** Records reported failed by the handler (should be 0). */
  readonly failedRecords: number;
}

export interface HandlerCpuMeasurement {
  /** Real HTTP to the simulator over loopback. */
  readonly withHttp: HandlerCpuRun;
  /** Webex answers replayed in-process: no sockets, no HTTP client. */
  readonly withoutHttp: HandlerCpuRun & { readonly replayMisses: number };
  /**
   * The floor, all rounds: the replay events' recorded Webex requests by a bare keep-alive node:http client and their
   * recorded ledger requests by a bare DynamoDBClient, together.
   */
  readonly bareClient: HandlerCpuRun & { readonly requests: number; readonly ledgerRequests: number };
  /** Median over the rounds of handler CPU per event (with HTTP) ÷ floor CPU per event, both in this run. */
  readonly handlerCpuRatio: number;
  /** Each round's handler and floor CPU per event (ms) and their ratio. */
  readonly rounds: readonly { handlerMs: number; floorMs: number; ratio: number }[];
  readonly warmupEvents: number;
  readonly batchSize: number;
  /** People whose ECBN in the simulator is not what the rules want afterwards (should be 0). */
  readonly wrongState: number;
  readonly webexRequests: number;
  /** DynamoDB requests the worker's handler sent to the ledger (warm-up, both runs and the recording included). */
  readonly ledgerRequests: number;
  readonly workerPeakRssMb: number;
  readonly how: string;
}

const FUNCTION_TIMEOUT_MS = 60_000;

/** The handler's MAX_PARALLEL_RECORDS default: the bare client keeps as many requests in flight. */
const BARE_CLIENT_PARALLEL = DEFAULT_MAX_PARALLEL_RECORDS;

/** Runs the worker against a fresh simulator holding the population. */
export async function measureHandlerCpu(options: HandlerCpuOptions): Promise<HandlerCpuMeasurement> {
  const people = generatePopulation(options.org, options.rules, {
    count: options.warmupEvents + 2 * options.events,
    seed: 3,
    namespace: 2,
  });
  const replayBundleFile = await buildReplayBundle(PROJECT_ROOT, `${path.dirname(options.bundleFile)}-replay`);
  const webex = await startWebexSimulator({ org: options.org });
  const secrets = await startLocalSecretsManager({
    secrets: { [LOCAL_TOKEN_SECRET_ID]: JSON.stringify({ accessToken: webex.token }) },
  });
  // The person ledger, like the simulator, runs in the bench process: its CPU is not the handler's. Every request is
  // recorded: the floor sends the replay events' ones again with a bare DynamoDBClient.
  const recordedLedger: LocalDynamoDbRequest[] = [];
  const dynamo = await startLocalDynamoDb({ onRequest: (ledgerRequest) => recordedLedger.push(ledgerRequest) });
  try {
    for (const person of people) webex.state.addPerson(person.fixture);
    const bodies = people.map((person) => JSON.stringify(person.event));
    const env = handlerEnv({
      rulesFile: options.rulesJsonFile,
      webexApiBaseUrl: webex.baseUrl,
      secretsManagerEndpoint: secrets.endpoint,
      sqsEndpoint: await closedLoopbackEndpoint(),
      dynamoDbEndpoint: dynamo.endpoint,
    });
    const request: HandlerCpuRequest = {
      bundleUrl: pathToFileURL(options.bundleFile).href,
      replayBundleUrl: pathToFileURL(replayBundleFile).href,
      warmupBodies: bodies.slice(0, options.warmupEvents),
      httpBodies: bodies.slice(options.warmupEvents, options.warmupEvents + options.events),
      replayBodies: bodies.slice(options.warmupEvents + options.events),
      batchSize: options.batchSize,
      queueArn: `arn:aws:sqs:${LOCAL_AWS_REGION}:${LOCAL_AWS_ACCOUNT_ID}:ecbn-bench-source`,
      region: LOCAL_AWS_REGION,
      functionTimeoutMs: FUNCTION_TIMEOUT_MS,
      bareClientParallel: BARE_CLIENT_PARALLEL,
      rounds: options.rounds,
      dynamoDbEndpoint: dynamo.endpoint,
    };
    const replayPks = new Set(
      people.slice(options.warmupEvents + options.events).map((person) => personPk(person.fixture.id)),
    );
    const replayLedgerRequests = () =>
      recordedLedger.filter((entry) => replayPks.has(ledgerRequestPk(JSON.parse(entry.body)) ?? ''));
    webex.resetCounters();
    const ledgerRequestsBefore = dynamo.requestCount();
    const result = await runWorker(request, env, replayLedgerRequests);
    const ledgerRequests = dynamo.requestCount() - ledgerRequestsBefore;
    if (!result.ok) throw new Error(`Handler CPU worker failed: ${result.error}`);
    const wrongState = people.filter(
      (person) => !sameSetting(webex.state.personEcbnSetting(person.fixture.id), person.expected),
    ).length;
    const withHttp = toRun(result.http);
    const bareClient = {
      ...toRun(result.bare),
      requests: result.bare.requests,
      ledgerRequests: result.bare.ledgerRequests,
    };
    if (bareClient.failedRecords > 0) throw new Error(`${bareClient.failedRecords} floor request(s) failed`);
    const rounds = result.rounds.map((round) => {
      const handlerMs = toRun(round.handler).cpuMsPerEvent;
      const floorMs = toRun(round.floor).cpuMsPerEvent;
      return { handlerMs, floorMs, ratio: handlerMs / floorMs };
    });
    return {
      withHttp,
      withoutHttp: { ...toRun(result.replay), replayMisses: result.replay.replayMisses },
      bareClient,
      handlerCpuRatio: median(rounds.map((round) => round.ratio)),
      rounds,
      warmupEvents: options.warmupEvents,
      batchSize: options.batchSize,
      wrongState,
      webexRequests: Object.values(webex.counters()).reduce((sum, count) => sum + count, 0),
      ledgerRequests,
      workerPeakRssMb: result.maxRssKb / 1024,
      how:
        'handler bundle (index.mjs) in a forked worker, invoked directly with SQS events of ' +
        `${options.batchSize} records, one invocation at a time; the Webex simulator, the Secrets Manager stand-in ` +
        "and the person ledger (dynalite, real DynamoDB calls from the handler's SDK client) run in the bench " +
        "process, so only the worker's CPU is counted (the handler, its log lines to a discarded stdout, its " +
        "DynamoDB client, and in 'withHttp' its default keep-alive node:http(s) transport over loopback; in " +
        "'withoutHttp' a bundle whose transport is fetch, answered in-process from a recording of the same " +
        "Webex requests, the ledger still real). The floor ('bareClient'): the external requests the replay " +
        'events caused, recorded off the clock — the Webex requests by a bare keep-alive node:http client that ' +
        'only JSON.parses the answers, and the person-ledger requests (as dynalite received them) by a bare ' +
        'DynamoDBClient (low-level UpdateItem/PutItem with the wire JSON as input, no DocumentClient; default ' +
        `keep-alive handler, signing, retries), one person's requests in order, ${BARE_CLIENT_PARALLEL} Webex ` +
        `and ${BARE_CLIENT_PARALLEL} ledger requests in flight — sent together. After a warm-up of both, ` +
        `${options.rounds} alternating rounds (handler first in even rounds, floor first in odd ones): the ` +
        'handler with HTTP on 1/rounds of the fresh events, the floor on 1/rounds of the recorded requests; ' +
        'handlerCpuRatio = the median over the rounds of handler ÷ floor CPU per event',
    };
  } finally {
    await Promise.allSettled([webex.stop(), secrets.stop(), dynamo.stop()]);
  }
}

function toRun(figures: RunFigures): HandlerCpuRun {
  const cpuSeconds = (figures.cpuUserMicros + figures.cpuSystemMicros) / 1e6;
  return {
    eventsPerSecPerCore: figures.events / cpuSeconds,
    cpuMsPerEvent: (cpuSeconds * 1000) / figures.events,
    events: figures.events,
    invocations: figures.invocations,
    cpuUserSeconds: figures.cpuUserMicros / 1e6,
    cpuSystemSeconds: figures.cpuSystemMicros / 1e6,
    wallSeconds: figures.wallMs / 1000,
    failedRecords: figures.failedRecords,
  };
}

function runWorker(
  request: HandlerCpuRequest,
  env: Record<string, string>,
  replayLedger: () => LocalDynamoDbRequest[],
): Promise<HandlerCpuResult> {
  const workerFile = fileURLToPath(new URL('../handler-cpu-worker.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    // process.execArgv carries tsx's loader (the worker is TypeScript); the function runs with source maps on.
    const child = fork(workerFile, [], {
      execArgv: [...process.execArgv, '--enable-source-maps'],
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let settled = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('message', (message: unknown) => {
      if (ledgerRequestsQuerySchema.safeParse(message).success) {
        child.send({ kind: 'ledger-requests', requests: replayLedger() });
        return;
      }
      const parsed = handlerCpuResultSchema.safeParse(message);
      settled = true;
      if (parsed.success) resolve(parsed.data);
      else reject(new Error(`Unreadable answer from the handler CPU worker: ${parsed.error.message}`));
    });
    child.once('error', (error) => {
      if (!settled) reject(error);
    });
    child.once('exit', (code, signal) => {
      if (!settled) {
        reject(
          new Error(`Handler CPU worker exited (${signal ?? code}) without a result: ${stderr.trim().slice(-600)}`),
        );
      }
    });
    child.send(request);
  });
}
