/**
 * The environment the deployed function gets (see `infra/ecbn-function.ts` and `lambda/config.ts`), pointed at local
 * stand-ins: what the handler bundle reads at import, for the cold-init probes and the handler-CPU worker.
 */
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../lambda/observability/service-identity.js';
import { createServer } from 'node:net';
import {
  DEFAULT_LEDGER_TABLE_NAME,
  LOCAL_AWS_ACCOUNT_ID,
  LOCAL_AWS_REGION,
  LOOPBACK_HOST,
  localAwsCredentials,
} from '../aws/index.js';
import { LOCAL_TOKEN_SECRET_ID } from '../pipeline.js';

export interface HandlerEnvOptions {
  /** The rules compiled to JSON, as the function bundle carries them. */
  readonly rulesFile: string;
  readonly webexApiBaseUrl: string;
  /** Secrets Manager endpoint (a closed port when the token must never arrive). */
  readonly secretsManagerEndpoint: string;
  /** SQS endpoint (the handler only calls SQS to defer or dead-letter a record). */
  readonly sqsEndpoint: string;
  /** DynamoDB endpoint of the person ledger (dynalite, or a closed port when no record is processed). */
  readonly dynamoDbEndpoint: string;
}

/**
 * @example
 * handlerEnv({ rulesFile, webexApiBaseUrl: sim.baseUrl, secretsManagerEndpoint: secrets.endpoint, sqsEndpoint: closed });
 */
export function handlerEnv(options: HandlerEnvOptions): Record<string, string> {
  const credentials = localAwsCredentials();
  return {
    AWS_REGION: LOCAL_AWS_REGION,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    WEBEX_TOKEN_SECRET_ID: LOCAL_TOKEN_SECRET_ID,
    SOURCE_QUEUE_URL: `${options.sqsEndpoint}/${LOCAL_AWS_ACCOUNT_ID}/ecbn-bench-source`,
    DEAD_LETTER_QUEUE_URL: `${options.sqsEndpoint}/${LOCAL_AWS_ACCOUNT_ID}/ecbn-bench-dlq`,
    AWS_ENDPOINT_URL_SQS: options.sqsEndpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: options.secretsManagerEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB: options.dynamoDbEndpoint,
    LEDGER_TABLE_NAME: DEFAULT_LEDGER_TABLE_NAME,
    WEBEX_API_BASE_URL: options.webexApiBaseUrl,
    ECBN_RULES_FILE: options.rulesFile,
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  };
}

/**
 * `http://127.0.0.1:<port>` of a port nothing listens on (bound, then released): connections are refused at once, so
 * a call the bench does not want (the token prefetch of a cold-init probe) fails fast instead of hanging.
 */
export async function closedLoopbackEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK_HOST, () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('Could not find a free loopback port');
  return `http://${LOOPBACK_HOST}:${address.port}`;
}
