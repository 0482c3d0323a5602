/**
 * The function's configuration: environment variables parsed once, at cold start, with zod. A missing or malformed
 * variable fails the cold start with an error that names it (Powertools' `envUtils` stance: fail fast, name the key).
 */
import path from 'node:path';
import * as z from 'zod';
import { ConfigurationVariableError } from './errors.js';
import { DEFAULT_ACCEPTED_EVENT_TYPES } from './events/index.js';
import { DEFAULT_BACKOFF, MAX_DEFER_SECONDS, type BackoffPolicy } from './failures/backoff.js';
import { DEFAULT_WEBEX_BASE_URL } from './webex/base-url.js';
import { DEFAULT_TIMEOUT_MS } from './webex/client.js';

/**
 * The one home of the settings' defaults and bounds: the function's environment (below) and the deployment's CDK
 * settings (`infra/settings.ts`) both read them.
 */
/** Receives before SQS redrives a message (`MAX_RECEIVE_COUNT`, the redrive policy's `maxReceiveCount`). */
export const DEFAULT_MAX_RECEIVE_COUNT = 10;
export const MAX_RECEIVE_COUNT_LIMIT = 1000;
/** Records of one batch processed at once (`MAX_PARALLEL_RECORDS`). */
export const DEFAULT_MAX_PARALLEL_RECORDS = 5;
export const MAX_PARALLEL_RECORDS_LIMIT = 100;
/** How long a person not ready in Webex is retried (`PERSON_NOT_READY_RETRY_MINUTES`). */
export const DEFAULT_PERSON_NOT_READY_RETRY_MINUTES = 60;
/** 14 days: the longest SQS keeps a message. */
export const PERSON_NOT_READY_RETRY_MINUTES_LIMIT = 20_160;

const commaList = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  )
  .pipe(z.array(z.string()));

const booleanText = z
  .enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False', '1', '0', ''])
  .transform((text) => text.toLowerCase() === 'true' || text === '1');

const positiveInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const envVariables = z.object({
  WEBEX_TOKEN_SECRET_ID: z.string().trim().min(1, 'is required'),
  SOURCE_QUEUE_URL: z.url(),
  DEAD_LETTER_QUEUE_URL: z.url(),
  /** Must equal the source queue's redrive `maxReceiveCount`. */
  MAX_RECEIVE_COUNT: positiveInt(1, MAX_RECEIVE_COUNT_LIMIT).default(DEFAULT_MAX_RECEIVE_COUNT),
  WEBEX_API_BASE_URL: z.url().default(DEFAULT_WEBEX_BASE_URL),
  ECBN_RULES_FILE: z.string().trim().min(1).optional(),
  ALLOWED_ORG_IDS: commaList.default([]),
  ACCEPTED_EVENT_TYPES: commaList.refine((list) => list.length > 0, 'must list at least one event type').optional(),
  DRY_RUN: booleanText.default(false),
  MAX_PARALLEL_RECORDS: positiveInt(1, MAX_PARALLEL_RECORDS_LIMIT).default(DEFAULT_MAX_PARALLEL_RECORDS),
  PERSON_NOT_READY_RETRY_MINUTES: positiveInt(1, PERSON_NOT_READY_RETRY_MINUTES_LIMIT).default(
    DEFAULT_PERSON_NOT_READY_RETRY_MINUTES,
  ),
  /** How long the token read from Secrets Manager is cached before it is read again. */
  WEBEX_TOKEN_CACHE_SECONDS: positiveInt(0, 86_400).default(300),
  /**
   * Queue deferral backoff without `Retry-After`: first step and cap (s). The defaults suit production; local soak
   * runs lower them so a deferred record comes back in seconds, not minutes (see failures/backoff.ts).
   */
  DEFER_BASE_SECONDS: positiveInt(1, MAX_DEFER_SECONDS).default(DEFAULT_BACKOFF.baseSeconds),
  DEFER_CAP_SECONDS: positiveInt(1, MAX_DEFER_SECONDS).default(DEFAULT_BACKOFF.capSeconds),
  /** Per-attempt timeout of a Webex request (ms): a hung answer costs at most this much. */
  WEBEX_TIMEOUT_MS: positiveInt(100, 300_000).default(DEFAULT_TIMEOUT_MS),
  /** The person ledger's DynamoDB table (infra/ledger-table.ts). */
  LEDGER_TABLE_NAME: z.string().trim().min(3, 'must name the ledger table (3 to 255 characters)').max(255),
  AWS_ENDPOINT_URL_SQS: z.url().optional(),
  /** The SDK's own service-specific endpoint variable, read here so local runs and Lambda share one path. */
  AWS_ENDPOINT_URL_DYNAMODB: z.url().optional(),
  AWS_ENDPOINT_URL_SECRETS_MANAGER: z.url().optional(),
  LAMBDA_TASK_ROOT: z.string().optional(),
});

const envSchema = envVariables.refine((env) => env.DEFER_CAP_SECONDS >= env.DEFER_BASE_SECONDS, {
  path: ['DEFER_CAP_SECONDS'],
  error: 'must be at least DEFER_BASE_SECONDS',
});

/** The validated configuration. */
export interface Config {
  readonly webexTokenSecretId: string;
  readonly sourceQueueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly maxReceiveCount: number;
  readonly webexApiBaseUrl: string;
  /** Absolute path of the rules file. */
  readonly rulesFile: string;
  /** Empty: any organisation (the token's own). */
  readonly allowedOrgIds: readonly string[];
  readonly acceptedEventTypes: readonly string[];
  readonly dryRun: boolean;
  readonly maxParallelRecords: number;
  readonly personNotReadyRetryMinutes: number;
  readonly tokenCacheSeconds: number;
  /** Deferral backoff of records that failed transiently (`DEFER_BASE_SECONDS`, `DEFER_CAP_SECONDS`). */
  readonly deferBackoff: BackoffPolicy;
  /** Per-attempt timeout of Webex requests (`WEBEX_TIMEOUT_MS`). */
  readonly webexTimeoutMs: number;
  /** The person ledger's table (`LEDGER_TABLE_NAME`). */
  readonly ledgerTableName: string;
  readonly sqsEndpoint: string | undefined;
  readonly dynamoDbEndpoint: string | undefined;
  readonly secretsManagerEndpoint: string | undefined;
}

/**
 * Parses the environment. Throws {@link ConfigurationVariableError} naming every bad variable.
 *
 * The default rules file is the compiled copy bundled next to the handler (`$LAMBDA_TASK_ROOT/ecbn-rules.json`) in
 * Lambda, and
 * `config/ecbn-rules.yaml` under the working directory elsewhere.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigurationVariableError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const defaultRules = e.LAMBDA_TASK_ROOT
    ? path.join(e.LAMBDA_TASK_ROOT, 'ecbn-rules.json')
    : path.resolve('config/ecbn-rules.yaml');
  return Object.freeze({
    webexTokenSecretId: e.WEBEX_TOKEN_SECRET_ID,
    sourceQueueUrl: e.SOURCE_QUEUE_URL,
    deadLetterQueueUrl: e.DEAD_LETTER_QUEUE_URL,
    maxReceiveCount: e.MAX_RECEIVE_COUNT,
    webexApiBaseUrl: e.WEBEX_API_BASE_URL,
    rulesFile: e.ECBN_RULES_FILE ? path.resolve(e.ECBN_RULES_FILE) : defaultRules,
    allowedOrgIds: Object.freeze([...e.ALLOWED_ORG_IDS]),
    acceptedEventTypes: Object.freeze([...(e.ACCEPTED_EVENT_TYPES ?? DEFAULT_ACCEPTED_EVENT_TYPES)]),
    dryRun: e.DRY_RUN,
    maxParallelRecords: e.MAX_PARALLEL_RECORDS,
    personNotReadyRetryMinutes: e.PERSON_NOT_READY_RETRY_MINUTES,
    tokenCacheSeconds: e.WEBEX_TOKEN_CACHE_SECONDS,
    deferBackoff: Object.freeze({ baseSeconds: e.DEFER_BASE_SECONDS, capSeconds: e.DEFER_CAP_SECONDS }),
    webexTimeoutMs: e.WEBEX_TIMEOUT_MS,
    ledgerTableName: e.LEDGER_TABLE_NAME,
    sqsEndpoint: e.AWS_ENDPOINT_URL_SQS,
    dynamoDbEndpoint: e.AWS_ENDPOINT_URL_DYNAMODB,
    secretsManagerEndpoint: e.AWS_ENDPOINT_URL_SECRETS_MANAGER,
  });
}
