import { describe, expect, it, vi } from 'vitest';
import { PersonNotReadyError, WebexRateLimitedError } from '../../../lambda/errors.js';
import { MAX_DEFER_SECONDS, MAX_VISIBILITY_SECONDS } from '../../../lambda/failures/backoff.js';
import { createQueueActions, type QueueActions } from '../../../lambda/failures/queue-actions.js';
import { planFailure, settleFailure, type FailureContext } from '../../../lambda/failures/settle-failure.js';
import { processRecord } from '../../../lambda/flow/process-record.js';
import { createRateGate } from '../../../lambda/flow/rate-gate.js';
import type { RecordReport } from '../../../lambda/flow/record-report.js';
import { logRecordReport } from '../../../lambda/observability/report-logging.js';
import { onboardingEventFactory, toBody } from '../../helpers/event-factories.js';
import { FLOW_NOW, flowHarness, webexPersonFactory } from '../../helpers/flow-harness.js';
import { failureContextFactory } from '../../helpers/failure-context.js';
import { sqsRecord } from '../../helpers/sqs-factories.js';

const request = { method: 'GET', path: '/people/x', trackingId: 'ECBNP_test' };
const ONE_DAY = 86_400;

function context(overrides: Partial<FailureContext> = {}): FailureContext {
  return failureContextFactory(FLOW_NOW, overrides);
}

describe('a huge Retry-After', () => {
  it('defers the record no longer than DEFER_CAP_SECONDS', () => {
    const action = planFailure(
      new WebexRateLimitedError(request, ONE_DAY),
      context({
        settings: {
          maxReceiveCount: 10,
          personNotReadyRetryMinutes: 60,
          backoff: { baseSeconds: 10, capSeconds: 900 },
        },
      }),
    );
    expect(action).toMatchObject({ kind: 'defer', seconds: 900 });
  });

  it('closes the container rate gate no longer than DEFER_CAP_SECONDS', async () => {
    const { deps } = flowHarness(
      { person: webexPersonFactory(), failOnce: { getPersonEcbn: [new WebexRateLimitedError(request, ONE_DAY)] } },
      { gate: createRateGate(() => FLOW_NOW, 600), settings: { backoff: { baseSeconds: 10, capSeconds: 600 } } },
    );
    const report = await processRecord(sqsRecord(toBody(onboardingEventFactory())), deps, {
      deadline: FLOW_NOW + 50_000,
    });
    expect(report).toMatchObject({ outcome: 'deferred', deferSeconds: 600 });
    expect(deps.gate.openAt()).toBe(FLOW_NOW + 600_000);
  });

  it('never asks SQS for more visibility than 12 h from the receive, even for a long not-ready window', () => {
    const action = planFailure(
      new PersonNotReadyError('no calling location yet'),
      context({
        occurredAtMs: FLOW_NOW,
        settings: {
          maxReceiveCount: 2,
          personNotReadyRetryMinutes: 20_160,
          backoff: { baseSeconds: 10, capSeconds: 900 },
        },
      }),
    );
    expect(action.kind).toBe('defer');
    expect(action.kind === 'defer' && action.seconds).toBe(MAX_DEFER_SECONDS);
    expect(MAX_DEFER_SECONDS).toBeLessThan(MAX_VISIBILITY_SECONDS);
  });

  it('clamps a visibility asked of the queue to what SQS accepts', async () => {
    const sent: unknown[] = [];
    const sqs = { send: vi.fn(async (command: { input: unknown }) => void sent.push(command.input)) };
    const actions = createQueueActions(sqs as never, {
      sourceQueueUrl: 'https://q/src',
      deadLetterQueueUrl: 'https://q/dlq',
    });
    await actions.defer(sqsRecord('{}'), MAX_VISIBILITY_SECONDS);
    expect(sent).toEqual([expect.objectContaining({ VisibilityTimeout: MAX_DEFER_SECONDS })]);
  });
});

describe('a refused ChangeMessageVisibility', () => {
  it('is reported as a failed deferral, not swallowed', async () => {
    const queue: QueueActions = {
      deadLetter: vi.fn(async () => undefined),
      defer: vi.fn(async () => {
        throw new Error('InvalidParameterValue: Value 43200 for parameter VisibilityTimeout is invalid');
      }),
    };
    const settled = await settleFailure(new WebexRateLimitedError(request, 5), context({ queue }));
    expect(settled).toMatchObject({ outcome: 'deferred', reportAsFailed: true, deferFailed: true });
    expect(settled.reason).toContain('ChangeMessageVisibility refused');
  });

  it('is an error-level log line and a DeferFailed metric', () => {
    const lines: { level: string }[] = [];
    const metrics: string[] = [];
    const log = (level: string) => () => void lines.push({ level });
    const report: RecordReport = {
      outcome: 'deferred',
      reportAsFailed: true,
      errorClass: 'transient',
      deferFailed: true,
      messageId: 'm-1',
      trackingIds: [],
      attempts: 1,
      receiveCount: 1,
      durationMs: 3,
    };
    logRecordReport(
      report,
      { info: log('info'), warn: log('warn'), error: log('error') },
      {
        addMetric: (name) => void metrics.push(name),
      },
    );
    expect(lines).toEqual([{ level: 'error' }]);
    expect(metrics).toEqual(['RecordsDeferred', 'DeferFailed']);
  });
});
