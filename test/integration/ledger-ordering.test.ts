/**
 * The person ledger end to end on 127.0.0.1 (fauxqs, dynalite, the Webex simulator, the real handler): each
 * interleaving of issue 10 forced, and what ends up in Webex. Every reproduction here fails without the ledger.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it } from 'vitest';
import { createHandler } from '../../lambda/create-handler.js';
import type { RecordReport } from '../../lambda/flow/record-report.js';
import { LOCAL_AWS_REGION, localAwsCredentials } from '../../local/aws/index.js';
import { toBody } from '../helpers/event-factories.js';
import {
  DEMO,
  actualEcbnFor,
  demoEvent,
  memberSetting,
  minutesAgo,
  successfulPutsFor,
} from '../helpers/pipeline-demo.js';
import {
  DRAIN_TIMEOUT_MS,
  startPipelineUnderTest,
  waitFor,
  type PipelineUnderTest,
} from '../helpers/pipeline-harness.js';
import { lambdaContext, sqsEvent, sqsRecord } from '../helpers/sqs-factories.js';

const bob = DEMO.people.bob;
const moveTo = (building: string, floor: string, occurredAt: string, eventId: string) =>
  toBody(
    demoEvent({ eventType: 'user.moved', eventId, occurredAt, person: { id: bob }, workplace: { building, floor } }),
  );

describe('Scenario: events of one person out of order', () => {
  it('acknowledges an older move processed after a newer one as stale (across batches)', async () => {
    // Prepare: moved to B1/1 at "10:00" is applied first.
    const run = await startPipelineUnderTest();
    const [newer] = await run.pipeline.publish([moveTo('B1', '1', minutesAgo(5), 'hr-move-new')]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    // Act: the move to B2/1 stamped "09:00" arrives last.
    const [older] = await run.pipeline.publish([moveTo('B2', '1', minutesAgo(65), 'hr-move-old')]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    // Assess
    expect(run.finalReport(newer ?? '')?.outcome).toBe('updated');
    expect(run.finalReport(older ?? '')).toMatchObject({ outcome: 'stale', reportAsFailed: false });
    expect(actualEcbnFor(run.pipeline.webex, bob, memberSetting(DEMO.phones.b1f1))).toEqual(
      memberSetting(DEMO.phones.b1f1),
    );
    expect(await run.pipeline.readDeadLetters()).toEqual([]);
  });

  it('keeps the newer decision when both arrive in one batch, the older second', async () => {
    const run = await startPipelineUnderTest({ startPoller: false, env: { MAX_PARALLEL_RECORDS: '1' } });
    const [newer, older] = await run.pipeline.publish([
      moveTo('B1', '1', minutesAgo(5), 'hr-batch-new'),
      moveTo('B2', '1', minutesAgo(65), 'hr-batch-old'),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    expect(run.finalReport(newer ?? '')?.outcome).toBe('updated');
    expect(run.finalReport(older ?? '')?.outcome).toBe('stale');
    expect(actualEcbnFor(run.pipeline.webex, bob, memberSetting(DEMO.phones.b1f1))).toEqual(
      memberSetting(DEMO.phones.b1f1),
    );
  });

  it('lets an old DLQ replay change nothing once a newer event was applied', async () => {
    const run = await startPipelineUnderTest();
    await run.pipeline.publish([moveTo('B1', '1', minutesAgo(2), 'hr-current')]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    const putsBefore = successfulPutsFor(run.pipeline.webex, bob);
    // Act: a replayed dead letter from yesterday.
    const [replay] = await run.pipeline.publish([moveTo('B2', '1', minutesAgo(24 * 60), 'hr-yesterday')]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    expect(run.finalReport(replay ?? '')?.outcome).toBe('stale');
    expect(successfulPutsFor(run.pipeline.webex, bob)).toBe(putsBefore);
  });
});

describe('Scenario: a partial update', () => {
  it('keeps the zone member when a user.updated carries no workplace', async () => {
    const run = await startPipelineUnderTest();
    await run.pipeline.publish([moveTo('B1', '1', minutesAgo(10), 'hr-placed')]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    // Act: HR changed the department only.
    const [partial] = await run.pipeline.publish([
      toBody(demoEvent({ eventType: 'user.updated', occurredAt: minutesAgo(1), person: { id: bob } })),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    expect(run.finalReport(partial ?? '')).toMatchObject({ outcome: 'unchanged', workplaceFrom: 'ledger' });
    expect(actualEcbnFor(run.pipeline.webex, bob, memberSetting(DEMO.phones.b1f1))).toEqual(
      memberSetting(DEMO.phones.b1f1),
    );
  });
});

describe('Scenario: two function instances at once for one person', () => {
  it('never leaves the older decision in Webex while Webex answers slowly', async () => {
    // Prepare: two handlers (two Lambda instances) sharing the queue, the ledger and a slow Webex.
    const run = await startPipelineUnderTest({ startPoller: false, simulator: { latencyMs: 150 } });
    const second = secondInstance(run);
    const newer = sqsRecord(moveTo('B1', '1', minutesAgo(5), 'hr-inst-new'), { messageId: 'inst-new' });
    const older = sqsRecord(moveTo('B2', '1', minutesAgo(65), 'hr-inst-old'), { messageId: 'inst-old' });
    // Act: the newer event starts first; the older starts once the first is talking to Webex about the person.
    const first = run.pipeline.handler(sqsEvent(newer), lambdaContext());
    await waitFor(() => run.pipeline.webex.requestLog.some((entry) => entry.path.includes('emergencyCallbackNumber')), {
      what: 'the first instance reading the ECBN',
    });
    const secondResult = await second.handler(sqsEvent(older), lambdaContext());
    await first;
    // The older one was deferred (never dropped); its redelivery is then stale.
    expect(second.reports[0]).toMatchObject({ outcome: 'deferred', errorClass: 'transient' });
    expect(secondResult.batchItemFailures).toEqual([{ itemIdentifier: 'inst-old' }]);
    await second.handler(
      sqsEvent({ ...older, attributes: { ...older.attributes, ApproximateReceiveCount: '2' } }),
      lambdaContext(),
    );
    // Assess
    expect(second.reports[1]?.outcome).toBe('stale');
    expect(actualEcbnFor(run.pipeline.webex, bob, memberSetting(DEMO.phones.b1f1))).toEqual(
      memberSetting(DEMO.phones.b1f1),
    );
  });
});

describe('Scenario: the ledger is throttled', () => {
  it('defers the record (no decision without the ordering check) and applies it once DynamoDB answers', async () => {
    const run = await startPipelineUnderTest();
    run.pipeline.dynamo.throttleNext(1_000);
    const [id] = await run.pipeline.publish([moveTo('B1', '2', minutesAgo(1), 'hr-throttled')]);
    const deferred = await run.waitForReport((r) => r.messageId === id && r.outcome === 'deferred', {
      what: 'a deferral while the ledger is throttled',
    });
    expect(deferred).toMatchObject({ errorClass: 'transient', ledgerFailed: true });
    expect(successfulPutsFor(run.pipeline.webex, bob)).toBe(0);
    // Act: DynamoDB recovers.
    run.pipeline.dynamo.throttleNext(0);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
    expect(run.finalReport(id ?? '')?.outcome).toBe('updated');
    expect(actualEcbnFor(run.pipeline.webex, bob, memberSetting(DEMO.phones.b1f2))).toEqual(
      memberSetting(DEMO.phones.b1f2),
    );
  });
});

/** Another handler over the same pipeline's peers: a second Lambda instance. */
function secondInstance(run: PipelineUnderTest): {
  handler: ReturnType<typeof createHandler>;
  reports: RecordReport[];
} {
  const reports: RecordReport[] = [];
  const { config, rules, sqs, dynamo, secrets } = run.pipeline;
  const handler = createHandler({
    config,
    rules,
    sqs: sqs.client,
    dynamoDb: dynamo.client,
    secretsManagerConfig: { endpoint: secrets.endpoint, region: LOCAL_AWS_REGION, credentials: localAwsCredentials() },
    logger: new Logger({ serviceName: 'ecbn-provisioner', logLevel: 'SILENT' }),
    metrics: new Metrics({ namespace: 'EcbnProvisioner', serviceName: 'ecbn-provisioner' }),
    onReport: (report) => reports.push(report),
    disablePrefetch: true,
  });
  return { handler, reports };
}
