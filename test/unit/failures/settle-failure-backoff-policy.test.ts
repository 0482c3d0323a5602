/**
 * `settings.backoff` threads an optional deferral policy from the configuration to `visibilityDelaySeconds`; without
 * it the production default applies.
 */
import { describe, expect, it, vi } from 'vitest';
import { PersonNotReadyError, WebexRateLimitedError, WebexServerError } from '../../../lambda/errors.js';
import type { QueueActions } from '../../../lambda/failures/queue-actions.js';
import { planFailure, settleFailure, type FailureContext } from '../../../lambda/failures/settle-failure.js';
import { processRecord } from '../../../lambda/flow/process-record.js';
import { onboardingEventFactory, toBody } from '../../helpers/event-factories.js';
import { FLOW_NOW, flowHarness, webexPersonFactory } from '../../helpers/flow-harness.js';
import { sqsRecord } from '../../helpers/sqs-factories.js';

const request = { method: 'GET', path: '/people/x', trackingId: 'ECBNP_test' };
const NOW = Date.parse('2026-11-29T10:00:00Z');
const SHORT = { baseSeconds: 1, capSeconds: 4 };

function context(
  options: { receiveCount?: number; backoff?: FailureContext['settings']['backoff']; random?: number } = {},
): FailureContext {
  const queue: QueueActions = { deadLetter: vi.fn(async () => undefined), defer: vi.fn(async () => undefined) };
  return {
    record: sqsRecord('{}', { receiveCount: options.receiveCount ?? 1 }),
    settings: { maxReceiveCount: 10, personNotReadyRetryMinutes: 60, backoff: options.backoff },
    queue,
    now: () => NOW,
    random: () => options.random ?? 1,
  };
}

describe('planFailure with a backoff policy', () => {
  it.each([
    // receive, policy, random, seconds
    [1, undefined, 1, 10],
    [3, undefined, 1, 40],
    [8, undefined, 1, 900],
    [1, SHORT, 1, 1],
    [2, SHORT, 1, 2],
    [3, SHORT, 1, 4],
    [9, SHORT, 1, 4],
    [3, SHORT, 0, 2],
  ])('defers receive %i with policy %j (random %d) for %i s', (receiveCount, backoff, random, seconds) => {
    // Act
    const action = planFailure(new WebexServerError(503, request), context({ receiveCount, backoff, random }));
    // Assess
    expect(action).toMatchObject({ kind: 'defer', seconds });
  });

  it("honours the server's Retry-After within the policy cap", () => {
    const action = planFailure(new WebexRateLimitedError(request, 3), context({ backoff: SHORT }));
    expect(action).toMatchObject({ kind: 'defer', seconds: 3 });
  });

  it("caps the server's Retry-After at the policy cap", () => {
    const action = planFailure(new WebexRateLimitedError(request, 7), context({ backoff: SHORT }));
    expect(action).toMatchObject({ kind: 'defer', seconds: 4 });
  });

  it('still dead-letters on the last allowed receive', () => {
    const action = planFailure(new WebexServerError(502, request), context({ receiveCount: 10, backoff: SHORT }));
    expect(action.kind).toBe('dead-letter');
  });

  it('uses the policy for a person who is not ready yet, when it is longer than the spread of the window left', () => {
    // 10 s of the window left over 8 receives: the spread (2 s) does not exceed the policy's delay.
    const action = planFailure(new PersonNotReadyError('No Webex person matches the person id yet'), {
      ...context({ receiveCount: 2, backoff: SHORT }),
      occurredAtMs: NOW - 60 * 60_000 + 10_000,
    });
    expect(action).toMatchObject({ kind: 'defer', seconds: 2 });
  });
});

describe('settleFailure with a backoff policy', () => {
  it('changes the visibility by the policy delay', async () => {
    // Prepare
    const ctx = context({ receiveCount: 2, backoff: SHORT });
    // Act
    const settled = await settleFailure(new WebexServerError(500, request), ctx);
    // Assess
    expect(settled).toMatchObject({ outcome: 'deferred', reportAsFailed: true, deferSeconds: 2 });
    expect(ctx.queue.defer).toHaveBeenCalledWith(ctx.record, 2);
  });
});

describe('processRecord with a backoff policy in its settings', () => {
  it('defers a record that failed transiently by the configured policy', async () => {
    // Prepare
    const { deps, queue } = flowHarness(
      { person: webexPersonFactory(), failOnce: { getPersonEcbn: [new WebexServerError(503, request)] } },
      { settings: { backoff: SHORT }, random: () => 1 },
    );
    const record = sqsRecord(toBody(onboardingEventFactory()), { receiveCount: 3 });
    // Act
    const report = await processRecord(record, deps, { deadline: FLOW_NOW + 50_000 });
    // Assess
    expect(report).toMatchObject({ outcome: 'deferred', reportAsFailed: true, deferSeconds: 4 });
    expect(queue.defer).toHaveBeenCalledWith(record, 4);
  });

  it('defers by the production default when the settings carry no policy', async () => {
    const { deps } = flowHarness(
      { person: webexPersonFactory(), failOnce: { getPersonEcbn: [new WebexServerError(503, request)] } },
      { random: () => 1 },
    );
    const report = await processRecord(sqsRecord(toBody(onboardingEventFactory()), { receiveCount: 3 }), deps, {
      deadline: FLOW_NOW + 50_000,
    });
    expect(report).toMatchObject({ outcome: 'deferred', deferSeconds: 40 });
  });
});
