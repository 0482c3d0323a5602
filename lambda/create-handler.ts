/**
 * Builds the Lambda handler from its dependencies: middy 6 with
 * - Powertools Logger (`injectLambdaContext`) and Metrics (`logMetrics`, EMF) — no `logEvent`: bodies hold personal data;
 * - `@middy/sqs-partial-batch-failure`: turns our one-result-per-record array into `batchItemFailures`
 *   (the mapping must have `ReportBatchItemFailures`: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
 * `@middy/event-normalizer` is deliberately not used: one odd body would fail the whole batch.
 *
 * The Webex token comes from Powertools Parameters' `SecretsProvider` (`token/secret-token-source.ts`): read at cold
 * start, kept `WEBEX_TOKEN_CACHE_SECONDS`, read again with `forceFetch` once after a 401. It is held in a closure
 * (`token/token-holder.ts`), never on the Lambda context.
 *
 * `handler.ts` calls this once at cold start with real clients; tests call it with mocks.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Logger } from '@aws-lambda-powertools/logger';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClientConfig } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Config } from './config.js';
import { TokenUnavailableError, describeError } from './errors.js';
import { createQueueActions } from './failures/queue-actions.js';
import { createMemberLossWindow } from './flow/member-loss.js';
import { createSourcePublisher } from './flow/source-publisher.js';
import { processBatch } from './flow/process-batch.js';
import { settleUnstarted, type RecordDependencies } from './flow/process-record.js';
import { BATCH_FAILURE_METRIC, type RecordReport } from './flow/record-report.js';
import { createRateGate } from './flow/rate-gate.js';
import { createZoneCandidatesCache } from './flow/zone-candidates-cache.js';
import { createDynamoLedger } from './ledger/dynamo-ledger.js';
import { logRecordReport } from './observability/report-logging.js';
import { structuredLogger } from './observability/structured-logger.js';
import type { EcbnRules } from './rules/schema.js';
import { createSecretTokenSource } from './token/secret-token-source.js';
import { createTokenHolder } from './token/token-holder.js';
import { createWebexClient } from './webex/client.js';
import type { SchemaMode } from './webex/models.js';
import { createNodeTransport } from './webex/node-transport.js';

export interface HandlerDependencies {
  readonly config: Config;
  readonly rules: EcbnRules;
  readonly sqs: SQSClient;
  /** The person ledger's client (table `config.ledgerTableName`). */
  readonly dynamoDb: DynamoDBClient;
  /** Observer of every ledger request (bench: DynamoDB calls per event). */
  readonly onLedgerCall?: (operation: string) => void;
  /**
   * Configuration of the Secrets Manager client behind the token's `SecretsProvider`. In Lambda only `endpoint` (from `AWS_ENDPOINT_URL_SECRETS_MANAGER`) is set; region and credentials come from the
   * runtime. Local tools add region and dummy credentials.
   */
  readonly secretsManagerConfig: SecretsManagerClientConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Sends the Webex requests instead of the default keep-alive `node:https` transport (tests inject stubs). */
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly schemaMode?: SchemaMode;
  /** Tests and local tools: no Secrets Manager call at construction time (the first invocation reads the secret). */
  readonly disablePrefetch?: boolean;
  /** Safety margin before the Lambda deadline. @default 5000 */
  readonly safetyMarginMs?: number;
  /** Observer of every record report (local runner table, bench latencies, soak accounting). */
  readonly onReport?: (report: RecordReport) => void;
}

export type EcbnHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * @example
 * export const handler = createHandler({ config, rules, sqs, dynamoDb, secretsManagerConfig: {}, logger, metrics });
 */
export function createHandler(deps: HandlerDependencies): EcbnHandler {
  const { config, metrics } = deps;
  const logger = structuredLogger(deps.logger);
  const now = deps.now ?? Date.now;

  const source = createSecretTokenSource({
    provider: new SecretsProvider({ clientConfig: deps.secretsManagerConfig }),
    secretId: config.webexTokenSecretId,
    maxAgeSeconds: config.tokenCacheSeconds,
  });
  const tokens = createTokenHolder(() => source.fresh(), { now });
  // Cold start overlaps the first read with the rest of the init; a failure is reported per record at the first
  // invocation (which reads again), never as an unhandled rejection.
  if (deps.disablePrefetch !== true) source.cached().catch(() => undefined);

  const webex = createWebexClient({
    baseUrl: config.webexApiBaseUrl,
    timeoutMs: config.webexTimeoutMs,
    getToken: async () => tokens.current(),
    // Not the global fetch: per request, undici builds Request/Headers/Response objects and a body stream, which cost
    // more CPU than the handler's own work (webex/node-transport.ts; `npm run bench`, handlerCpuRatio).
    ...(deps.fetch === undefined ? { transport: createNodeTransport() } : { fetch: deps.fetch }),
    ...(deps.sleep === undefined ? {} : { sleep: deps.sleep }),
    ...(deps.schemaMode === undefined ? {} : { schemaMode: deps.schemaMode }),
    now,
    logger,
  });

  const recordDeps: RecordDependencies = {
    webex,
    rules: deps.rules,
    settings: {
      allowedOrgIds: config.allowedOrgIds,
      acceptedEventTypes: config.acceptedEventTypes,
      dryRun: config.dryRun,
      personNotReadyRetryMinutes: config.personNotReadyRetryMinutes,
      maxReceiveCount: config.maxReceiveCount,
      backoff: config.deferBackoff,
    },
    queue: createQueueActions(deps.sqs, {
      sourceQueueUrl: config.sourceQueueUrl,
      deadLetterQueueUrl: config.deadLetterQueueUrl,
    }),
    gate: createRateGate(now, config.deferBackoff.capSeconds),
    tokens,
    zoneCache: createZoneCandidatesCache(now),
    memberLoss: {
      publisher: createSourcePublisher(deps.sqs, config.sourceQueueUrl),
      window: createMemberLossWindow(now),
    },
    ledger: createDynamoLedger({
      client: deps.dynamoDb,
      tableName: config.ledgerTableName,
      now,
      ...(deps.onLedgerCall === undefined ? {} : { onCall: deps.onLedgerCall }),
    }),
    logger,
    now,
    random: deps.random ?? Math.random,
  };

  const processRecords = async (event: SQSEvent, context: Context): Promise<PromiseSettledResult<string>[]> => {
    const tokenError = await loadToken();
    const reports = tokenError
      ? // No token: every record is a configuration failure (deferred, alarmed; dead-lettered with the reason only on
        // its last allowed receive), instead of failing the invocation and leaving SQS to redrive without a reason.
        await Promise.all(event.Records.map((record) => settleUnstarted(record, recordDeps, tokenError)))
      : await processBatch(event.Records, recordDeps, {
          maxParallel: config.maxParallelRecords,
          remainingTimeMs: () => context.getRemainingTimeInMillis(),
          ...(deps.safetyMarginMs === undefined ? {} : { safetyMarginMs: deps.safetyMarginMs }),
          ...(deps.sleep === undefined ? {} : { sleep: deps.sleep }),
        });
    return reports.map((report) => {
      logRecordReport(report, logger, metrics);
      deps.onReport?.(report);
      return report.reportAsFailed
        ? { status: 'rejected', reason: new Error(report.error ?? report.outcome) }
        : { status: 'fulfilled', value: report.outcome };
    });
  };

  /** Sets the token for this invocation from the (cached) secret; returns the reason when there is none. */
  const loadToken = async (): Promise<TokenUnavailableError | undefined> => {
    try {
      tokens.set(await source.cached());
      return undefined;
    } catch (error) {
      return error instanceof TokenUnavailableError
        ? error
        : new TokenUnavailableError(describeError(error), { cause: error });
    }
  };

  return (
    middy<SQSEvent, PromiseSettledResult<string>[]>()
      // logEvent false explicitly: POWERTOOLS_LOGGER_LOG_EVENT must not be able to put message bodies in the logs.
      .use(injectLambdaContext(deps.logger, { logEvent: false }))
      .use(logMetrics(metrics))
      .use(sqsPartialBatchFailure({ logger: () => undefined }))
      // Used last so its onError runs first (middy runs onError in reverse), before the partial-batch middleware
      // answers for the failed invocation.
      .use({
        // Whole-invocation failures (a bug: token and record failures are settled per record): every record is
        // reported failed by the partial-batch middleware and redelivered; say why, loudly, without the event.
        onError: async (request) => {
          logger.error('ECBN batch failed before its records could be processed', {
            error: describeError(request.error),
            records: request.event.Records?.length ?? 0,
          });
          metrics.addMetric(BATCH_FAILURE_METRIC, 'Count', 1);
        },
      })
      .handler(processRecords) as unknown as EcbnHandler
  );
}
