import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lambda/config.js';
import { ConfigurationVariableError } from '../../../lambda/errors.js';

const validEnv = (overrides: Record<string, string | undefined> = {}) => ({
  WEBEX_TOKEN_SECRET_ID: 'ecbn/webex-token',
  SOURCE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/ecbn-onboarding',
  DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/ecbn-onboarding-dlq',
  LEDGER_TABLE_NAME: 'ecbn-provisioner-ledger',
  ...overrides,
});

describe('configuration from the environment', () => {
  it('applies the documented defaults', () => {
    // Act
    const config = loadConfig(validEnv());
    // Assess
    expect(config).toMatchObject({
      maxReceiveCount: 10,
      webexApiBaseUrl: 'https://webexapis.com/v1',
      allowedOrgIds: [],
      acceptedEventTypes: ['user.created', 'user.updated', 'user.moved'],
      dryRun: false,
      maxParallelRecords: 5,
      personNotReadyRetryMinutes: 60,
      sqsEndpoint: undefined,
      rulesFile: path.resolve('config/ecbn-rules.yaml'),
    });
  });

  it('reads lists, booleans, numbers and endpoints', () => {
    const config = loadConfig(
      validEnv({
        ALLOWED_ORG_IDS: ' org-a , org-b ,',
        ACCEPTED_EVENT_TYPES: 'user.created',
        DRY_RUN: 'true',
        MAX_PARALLEL_RECORDS: '8',
        MAX_RECEIVE_COUNT: '4',
        AWS_ENDPOINT_URL_SQS: 'http://127.0.0.1:4566',
      }),
    );
    expect(config).toMatchObject({
      allowedOrgIds: ['org-a', 'org-b'],
      acceptedEventTypes: ['user.created'],
      dryRun: true,
      maxParallelRecords: 8,
      maxReceiveCount: 4,
      sqsEndpoint: 'http://127.0.0.1:4566',
    });
  });

  it('uses the rules file bundled next to the handler inside Lambda', () => {
    const config = loadConfig(validEnv({ LAMBDA_TASK_ROOT: '/var/task' }));
    expect(config.rulesFile).toBe('/var/task/ecbn-rules.json');
  });

  it.each([
    ['WEBEX_TOKEN_SECRET_ID', { WEBEX_TOKEN_SECRET_ID: undefined }],
    ['SOURCE_QUEUE_URL', { SOURCE_QUEUE_URL: 'not a url' }],
    ['DEAD_LETTER_QUEUE_URL', { DEAD_LETTER_QUEUE_URL: undefined }],
    ['MAX_PARALLEL_RECORDS', { MAX_PARALLEL_RECORDS: 'many' }],
    ['MAX_RECEIVE_COUNT', { MAX_RECEIVE_COUNT: '0' }],
    ['DRY_RUN', { DRY_RUN: 'maybe' }],
    ['PERSON_NOT_READY_RETRY_MINUTES', { PERSON_NOT_READY_RETRY_MINUTES: '-5' }],
    ['ACCEPTED_EVENT_TYPES', { ACCEPTED_EVENT_TYPES: ' , ' }],
  ])('fails fast naming %s when it is missing or malformed', (name, overrides) => {
    const attempt = () => loadConfig(validEnv(overrides));
    expect(attempt).toThrow(ConfigurationVariableError);
    expect(attempt).toThrow(name);
  });
});
