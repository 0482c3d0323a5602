/**
 * The deployment's settings: CDK context values (`cdk.json` "context" or `-c key=value`), parsed once with zod.
 *
 * Context arrives in two shapes: typed JSON from `cdk.json`, and plain strings from `-c key=value`. Every setting
 * accepts both (`"5"` and `5`, `"true"` and `true`, `"a,b"` and `["a","b"]`, a JSON string or an object). A bad or
 * missing setting fails `cdk synth` with an error that names it.
 */
import * as z from 'zod';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
// The handler's own default, so that infra and function never disagree on what is accepted.
import {
  DEFAULT_MAX_PARALLEL_RECORDS,
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_PERSON_NOT_READY_RETRY_MINUTES,
  MAX_PARALLEL_RECORDS_LIMIT,
  MAX_RECEIVE_COUNT_LIMIT,
  PERSON_NOT_READY_RETRY_MINUTES_LIMIT,
} from '../lambda/config.js';
import { DEFAULT_ACCEPTED_EVENT_TYPES } from '../lambda/events/index.js';
import { DEFAULT_WEBEX_BASE_URL } from '../lambda/webex/base-url.js';
import { notReadyWindowIssues } from './queue-limits.js';

/** A setting is missing or malformed. `message` names every bad setting. */
export class InvalidSettingsError extends Error {
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super(`Invalid CDK context setting(s): ${issues.join('; ')}`);
    this.name = 'InvalidSettingsError';
    this.issues = issues;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Coercions: `-c key=value` always gives strings.
// ---------------------------------------------------------------------------------------------------------------

const numberFromText = (value: unknown): unknown => {
  if (typeof value !== 'string' || value.trim() === '') return value;
  const parsed = Number(value.trim());
  return Number.isNaN(parsed) ? value : parsed;
};

const booleanFromText = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : value;
};

const listFromText = (value: unknown): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item.length > 0)
    : value;

const jsonFromText = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
};

const integer = (min: number, max: number) =>
  z.preprocess(
    numberFromText,
    z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
const flag = z.preprocess(booleanFromText, z.boolean({ error: 'must be true or false' }));
const list = z.preprocess(
  listFromText,
  z.array(
    z
      .string()
      .trim()
      .min(1)
      .regex(/^[^,]+$/, 'must not contain commas'),
  ),
);

/** Secrets Manager secret names: 1–512 of `A–Z a–z 0–9 / _ + = . @ -`. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;
const EVENT_BUS_NAME = /^(arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/)?[A-Za-z0-9/._-]{1,256}$/;
/** A stage name: it is appended to the stack name (`EcbnProvisioner-<stage>`), which CloudFormation limits. */
const STAGE_NAME = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;
/** Powertools Logger levels. https://docs.powertools.aws.dev/lambda/typescript/latest/core/logger/#log-levels */
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const;
const RETENTION_DAYS = Object.values(RetentionDays).filter((value): value is number => typeof value === 'number');

/**
 * An EventBridge event pattern as EventBridge writes it (`detail-type`, not CDK's `detailType`).
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 */
const eventPatternSchema = z.preprocess(
  jsonFromText,
  z
    .strictObject(
      {
        version: z.array(z.unknown()).optional(),
        id: z.array(z.unknown()).optional(),
        'detail-type': z.array(z.unknown()).optional(),
        source: z.array(z.unknown()).optional(),
        account: z.array(z.unknown()).optional(),
        time: z.array(z.unknown()).optional(),
        region: z.array(z.unknown()).optional(),
        resources: z.array(z.unknown()).optional(),
        detail: z.record(z.string(), z.unknown()).optional(),
      },
      {
        error: (issue) =>
          issue.code === 'invalid_type'
            ? 'must be an EventBridge event pattern object (JSON), e.g. {"source":["hr.system"]}'
            : undefined,
      },
    )
    .refine((pattern) => Object.keys(pattern).length > 0, {
      message: 'must not be empty',
      // Only when the keys themselves are fine: an unknown key is the one thing to report then.
      when: (payload) => payload.issues.length === 0,
    }),
);

/** The compliance audit's settings (infra/audit.ts). */
const auditSettingsShape = {
  auditSchedule: z
    .string()
    .trim()
    .regex(/^(none|cron\(.+\)|rate\(.+\)|at\(.+\))$/, 'must be cron(...), rate(...), at(...) or none')
    .default('cron(0 2 * * ? *)'),
  auditTimezone: z.string().trim().min(1).default('UTC'),
  auditFix: flag.default(false),
  auditMaxConcurrency: integer(2, 1000).default(2),
  auditWebexCallsPerSecond: integer(1, 1000).default(5),
  auditReportDays: integer(1, 3650).default(90),
};

const settingsSchema = z
  .object({
    secretName: z
      .string({
        error: (issue) =>
          issue.input === undefined
            ? 'is required: pass -c secretName=<name of the Secrets Manager secret holding {"accessToken":"..."}>'
            : 'must be a string',
      })
      .trim()
      .regex(SECRET_NAME, 'must be a Secrets Manager secret name (1-512 of A-Z a-z 0-9 / _ + = . @ -)'),
    rulesFile: z.string().trim().min(1).default('config/ecbn-rules.yaml'),
    /** Deploy a rules file marked `example: true` anyway (e.g. the demo org's, to try the stack). */
    allowExampleRules: flag.default(false),
    maxConcurrency: integer(2, 1000).default(2),
    batchSize: integer(1, 10_000).default(10),
    maxBatchingWindowSeconds: integer(0, 300).default(0),
    maxReceiveCount: integer(1, MAX_RECEIVE_COUNT_LIMIT).default(DEFAULT_MAX_RECEIVE_COUNT),
    dryRun: flag.default(false),
    allowedOrgIds: list.default([]),
    acceptedEventTypes: list
      .refine((types) => types.length > 0, 'must list at least one event type')
      .default([...DEFAULT_ACCEPTED_EVENT_TYPES]),
    alarmEmail: z.email('must be an email address').optional(),
    webexApiBaseUrl: z
      .url({ protocol: /^https$/, error: 'must be an https:// URL' })
      .transform((url) => url.replace(/\/+$/, ''))
      .default(DEFAULT_WEBEX_BASE_URL),
    snsTopicArn: z.string().trim().regex(SNS_TOPIC_ARN, 'must be an SNS topic ARN').optional(),
    eventBusName: z.string().trim().regex(EVENT_BUS_NAME, 'must be an EventBridge bus name or ARN').optional(),
    eventPattern: eventPatternSchema.optional(),
    filterAtSource: flag.default(true),
    maxParallelRecords: integer(1, MAX_PARALLEL_RECORDS_LIMIT).default(DEFAULT_MAX_PARALLEL_RECORDS),
    /** Skipped + filtered-out events per hour that raise the SkippedOrFilteredEvents alarm. */
    skippedEventsAlarmPerHour: integer(1, 1_000_000).default(100),
    /** `-c stage=dev`: a separate stack `EcbnProvisioner-dev` with its own queues, function, alarms and dashboard. */
    stage: z
      .string()
      .trim()
      .regex(
        STAGE_NAME,
        'must be 1-32 of A-Z a-z 0-9 and -, starting with a letter (it becomes part of the stack name)',
      )
      .optional(),
    /** The function's Powertools log level (`POWERTOOLS_LOG_LEVEL`). */
    logLevel: z
      .preprocess(
        (value) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
        z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
      )
      .default('INFO'),
    personNotReadyRetryMinutes: integer(1, PERSON_NOT_READY_RETRY_MINUTES_LIMIT).default(
      DEFAULT_PERSON_NOT_READY_RETRY_MINUTES,
    ),
    ...auditSettingsShape,
    logRetentionDays: z
      .preprocess(
        numberFromText,
        z
          .number()
          .refine(
            (days) => RETENTION_DAYS.includes(days),
            `must be one of ${RETENTION_DAYS.join(', ')} (CloudWatch Logs)`,
          ),
      )
      .default(90),
    /** Refresh the Webex OAuth token by Secrets Manager rotation (`infra/token-rotation.ts`). */
    tokenRotation: flag.default(true),
    /** Hours between rotations: at least Secrets Manager's 4, at most 24 (the expiry alarm's period). */
    tokenRotationHours: integer(4, 24).default(8),
    /** The access-token lifetime assumed (14 days, the common integration value; Webex's `expires_in` rules at runtime). */
    webexAccessTokenLifetimeHours: integer(1, 8760).default(336),
  })
  .superRefine((settings, context) => {
    // A rotation period longer than half the token's life leaves a failed rotation no second chance before expiry.
    if (settings.tokenRotation && settings.tokenRotationHours * 2 > settings.webexAccessTokenLifetimeHours) {
      context.addIssue({
        code: 'custom',
        path: ['tokenRotationHours'],
        message:
          `must be at most half of webexAccessTokenLifetimeHours (${settings.webexAccessTokenLifetimeHours}); ` +
          'Secrets Manager cannot rotate more often than every 4 hours, so tokens living under 8 hours need another refresher',
      });
    }
    // AWS: a batch larger than 10 needs a batching window (CreateEventSourceMapping rejects it otherwise).
    if (settings.batchSize > 10 && settings.maxBatchingWindowSeconds < 1) {
      context.addIssue({
        code: 'custom',
        path: ['maxBatchingWindowSeconds'],
        message: 'must be at least 1 when batchSize is above 10 (AWS limit for SQS event sources)',
      });
    }
    // A not-ready window the source queue cannot carry (12 h visibility per receive, retention) is refused here.
    for (const message of notReadyWindowIssues(settings)) {
      context.addIssue({ code: 'custom', path: ['personNotReadyRetryMinutes'], message });
    }
    if (settings.eventBusName !== undefined && settings.eventPattern === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['eventPattern'],
        message: 'is required when eventBusName is set (the rule needs a pattern to match HR events)',
      });
    }
  });

/** Every setting, validated and with defaults applied. */
export type EcbnSettings = z.output<typeof settingsSchema>;

/** The names of all settings, for reading them from context and for spotting near-miss spellings. */
export const SETTING_NAMES = Object.keys(settingsSchema.shape) as readonly (keyof EcbnSettings)[];

/**
 * Validates raw context values. Throws {@link InvalidSettingsError} naming every bad setting.
 *
 * @example
 * const settings = parseSettings({ secretName: 'ecbn/webex-token', batchSize: '5' });
 * settings.batchSize; // 5
 */
export function parseSettings(raw: Readonly<Record<string, unknown>>): EcbnSettings {
  const misspelt = Object.keys(raw)
    .filter((key) => !(SETTING_NAMES as readonly string[]).includes(key))
    .flatMap((key) => {
      const meant = SETTING_NAMES.find((name) => name.toLowerCase() === key.toLowerCase());
      return meant === undefined ? [] : [`${key}: unknown setting, did you mean ${meant}?`];
    });
  const parsed = settingsSchema.safeParse(raw);
  const issues = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(settings)'}: ${issue.message}`);
  if (misspelt.length > 0 || !parsed.success) {
    throw new InvalidSettingsError([...misspelt, ...issues]);
  }
  return parsed.data;
}

/**
 * Reads the settings from a construct's context (all of it, so that misspelt keys are reported too).
 *
 * @example
 * const settings = settingsFromContext(app.node.getAllContext());
 */
export function settingsFromContext(context: Readonly<Record<string, unknown>>): EcbnSettings {
  // Context also holds feature flags (`@aws-cdk/...`) and CLI keys (`cli-telemetry`, `aws:cdk:...`): keep only plain
  // identifiers, which is where our settings and their misspellings live.
  const candidates = Object.fromEntries(Object.entries(context).filter(([key]) => /^[A-Za-z][A-Za-z0-9]*$/.test(key)));
  return parseSettings(candidates);
}
