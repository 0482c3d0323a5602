/**
 * The Lambda entry point of the Webex token rotation function (Secrets Manager invokes it with each rotation step).
 *
 * Environment: `POWERTOOLS_SERVICE_NAME`, `POWERTOOLS_METRICS_NAMESPACE`, `WEBEX_API_BASE_URL` (default `https://webexapis.com/v1`), `AWS_ENDPOINT_URL_SECRETS_MANAGER`
 * (optional, local runs), `WEBEX_TIMEOUT_MS` (optional). It reads no other configuration: the secret comes in the event.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { ConfigurationVariableError } from '../errors.js';
import { DEFAULT_WEBEX_BASE_URL } from '../webex/base-url.js';
import { DEFAULT_TIMEOUT_MS } from '../webex/client.js';
import { createRotationHandler } from './create-rotation-handler.js';

const environmentSchema = z.looseObject({
  WEBEX_API_BASE_URL: z.url().default(DEFAULT_WEBEX_BASE_URL),
  WEBEX_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(DEFAULT_TIMEOUT_MS),
  AWS_ENDPOINT_URL_SECRETS_MANAGER: z.url().optional(),
});

const parsed = environmentSchema.safeParse(process.env);
if (!parsed.success) {
  throw new ConfigurationVariableError(
    `Invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
  );
}
const env = parsed.data;

export const handler = createRotationHandler({
  secretsManager: new SecretsManagerClient({
    ...(env.AWS_ENDPOINT_URL_SECRETS_MANAGER ? { endpoint: env.AWS_ENDPOINT_URL_SECRETS_MANAGER } : {}),
  }),
  webexApiBaseUrl: env.WEBEX_API_BASE_URL,
  webexTimeoutMs: env.WEBEX_TIMEOUT_MS,
  now: Date.now,
  // Service name and namespace from POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE (set by the stack), so the
  // bundle does not import the product handler (which parses its own environment at import).
  logger: new Logger(),
  metrics: new Metrics(),
});
