/**
 * Builds the Lambda handler from its dependencies: middy 6 with
 * - `@middy/secrets-manager`: the Webex token, prefetched at cold start and cached with a TTL;
 * - Powertools Logger (`injectLambdaContext`) and Metrics (`logMetrics`, EMF) — no `logEvent`: bodies hold personal data;
 * - `@middy/sqs-partial-batch-failure`: turns our one-result-per-record array into `batchItemFailures`
 *   (the mapping must have `ReportBatchItemFailures`: https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
 * `@middy/event-normalizer` is deliberately not used: one odd body would fail the whole batch.
 *
 * `handler.ts` calls this once at cold start with real clients; tests call it with mocks.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Logger } from '@aws-lambda-powertools/logger';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import {
  GetSecretValueCommand,
  SecretsManagerClient,
  type SecretsManagerClientConfig,
} from '@aws-sdk/client-secrets-manager';
import type { SQSClient } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import secretsManagerMiddleware from '@middy/secrets-manager';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import { clearCache, getCache, getInternal } from '@middy/util';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Config } from './config.js';
import { TokenUnavailableError, describeError } from './errors.js';
import { createQueueActions } from './failures/queue-actions.js';
import { processBatch } from './flow/process-batch.js';
import { settleUnstarted, type RecordDependencies } from './flow/process-record.js';
import { BATCH_FAILURE_METRIC, type RecordReport } from './flow/record-report.js';
import { createRateGate } from './flow/rate-gate.js';
import { createZoneCandidatesCache } from './flow/zone-candidates-cache.js';
import { logRecordReport } from './observability/report-logging.js';
import { structuredLogger } from './observability/structured-logger.js';
import type { EcbnRules } from './rules/schema.js';
import { tokenFromSecretValue } from './token/secret-value.js';
import { createTokenHolder } from './token/token-holder.js';
import { createWebexClient } from './webex/client.js';
import type { SchemaMode } from './webex/models.js';
import { createNodeTransport } from './webex/node-transport.js';

/** middy's cache key for the token secret (cleared after a 401 so the next invocation reads the secret afresh). */
export const TOKEN_CACHE_KEY = 'ecbn-webex-token';

export interface HandlerDependencies {
  readonly config: Config;
  readonly rules: EcbnRules;
  readonly sqs: SQSClient;
  /**
   * Configuration of the Secrets Manager clients (middy's cached one and ours for the fresh re-read after a 401).
   * In Lambda only `endpoint` (from `AWS_ENDPOINT_URL_SECRETS_MANAGER`) is set; region and credentials come from the
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
  /** Tests and local tools: no Secrets Manager call at construction time. */
  readonly disablePrefetch?: boolean;
  /** Safety margin before the Lambda deadline. @default 5000 */
  readonly safetyMarginMs?: number;
  /** Observer of every record report (local runner table, bench latencies, soak accounting). */
  readonly onReport?: (report: RecordReport) => void;
}

export type EcbnHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * @example
 * export const handler = createHandler({ config, rules, sqs, secretsManagerConfig: {}, logger, metrics });
 */
export function createHandler(deps: HandlerDependencies): EcbnHandler {
  const { config, metrics } = deps;
  const logger = structuredLogger(deps.logger);
  const now = deps.now ?? Date.now;

  // Built on the first 401 only: most containers never need a fresh read, so cold start does not pay for the client.
  let secretsManager: SecretsManagerClient | undefined;
  const tokens = createTokenHolder(
    async () => {
      secretsManager ??= new SecretsManagerClient(deps.secretsManagerConfig);
      const answer = await secretsManager.send(new GetSecretValueCommand({ SecretId: config.webexTokenSecretId }));
      return tokenFromSecretValue(answer.SecretString);
    },
    { now, onRefreshed: () => clearCache([TOKEN_CACHE_KEY]) },
  );

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
    logger,
    now,
    random: deps.random ?? Math.random,
  };

  const processRecords = async (event: SQSEvent, context: TokenContext): Promise<PromiseSettledResult<string>[]> => {
    const tokenError = loadToken(context);
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

  /** Sets the token for this invocation; returns the reason when there is none. */
  const loadToken = (context: TokenContext): TokenUnavailableError | undefined => {
    if (context.webexTokenError !== undefined) {
      return new TokenUnavailableError(
        `The Webex token secret could not be read: ${describeCause(context.webexTokenError) ?? describeError(context.webexTokenError)}`,
      );
    }
    try {
      tokens.set(tokenFromSecretValue(context.webexToken));
      return undefined;
    } catch (error) {
      return new TokenUnavailableError(describeError(error), { cause: error });
    }
  };

  const secrets = secretsManagerMiddleware({
    AwsClient: SecretsManagerClient,
    awsClientOptions: deps.secretsManagerConfig,
    fetchData: { webexToken: config.webexTokenSecretId },
    cacheKey: TOKEN_CACHE_KEY,
    // Cached until cleared: middy's TTL arms a background re-fetch whose failure would be an unhandled rejection that
    // kills the runtime mid-batch. The TTL is kept by `expireToken` below instead (and a 401 clears it at once).
    cacheExpiry: -1,
    disablePrefetch: deps.disablePrefetch ?? false,
  });
  // A failed cold-start prefetch is reported per record at the first invocation, not as an unhandled rejection.
  markPrefetchHandled();
  let tokenReadAt = now();

  return (
    middy<SQSEvent, PromiseSettledResult<string>[]>()
      // logEvent false explicitly: POWERTOOLS_LOGGER_LOG_EVENT must not be able to put message bodies in the logs.
      .use(injectLambdaContext(deps.logger, { logEvent: false }))
      .use(logMetrics(metrics))
      .use({
        // The token's TTL: drop middy's cached copy when it is older than WEBEX_TOKEN_CACHE_SECONDS.
        before: async () => {
          if (now() - tokenReadAt >= config.tokenCacheSeconds * 1000) {
            clearCache([TOKEN_CACHE_KEY]);
            tokenReadAt = now();
          }
        },
      })
      .use(secrets)
      .use({
        // Resolve the token here, where a failure can be caught, instead of letting middy fail the whole batch.
        before: async (request) => {
          const context = request.context as TokenContext;
          try {
            const values = await getInternal(['webexToken'], request);
            context.webexToken = values.webexToken;
          } catch (error) {
            context.webexTokenError = error;
          }
        },
      })
      .use(sqsPartialBatchFailure({ logger: () => undefined }))
      // Used last so its onError runs first (middy runs onError in reverse), before the partial-batch middleware
      // answers for the failed invocation.
      .use({
        // Whole-invocation failures (e.g. the secret cannot be read): every record is reported failed by the
        // partial-batch middleware and redelivered; say why, loudly, without the event.
        onError: async (request) => {
          logger.error('ECBN batch failed before its records could be processed', {
            error: describeError(request.error),
            cause: describeCause(request.error),
            records: request.event.Records?.length ?? 0,
          });
          metrics.addMetric(BATCH_FAILURE_METRIC, 'Count', 1);
        },
      })
      .handler(processRecords) as unknown as EcbnHandler
  );
}

/** The Lambda context with the token (or the reason there is none) put there by the token middleware. */
type TokenContext = Context & { webexToken?: unknown; webexTokenError?: unknown };

/** Attaches a no-op handler to the prefetched secret promise, so a failed prefetch is not an unhandled rejection. */
function markPrefetchHandled(): void {
  const cached = getCache(TOKEN_CACHE_KEY) as { value?: Record<string, unknown> };
  for (const value of Object.values(cached.value ?? {})) {
    if (value instanceof Promise) value.catch(() => undefined);
  }
}

/** middy wraps a failed secret fetch as "Failed to resolve internal values" with the real errors in `cause.data`. */
function describeCause(error: unknown): string | undefined {
  const data = (error as { cause?: { data?: unknown } } | null)?.cause?.data;
  const first: unknown = Array.isArray(data) ? data[0] : data;
  return first === undefined ? undefined : describeError(first);
}
