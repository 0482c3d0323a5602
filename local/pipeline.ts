/**
 * The whole product on one machine, in one process, on 127.0.0.1: the SQS emulator (source queue with redrive to a
 * DLQ), DynamoDB (dynalite) with the person ledger table, the Secrets Manager stand-in holding the Webex token, the Webex simulator loaded with an org, and the local
 * event-source poller invoking the real handler (`createHandler`, the same wiring `lambda/handler.ts` uses).
 *
 * Used by `npm start`, `npm run bench`, `npm run soak` and the integration tests.
 */
import { METRICS_NAMESPACE, SERVICE_NAME } from '../lambda/observability/service-identity.js';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SendMessageBatchCommand, SendMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { loadConfig, type Config } from '../lambda/config.js';
import { createHandler, type EcbnHandler } from '../lambda/create-handler.js';
import type { RecordReport } from '../lambda/flow/record-report.js';
import { type EcbnRules } from '../lambda/rules/index.js';
import { loadRulesFile } from '../tools/rules/index.js';
import {
  LOCAL_AWS_REGION,
  getQueueDepth,
  localAwsCredentials,
  receiveAllMessages,
  startLocalPoller,
  startLocalSecretsManager,
  startLocalDynamoDb,
  startLocalSqs,
  type LocalDynamoDb,
  type LocalPoller,
  type LocalPollerOptions,
  type LocalSecretsManager,
  type LocalSqs,
} from './aws/index.js';
import { isLoopbackHost } from '../lambda/webex/base-url.js';
import {
  DEMO_ORG_PATH,
  loadOrgFixture,
  startWebexSimulator,
  type WebexSimulator,
  type WebexSimulatorOptions,
} from './webex-simulator/index.js';

/** Name of the token secret in the local Secrets Manager. */
export const LOCAL_TOKEN_SECRET_ID = 'ecbn-provisioner/webex-token';

export interface LocalPipelineOptions {
  /** Org fixture for the simulator. @default examples/demo-org.json */
  readonly orgFile?: string;
  /** Rules file. @default config/ecbn-rules.yaml */
  readonly rulesFile?: string;
  /** Extra simulator options (rate limit, faults, latency, seeded random). */
  readonly simulator?: Omit<WebexSimulatorOptions, 'org' | 'token'>;
  /** The token the simulator accepts and the secret holds. @default a random `SIM_…` token */
  readonly token?: string;
  /** Extra function environment (e.g. `DRY_RUN`, `MAX_PARALLEL_RECORDS`, `PERSON_NOT_READY_RETRY_MINUTES`). */
  readonly env?: Record<string, string>;
  /** Redrive `maxReceiveCount` of the source queue (and `MAX_RECEIVE_COUNT`). @default 10 */
  readonly maxReceiveCount?: number;
  /** Source queue visibility timeout (s). @default 30 */
  readonly visibilityTimeoutSeconds?: number;
  /** Poller settings (batch size, concurrent batches, function timeout, long-poll wait). */
  readonly poller?: Omit<LocalPollerOptions, 'sqs' | 'queueUrl' | 'handler'>;
  /** Powertools log level of the handler. @default 'SILENT' (the caller shows reports its own way) */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Every record report, as the handler produces it. */
  readonly onReport?: (report: RecordReport) => void;
  /** Start the poller at once. @default true */
  readonly startPoller?: boolean;
  /** Token secret cache TTL of the handler (s). @default 300 */
  readonly tokenCacheSeconds?: number;
  /** Observer of every person-ledger request (bench: DynamoDB calls per event). */
  readonly onLedgerCall?: (operation: string) => void;
  /** Run the local DynamoDB in its own thread (bench, soak: its CPU off the handler's thread). @default false */
  readonly dynamoDbThread?: boolean;
}

/**
 * An existing Webex API used instead of the simulator, e.g. a real org for `npm start -- --dry-run`. Only the Webex
 * side leaves the machine: SQS, Secrets Manager and the poller stay local.
 */
export interface ExternalWebexOptions {
  /** e.g. `https://webexapis.com/v1` (`http:` only for loopback). */
  readonly baseUrl: string;
  /** Stored in the local secret, read by the handler like in Lambda; never logged. */
  readonly token: string;
  /** Forces `DRY_RUN`. Must be true unless `baseUrl` is a loopback host: this pipeline never writes to a real org. */
  readonly dryRun: boolean;
}

export interface ExternalWebexPipelineOptions extends Omit<LocalPipelineOptions, 'orgFile' | 'simulator' | 'token'> {
  readonly webex: ExternalWebexOptions;
}

/** {@link LocalPipeline} without the simulator (nothing local to inspect or rotate). */
export type ExternalWebexPipeline = Omit<LocalPipeline, 'webex' | 'rotateToken'>;

export interface LocalPipeline {
  readonly sqs: LocalSqs;
  /** The person ledger's table (dynalite). */
  readonly dynamo: LocalDynamoDb;
  readonly secrets: LocalSecretsManager;
  readonly webex: WebexSimulator;
  readonly config: Config;
  readonly rules: EcbnRules;
  readonly handler: EcbnHandler;
  /** Undefined until {@link startPolling} (or at once unless `startPoller: false`). */
  poller: LocalPoller | undefined;
  startPolling(): Promise<LocalPoller>;
  /** Sends bodies to the source queue (batches of 10). Returns the SQS message ids in order. */
  publish(bodies: readonly string[]): Promise<string[]>;
  /** Waits until the source queue is empty and no batch runs for `idleMs`. */
  drain(options?: { idleMs?: number; timeoutMs?: number }): Promise<void>;
  /** Reads (and removes) every message from the DLQ. */
  readDeadLetters(): Promise<Message[]>;
  /** Rotates the token: the simulator accepts `next` only, the secret holds `next`. */
  rotateToken(next: string): void;
  stop(): Promise<void>;
}

/**
 * @example
 * const pipeline = await startLocalPipeline({ onReport: (r) => console.log(r.outcome) });
 * await pipeline.publish([JSON.stringify(event)]);
 * await pipeline.drain();
 * await pipeline.stop();
 */
export async function startLocalPipeline(options: LocalPipelineOptions = {}): Promise<LocalPipeline> {
  const org = await loadOrgFixture(options.orgFile ?? DEMO_ORG_PATH);
  const webex = await startWebexSimulator({
    ...options.simulator,
    org,
    ...(options.token === undefined ? {} : { token: options.token }),
  });
  const core = await assemblePipeline(options, {
    baseUrl: webex.baseUrl,
    token: webex.token,
    env: {},
    stop: () => webex.stop(),
  });
  const pipeline: LocalPipeline = Object.assign(core, {
    webex,
    rotateToken(next: string) {
      const previous = webex.token;
      webex.addToken({
        token: next,
        scopes: ['spark-admin:people_read', 'spark-admin:telephony_config_read', 'spark-admin:telephony_config_write'],
      });
      core.secrets.putSecretValue(LOCAL_TOKEN_SECRET_ID, JSON.stringify({ accessToken: next }));
      webex.revokeToken(previous);
    },
  });
  if (options.startPoller ?? true) await startPollingOrStop(pipeline);
  return pipeline;
}

/**
 * The same pipeline against an existing Webex API instead of the simulator: a dry run against a real org decides with
 * the real people and numbers and sends no PUT. Refuses a non-loopback URL unless `dryRun` is true.
 *
 * @example
 * const pipeline = await startExternalWebexPipeline({
 *   webex: { baseUrl: 'https://webexapis.com/v1', token: process.env.WEBEX_TOKEN ?? '', dryRun: true },
 *   onReport: (r) => console.log(r.outcome, r.wanted),
 * });
 */
export async function startExternalWebexPipeline(
  options: ExternalWebexPipelineOptions,
): Promise<ExternalWebexPipeline> {
  const { baseUrl, token, dryRun } = options.webex;
  let hostname: string;
  try {
    hostname = new URL(baseUrl).hostname;
  } catch {
    throw new TypeError(`Webex base URL is not an absolute URL: "${baseUrl}"`);
  }
  if (!dryRun && !isLoopbackHost(hostname)) {
    throw new Error(
      `Refusing to run against ${hostname} without dry run: the local pipeline never writes to a real org`,
    );
  }
  if (token.trim().length === 0) throw new TypeError('The Webex token is empty');
  const core = await assemblePipeline(options, {
    baseUrl,
    token,
    // Set after options.env so no override can turn a real-org dry run into writes.
    env: dryRun ? { DRY_RUN: 'true' } : {},
    stop: async () => undefined,
  });
  if (options.startPoller ?? true) await startPollingOrStop(core);
  return core;
}

async function startPollingOrStop(pipeline: ExternalWebexPipeline): Promise<void> {
  try {
    await pipeline.startPolling();
  } catch (error) {
    await pipeline.stop();
    throw error;
  }
}

/** Where the handler's Webex calls go, and how to stop it. */
interface WebexTarget {
  readonly baseUrl: string;
  readonly token: string;
  /** Function environment that wins over `options.env`. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

async function assemblePipeline(
  options: Omit<LocalPipelineOptions, 'orgFile' | 'simulator' | 'token'>,
  target: WebexTarget,
): Promise<ExternalWebexPipeline> {
  const sqs = await startLocalSqs({
    maxReceiveCount: options.maxReceiveCount ?? 10,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds ?? 30,
  }).catch(async (error: unknown) => {
    await target.stop();
    throw error;
  });
  let secrets: LocalSecretsManager | undefined;
  let dynamo: LocalDynamoDb | undefined;
  try {
    secrets = await startLocalSecretsManager({
      secrets: { [LOCAL_TOKEN_SECRET_ID]: JSON.stringify({ accessToken: target.token }) },
    });
    dynamo = await startLocalDynamoDb({ thread: options.dynamoDbThread ?? false });
    return buildPipeline(options, target, { sqs, secrets, dynamo });
  } catch (error) {
    // A bad rules file or setting must not leave servers listening (the process would never end).
    await Promise.allSettled([sqs.stop(), secrets?.stop(), dynamo?.stop(), target.stop()]);
    throw error;
  }
}

function buildPipeline(
  options: Omit<LocalPipelineOptions, 'orgFile' | 'simulator' | 'token'>,
  target: WebexTarget,
  peers: { sqs: LocalSqs; secrets: LocalSecretsManager; dynamo: LocalDynamoDb },
): ExternalWebexPipeline {
  const { sqs, secrets, dynamo } = peers;
  const rulesFile = options.rulesFile ?? 'config/ecbn-rules.yaml';
  const config = loadConfig({
    WEBEX_TOKEN_SECRET_ID: LOCAL_TOKEN_SECRET_ID,
    SOURCE_QUEUE_URL: sqs.sourceQueueUrl,
    DEAD_LETTER_QUEUE_URL: sqs.deadLetterQueueUrl,
    MAX_RECEIVE_COUNT: String(sqs.maxReceiveCount),
    WEBEX_API_BASE_URL: target.baseUrl,
    ECBN_RULES_FILE: rulesFile,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    LEDGER_TABLE_NAME: dynamo.tableName,
    WEBEX_TOKEN_CACHE_SECONDS: String(options.tokenCacheSeconds ?? 300),
    ...options.env,
    ...target.env,
  });
  const rules = loadRulesFile(config.rulesFile);
  const logLevel = options.logLevel ?? 'SILENT';
  const handler = createHandler({
    config,
    rules,
    sqs: sqs.client,
    dynamoDb: dynamo.client,
    ...(options.onLedgerCall === undefined ? {} : { onLedgerCall: options.onLedgerCall }),
    secretsManagerConfig: {
      endpoint: secrets.endpoint,
      region: LOCAL_AWS_REGION,
      credentials: localAwsCredentials(),
    },
    logger: new Logger({ serviceName: SERVICE_NAME, logLevel }),
    metrics: silentMetrics(),
    ...(options.onReport === undefined ? {} : { onReport: options.onReport }),
    disablePrefetch: true,
  });

  const pipeline: ExternalWebexPipeline = {
    sqs,
    dynamo,
    secrets,
    config,
    rules,
    handler,
    poller: undefined,
    async startPolling() {
      pipeline.poller ??= await startLocalPoller({
        waitTimeSeconds: 1,
        ...options.poller,
        sqs: sqs.client,
        queueUrl: sqs.sourceQueueUrl,
        handler,
      });
      return pipeline.poller;
    },
    async publish(bodies) {
      const ids: string[] = [];
      for (let i = 0; i < bodies.length; i += 10) {
        const chunk = bodies.slice(i, i + 10);
        if (chunk.length === 1) {
          const sent = await sqs.client.send(
            new SendMessageCommand({ QueueUrl: sqs.sourceQueueUrl, MessageBody: chunk[0] }),
          );
          ids.push(sent.MessageId ?? '');
          continue;
        }
        const sent = await sqs.client.send(
          new SendMessageBatchCommand({
            QueueUrl: sqs.sourceQueueUrl,
            Entries: chunk.map((body, index) => ({ Id: String(index), MessageBody: body })),
          }),
        );
        if (sent.Failed && sent.Failed.length > 0) {
          throw new Error(`SQS refused ${sent.Failed.length} message(s) of a batch`);
        }
        const byEntry = new Map((sent.Successful ?? []).map((entry) => [entry.Id, entry.MessageId ?? '']));
        chunk.forEach((_, index) => ids.push(byEntry.get(String(index)) ?? ''));
      }
      return ids;
    },
    async drain(drainOptions = {}) {
      const poller = await pipeline.startPolling();
      await poller.drain({ idleMs: drainOptions.idleMs ?? 300, timeoutMs: drainOptions.timeoutMs ?? 120_000 });
    },
    async readDeadLetters() {
      return receiveAllMessages(sqs.client, sqs.deadLetterQueueUrl, { deleteAfterRead: true });
    },
    async stop() {
      await pipeline.poller?.stop();
      await Promise.allSettled([sqs.stop(), secrets.stop(), dynamo.stop(), target.stop()]);
    },
  };
  return pipeline;
}

/** EMF metrics are for CloudWatch; locally they would only flood stdout. */
function silentMetrics(): Metrics {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  metrics.publishStoredMetrics = (): Metrics => {
    metrics.clearMetrics();
    return metrics;
  };
  return metrics;
}

/** The current depth of both queues. */
export async function queueDepths(
  pipeline: ExternalWebexPipeline,
): Promise<{ source: Awaited<ReturnType<typeof getQueueDepth>>; dlq: Awaited<ReturnType<typeof getQueueDepth>> }> {
  const [source, dlq] = await Promise.all([
    getQueueDepth(pipeline.sqs.client, pipeline.sqs.sourceQueueUrl),
    getQueueDepth(pipeline.sqs.client, pipeline.sqs.deadLetterQueueUrl),
  ]);
  return { source, dlq };
}
