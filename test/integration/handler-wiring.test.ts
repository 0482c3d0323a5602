/**
 * The middy handler end to end against the Webex simulator on 127.0.0.1 and the ledger on dynalite, with Secrets
 * Manager and SQS stubbed by aws-sdk-client-mock: secret → token, partial batch response, DLQ attributes, visibility changes, one log line per
 * record, metrics, and no token or message body in any output.
 */
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../lambda/observability/service-identity.js';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ChangeMessageVisibilityCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../lambda/config.js';
import { createHandler } from '../../lambda/create-handler.js';
import { loadRulesFile } from '../../tools/rules/index.js';
import { encodeWebexId, sameWebexId } from '../../lambda/webex/ids.js';
import {
  DEMO_ORG_PATH,
  loadOrgFixture,
  startWebexSimulator,
  type WebexSimulator,
} from '../../local/webex-simulator/index.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/aws/index.js';
import { lambdaContext, sqsEvent, sqsRecord } from '../helpers/sqs-factories.js';

const CANARY = 'CANARY-TOKEN-7d1e0c4b';
const ROTATED = 'CANARY-ROTATED-93af';
const HQ = 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDAwYzAwMQ';
const personId = (n: number) =>
  encodeWebexId('PEOPLE', `5e0c2b7a-4d1f-4c8e-9a6b-0000000e${String(n).padStart(4, '0')}`);
const B1F1_PHONE = 'Y2lzY29zcGFyazovL3VzL1BMQUNFLzVlMGMyYjdhLTRkMWYtNGM4ZS05YTZiLTAwMDAwMDBkMGIxMQ';

const sm = mockClient(SecretsManagerClient);
const sqs = mockClient(SQSClient);
let simulator: WebexSimulator;
let dynamo: LocalDynamoDb;
let output: string[];

function event(overrides: Record<string, unknown>) {
  return {
    eventType: 'user.created',
    eventId: `hr-${Math.random().toString(36).slice(2, 8)}`,
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

function buildHandler(env: Record<string, string> = {}) {
  const config = loadConfig({
    WEBEX_TOKEN_SECRET_ID: 'ecbn/webex-token',
    SOURCE_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/ecbn-onboarding',
    DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/ecbn-onboarding-dlq',
    WEBEX_API_BASE_URL: simulator.baseUrl,
    LEDGER_TABLE_NAME: dynamo.tableName,
    ...env,
  });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
  const addMetric = vi.spyOn(metrics, 'addMetric');
  const handler = createHandler({
    config,
    rules: loadRulesFile('config/ecbn-rules.yaml'),
    logger: new Logger({ serviceName: SERVICE_NAME }),
    metrics,
    sqs: new SQSClient({ region: 'us-east-1' }),
    dynamoDb: dynamo.client,
    secretsManagerConfig: { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } },
    schemaMode: 'strict',
    disablePrefetch: true,
  });
  return { handler, addMetric };
}

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
  simulator = await startWebexSimulator({ org: await loadOrgFixture(DEMO_ORG_PATH), token: CANARY });
});
afterAll(async () => {
  await simulator.stop();
  await dynamo.stop();
});
beforeEach(() => {
  sm.reset();
  sqs.reset();
  sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ accessToken: CANARY }) });
  sqs.on(SendMessageCommand).resolves({ MessageId: 'dlq-1' });
  sqs.on(ChangeMessageVisibilityCommand).resolves({});
  output = [];
  // Powertools writes info to stdout and warn/error to stderr: capture both.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Lambda handler', () => {
  it('updates, keeps, skips and dead-letters a mixed batch, reporting only what must be retried', async () => {
    // Prepare
    const { handler, addMetric } = buildHandler();
    const records = [
      sqsRecord(event({ person: { id: personId(2) }, workplace: { building: 'b1 ', floor: '1' } }), {
        messageId: 'bob',
      }),
      sqsRecord(event({ person: { email: 'alice.nguyen@acme-robotics.example' } }), { messageId: 'alice' }),
      sqsRecord(event({ eventType: 'user.deleted', person: { id: personId(1) } }), { messageId: 'deleted' }),
      sqsRecord('{"eventType": "user.created", "person": {}}', { messageId: 'invalid' }),
      sqsRecord(event({ person: { email: 'nobody@acme-robotics.example' } }), { messageId: 'ghost' }),
    ];
    // Act
    const response = await handler(sqsEvent(...records), lambdaContext());
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'ghost' }] });
    const bob = simulator.state.personEcbnSetting(personId(2));
    expect(bob.selected).toBe('LOCATION_MEMBER_NUMBER');
    expect(sameWebexId(bob.locationMemberId, B1F1_PHONE)).toBe(true);
    const dlq = sqs.commandCalls(SendMessageCommand);
    expect(dlq).toHaveLength(1);
    const attributes = dlq[0]?.args[0].input.MessageAttributes ?? {};
    expect(attributes['ecbn-error-class']?.StringValue).toBe('permanent');
    expect(attributes['ecbn-error']?.StringValue).toContain('person');
    expect(attributes['ecbn-source-message-id']?.StringValue).toBe('invalid');
    expect(Date.parse(attributes['ecbn-failed-at']?.StringValue ?? '')).not.toBeNaN();
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)[0]?.args[0].input).toMatchObject({
      ReceiptHandle: 'receipt-ghost',
    });
    const metricNames = addMetric.mock.calls.map((call) => call[0]);
    expect(metricNames).toEqual(
      expect.arrayContaining([
        'RecordsUpdated',
        'RecordsUnchanged',
        'RecordsSkipped',
        'RecordsDeadLettered',
        'RecordsDeferred',
      ]),
    );
  });

  it('logs exactly one structured line per record, with ids and tracking ids but no body and no token', async () => {
    const { handler } = buildHandler();
    const records = [
      sqsRecord(event({ person: { id: personId(3) }, workplace: { building: 'B2', floor: '1' } }), {
        messageId: 'carol',
      }),
      sqsRecord(event({ person: { email: 'secret.person@acme-robotics.example' } }), { messageId: 'ghost' }),
    ];
    await handler(sqsEvent(...records), lambdaContext());
    const lines = output
      .join('')
      .split('\n')
      .filter((line) => line.includes('"message":"ECBN record'));
    expect(lines).toHaveLength(2);
    const carol = JSON.parse(lines.find((l) => l.includes('"carol"')) ?? '{}') as Record<string, unknown>;
    expect(carol).toMatchObject({ messageId: 'carol', personId: personId(3), locationId: HQ, outcome: 'updated' });
    expect((carol.webexTrackingIds as string[]).length).toBeGreaterThan(0);
    const all = output.join('');
    expect(all).not.toContain(CANARY);
    expect(all).not.toContain('secret.person@acme-robotics.example');
  });

  it('re-reads a rotated token after a 401 and succeeds', async () => {
    // Prepare: the cached secret still has the old token; Webex only knows the new one.
    simulator.addToken({
      token: ROTATED,
      scopes: ['spark-admin:people_read', 'spark-admin:telephony_config_read', 'spark-admin:telephony_config_write'],
    });
    simulator.revokeToken(CANARY);
    const { handler } = buildHandler();
    sm.on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: JSON.stringify({ accessToken: CANARY }) })
      .resolves({ SecretString: JSON.stringify({ accessToken: ROTATED }) });
    // Act
    const response = await handler(
      sqsEvent(sqsRecord(event({ person: { id: personId(9) } }), { messageId: 'henry' })),
      lambdaContext(),
    );
    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(2);
    simulator.addToken({
      token: CANARY,
      scopes: ['spark-admin:people_read', 'spark-admin:telephony_config_read', 'spark-admin:telephony_config_write'],
    });
  });

  it('defers every record as a configuration failure, loudly, when the secret cannot be read', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException'));
    const { handler, addMetric } = buildHandler();
    // Act
    const response = await handler(
      sqsEvent(
        sqsRecord(event({ person: { id: personId(2) } }), { messageId: 'a' }),
        sqsRecord('{}', { messageId: 'b' }),
      ),
      lambdaContext(),
    );
    // Assess: both redelivered later with a visibility change, none dead-lettered, an error line and metric each.
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'a' }, { itemIdentifier: 'b' }] });
    expect(sqs.commandCalls(ChangeMessageVisibilityCommand)).toHaveLength(2);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
    expect(addMetric.mock.calls.filter((call) => call[0] === 'ConfigurationFailure')).toHaveLength(2);
    expect(output.join('')).toContain('no usable Webex token');
    expect(output.join('')).toContain('AccessDeniedException');
  });

  it('never sends a secret that only looks like JSON as a bearer token, and defers the record naming why', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ SecretString: `{accessToken:${CANARY}}` });
    const { handler, addMetric } = buildHandler();
    simulator.resetCounters();
    // Act
    const response = await handler(sqsEvent(sqsRecord(event({ person: { id: personId(2) } }))), lambdaContext());
    // Assess
    expect(response.batchItemFailures).toHaveLength(1);
    expect(simulator.counters()).toEqual({});
    expect(addMetric.mock.calls.filter((call) => call[0] === 'ConfigurationFailure')).toHaveLength(1);
    expect(output.join('')).toContain('is not valid JSON');
    expect(output.join('')).not.toContain(CANARY);
  });

  it('keeps the token off the Lambda context', async () => {
    // Prepare
    const { handler } = buildHandler();
    const context = lambdaContext();
    // Act
    await handler(sqsEvent(sqsRecord(event({ eventType: 'user.deleted', person: { id: personId(1) } }))), context);
    // Assess
    expect(JSON.stringify(context)).not.toContain(CANARY);
    expect(Object.keys(context).filter((key) => /token/i.test(key))).toEqual([]);
  });

  it('dead-letters with the token reason, not silently, on the last allowed receive', async () => {
    sm.on(GetSecretValueCommand).rejects(new Error('AccessDeniedException'));
    const { handler } = buildHandler();
    await handler(sqsEvent(sqsRecord(event({ person: { id: personId(2) } }), { receiveCount: 10 })), lambdaContext());
    const attributes = sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageAttributes ?? {};
    expect(attributes['ecbn-error-class']?.StringValue).toBe('configuration');
    expect(attributes['ecbn-error']?.StringValue).toContain('TokenUnavailableError');
  });

  it.each([
    ['keeps the token for its TTL', '300', 1],
    ['reads the token again once its TTL has passed', '0', 2],
  ])('%s', async (_name, ttlSeconds, reads) => {
    const { handler } = buildHandler({ WEBEX_TOKEN_CACHE_SECONDS: ttlSeconds });
    await handler(
      sqsEvent(sqsRecord(event({ eventType: 'user.deleted', person: { id: personId(1) } }))),
      lambdaContext(),
    );
    await handler(
      sqsEvent(sqsRecord(event({ eventType: 'user.deleted', person: { id: personId(1) } }))),
      lambdaContext(),
    );
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(reads);
  });

  it('reads the secret again after a failed read, on the next invocation', async () => {
    sm.on(GetSecretValueCommand)
      .rejectsOnce(new Error('ThrottlingException'))
      .resolves({ SecretString: JSON.stringify({ accessToken: CANARY }) });
    const { handler } = buildHandler();
    await handler(sqsEvent(sqsRecord(event({ person: { id: personId(1) } }))), lambdaContext());
    const response = await handler(sqsEvent(sqsRecord(event({ person: { id: personId(1) } }))), lambdaContext());
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('decides but never puts in a dry run', async () => {
    const { handler } = buildHandler({ DRY_RUN: 'true' });
    const before = simulator.state.personEcbnSetting(personId(4));
    simulator.resetCounters();
    await handler(
      sqsEvent(sqsRecord(event({ person: { id: personId(4) }, workplace: { building: 'B2', floor: '2' } }))),
      lambdaContext(),
    );
    expect(simulator.state.personEcbnSetting(personId(4))).toEqual(before);
    expect(Object.keys(simulator.counters()).some((k) => k.startsWith('PUT'))).toBe(false);
    expect(output.join('')).toContain('"outcome":"would-update"');
  });
});
