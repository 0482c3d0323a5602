import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCEPTED_EVENT_TYPES } from '../../lambda/events/index.js';
import { InvalidSettingsError, parseSettings, settingsFromContext } from '../../infra/settings.js';

/** The one required setting, so that each case states only what it is about. */
const required = { secretName: 'ecbn-provisioner/webex-token' };

/** Parses and returns the error's message, failing the test when nothing is thrown. */
function errorOf(raw: Record<string, unknown>): string {
  try {
    parseSettings(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSettingsError);
    return (error as InvalidSettingsError).message;
  }
  throw new Error('expected parseSettings to throw');
}

describe('parseSettings', () => {
  it('applies the documented defaults when only secretName is given', () => {
    // Act
    const settings = parseSettings(required);

    // Assess
    expect(settings).toEqual({
      secretName: 'ecbn-provisioner/webex-token',
      rulesFile: 'config/ecbn-rules.yaml',
      allowExampleRules: false,
      maxConcurrency: 2,
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
      maxReceiveCount: 10,
      dryRun: false,
      allowedOrgIds: [],
      acceptedEventTypes: [...DEFAULT_ACCEPTED_EVENT_TYPES],
      webexApiBaseUrl: 'https://webexapis.com/v1',
      filterAtSource: true,
      maxParallelRecords: 5,
      skippedEventsAlarmPerHour: 100,
      logLevel: 'INFO',
      personNotReadyRetryMinutes: 60,
      auditSchedule: 'cron(0 2 * * ? *)',
      auditTimezone: 'UTC',
      auditFix: false,
      auditMaxConcurrency: 2,
      auditWebexCallsPerSecond: 5,
      auditReportDays: 90,
      logRetentionDays: 90,
      tokenRotation: true,
      tokenRotationHours: 8,
      webexAccessTokenLifetimeHours: 336,
    });
  });

  it('reads -c strings as the numbers, booleans and lists they spell', () => {
    // Prepare: `cdk synth -c key=value` hands every value over as a string.
    const raw = {
      ...required,
      maxConcurrency: '5',
      batchSize: ' 4 ',
      maxBatchingWindowSeconds: '3',
      maxReceiveCount: '7',
      dryRun: 'TRUE',
      allowedOrgIds: 'org-a, org-b,,',
      acceptedEventTypes: 'user.created',
      filterAtSource: 'false',
      maxParallelRecords: '8',
      personNotReadyRetryMinutes: '120',
      logRetentionDays: '30',
      eventPattern: '{"source":["hr.system"],"detail-type":["user.created"]}',
    };

    // Act
    const settings = parseSettings(raw);

    // Assess
    expect(settings).toMatchObject({
      maxConcurrency: 5,
      batchSize: 4,
      maxBatchingWindowSeconds: 3,
      maxReceiveCount: 7,
      dryRun: true,
      allowedOrgIds: ['org-a', 'org-b'],
      acceptedEventTypes: ['user.created'],
      filterAtSource: false,
      maxParallelRecords: 8,
      personNotReadyRetryMinutes: 120,
      logRetentionDays: 30,
      eventPattern: { source: ['hr.system'], 'detail-type': ['user.created'] },
    });
  });

  it('reads cdk.json JSON values as they are', () => {
    // Act
    const settings = parseSettings({ ...required, batchSize: 3, dryRun: true, allowedOrgIds: ['org-a'] });

    // Assess
    expect(settings).toMatchObject({ batchSize: 3, dryRun: true, allowedOrgIds: ['org-a'] });
  });

  it('drops a trailing slash from the Webex base URL', () => {
    expect(parseSettings({ ...required, webexApiBaseUrl: 'https://webexapis.com/v1/' }).webexApiBaseUrl).toBe(
      'https://webexapis.com/v1',
    );
  });

  it.each([
    ['secretName is missing', {}, 'secretName: is required: pass -c secretName='],
    ['secretName has characters Secrets Manager refuses', { secretName: 'my token!' }, 'secretName: must be a Secrets'],
    [
      'maxConcurrency is below the AWS minimum of 2',
      { ...required, maxConcurrency: '1' },
      'maxConcurrency: must be at least 2',
    ],
    ['batchSize is not a number', { ...required, batchSize: 'ten' }, 'batchSize: must be a whole number'],
    ['batchSize is zero', { ...required, batchSize: 0 }, 'batchSize: must be at least 1'],
    [
      'batchSize is above 10 without a batching window',
      { ...required, batchSize: 50 },
      'maxBatchingWindowSeconds: must be at least 1 when batchSize is above 10',
    ],
    [
      'maxBatchingWindowSeconds is above 300',
      { ...required, maxBatchingWindowSeconds: 301 },
      'maxBatchingWindowSeconds: must be at most 300',
    ],
    [
      'maxReceiveCount is a fraction',
      { ...required, maxReceiveCount: '2.5' },
      'maxReceiveCount: must be a whole number',
    ],
    ['dryRun is neither true nor false', { ...required, dryRun: 'yes' }, 'dryRun: must be true or false'],
    [
      'acceptedEventTypes is empty',
      { ...required, acceptedEventTypes: ' , ' },
      'acceptedEventTypes: must list at least',
    ],
    ['alarmEmail is not an address', { ...required, alarmEmail: 'ops-team' }, 'alarmEmail: must be an email address'],
    [
      'webexApiBaseUrl is plain http (the token would travel in clear)',
      { ...required, webexApiBaseUrl: 'http://webexapis.com/v1' },
      'webexApiBaseUrl: must be an https:// URL',
    ],
    [
      'snsTopicArn is not an SNS ARN',
      { ...required, snsTopicArn: 'hr-events' },
      'snsTopicArn: must be an SNS topic ARN',
    ],
    [
      'eventBusName is set without an eventPattern',
      { ...required, eventBusName: 'hr-bus' },
      'eventPattern: is required when eventBusName is set',
    ],
    ['eventPattern is not JSON', { ...required, eventPattern: '{source:' }, 'eventPattern: must be an EventBridge'],
    [
      'eventPattern has an unknown key',
      { ...required, eventPattern: { detailType: ['x'] } },
      'eventPattern: Unrecognized key: "detailType"',
    ],
    ['eventPattern is empty', { ...required, eventPattern: {} }, 'eventPattern: must not be empty'],
    [
      'logRetentionDays is not a CloudWatch value',
      { ...required, logRetentionDays: 8 },
      'logRetentionDays: must be one of',
    ],
    [
      'a setting is misspelt',
      { ...required, maxconcurrency: 4 },
      'maxconcurrency: unknown setting, did you mean maxConcurrency?',
    ],
  ])('fails naming the setting when %s', (_case, raw, expected) => {
    // Act
    const message = errorOf(raw);

    // Assess
    expect(message).toContain(expected);
  });

  it('names every bad setting at once', () => {
    // Act
    const message = errorOf({ batchSize: 0, dryRun: 'maybe' });

    // Assess
    expect(message).toMatch(/secretName: is required/);
    expect(message).toMatch(/batchSize:/);
    expect(message).toMatch(/dryRun:/);
  });
});

describe('settingsFromContext', () => {
  it('ignores feature flags and CLI keys that share the context', () => {
    // Prepare
    const context = {
      ...required,
      '@aws-cdk/aws-lambda:recognizeLayerVersion': true,
      'cli-telemetry': false,
      'aws:cdk:bundling-stacks': [],
      'acknowledged-issue-numbers': [1],
    };

    // Act
    const settings = settingsFromContext(context);

    // Assess
    expect(settings.secretName).toBe(required.secretName);
  });
});
