/**
 * The AWS Lambda entry point (SQS event source with `ReportBatchItemFailures`).
 *
 * Cold start does everything that can fail fast: parse the environment (naming any bad variable), load and validate
 * the rules compiled to JSON at synth, build the AWS clients once (the SQS client is pinned to `AWS_ENDPOINT_URL_SQS` when set: the SDK
 * would otherwise follow the queue URL's host), and prefetch the Webex token from Secrets Manager.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { loadConfig } from './config.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from './observability/service-identity.js';
import { createHandler } from './create-handler.js';
// Not './rules/index.js': that re-exports the YAML parser, which must stay out of the bundle.
import { loadCompiledRules } from './rules/load-compiled-rules.js';

/**
 * Bounded AWS calls: a hung SendMessage or ChangeMessageVisibility must not outlast the deadline margin (5 s) and
 * turn into a timed-out batch. The SDK retries on its own within these per-attempt limits.
 */
const AWS_REQUEST_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 3_000 };

const config = loadConfig(process.env);
const rules = loadCompiledRules(config.rulesFile);
const logger = new Logger({ serviceName: SERVICE_NAME });
const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });

export const handler = createHandler({
  config,
  rules,
  logger,
  metrics,
  sqs: new SQSClient({
    ...(config.sqsEndpoint ? { endpoint: config.sqsEndpoint } : {}),
    requestHandler: AWS_REQUEST_TIMEOUTS,
  }),
  dynamoDb: new DynamoDBClient({
    ...(config.dynamoDbEndpoint ? { endpoint: config.dynamoDbEndpoint } : {}),
    requestHandler: AWS_REQUEST_TIMEOUTS,
  }),
  secretsManagerConfig: {
    ...(config.secretsManagerEndpoint ? { endpoint: config.secretsManagerEndpoint } : {}),
    requestHandler: AWS_REQUEST_TIMEOUTS,
  },
});
