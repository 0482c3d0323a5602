/**
 * Local AWS peers for tests, `npm start`, bench and soak: an SQS emulator with a redrive DLQ, DynamoDB (dynalite) with
 * the ledger table, a Secrets Manager
 * stand-in, and a poller that does what Lambda's SQS event source mapping does. All listen on 127.0.0.1 only.
 */
export { LOCAL_AWS_ACCOUNT_ID, LOCAL_AWS_REGION, LOOPBACK_HOST, localAwsCredentials } from './local-aws-defaults.js';
export { createLocalSqsClient, startLocalSqs, type LocalSqs, type LocalSqsOptions } from './sqs/start-local-sqs.js';
export { getQueueDepth, type QueueDepth } from './sqs/queue-depth.js';
export { receiveAllMessages, type ReceiveAllMessagesOptions } from './sqs/receive-all-messages.js';
export {
  createLocalSecretsManagerClient,
  startLocalSecretsManager,
  type LocalSecretsManager,
  type LocalSecretsManagerOptions,
} from './secrets-manager/start-local-secrets-manager.js';
export {
  startLocalPoller,
  type DrainOptions,
  type LocalPoller,
  type LocalPollerBatchReport,
  type LocalPollerHandler,
  type LocalPollerOptions,
  type LocalPollerStats,
} from './poller/start-local-poller.js';
export { createLambdaContext, type LambdaContextOptions } from './poller/lambda-context.js';
export { toSqsEvent, toSqsRecord, type SqsEventSource } from './poller/sqs-event.js';
export {
  settleBatch,
  type BatchSettlement,
  type InvocationOutcome,
  type WholeBatchFailure,
} from './poller/batch-settlement.js';
export {
  DEFAULT_LEDGER_TABLE_NAME,
  startLocalDynamoDb,
  type LocalDynamoDb,
  type LocalDynamoDbOptions,
  type LocalDynamoDbRequest,
} from './dynamodb/start-local-dynamodb.js';
