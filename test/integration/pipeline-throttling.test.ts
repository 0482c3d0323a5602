/**
 * Scenarios of the whole product on 127.0.0.1 under a struggling Webex: a 429 storm from a tight rate limit, and 5xx
 * answers drawn from a seeded random. Transient failures are retried in the client, then deferred through the queue;
 * in the end every event is applied, exactly once per person, and nothing reaches the DLQ.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../local/webex-simulator/index.js';
import { toBody } from '../helpers/event-factories.js';
import { actualEcbnFor, addNewHires, successfulPutsFor } from '../helpers/pipeline-demo.js';
import { DRAIN_TIMEOUT_MS, startPipelineUnderTest } from '../helpers/pipeline-harness.js';

describe('Scenario: a 429 storm', () => {
  it('applies every one of 30 events, deferring by Retry-After what the rate limit turned away, and loses none', async () => {
    // Prepare: Webex allows 5 requests/s (burst 5); two batches of up to 10 run at once, 5 records in parallel each.
    // The production deferral backoff (10 s base) is kept, so a 1 s deferral can only come from Retry-After.
    const run = await startPipelineUnderTest({
      simulator: { rateLimit: { requestsPerSecond: 5, burst: 5 } },
      env: { DEFER_BASE_SECONDS: '10', DEFER_CAP_SECONDS: '900', MAX_PARALLEL_RECORDS: '5' },
      poller: { maxConcurrentBatches: 2 },
    });
    const { webex } = run.pipeline;
    const hires = addNewHires(webex, 30, '42');

    // Act
    const messageIds = await run.pipeline.publish(hires.map((hire) => toBody(hire.event)));
    await run.pipeline.drain({ timeoutMs: 45_000 });

    // Assess: the storm happened, and reached the queue.
    const rateLimited = webex.requestLog.filter((entry) => entry.status === 429).length;
    expect(rateLimited).toBeGreaterThan(0);
    const deferrals = run.reports.filter((report) => report.outcome === 'deferred');
    expect(deferrals.length).toBeGreaterThan(0);
    // Every deferral waited what the simulator's Retry-After said (1 s at 5/s), not the 5-10 s backoff.
    for (const deferral of deferrals) {
      expect({ class: deferral.errorClass, seconds: deferral.deferSeconds }).toEqual({
        class: 'transient',
        seconds: 1,
      });
      expect(deferral.error).toMatch(/429|rate limited/);
    }
    // No event lost: each message ends updated, and each person holds the wanted ECBN after exactly one PUT.
    expect(messageIds.map((id) => run.finalReport(id)?.outcome)).toEqual(messageIds.map(() => 'updated'));
    for (const hire of hires) {
      expect(actualEcbnFor(webex, hire.personId, hire.expected)).toEqual(hire.expected);
      expect(successfulPutsFor(webex, hire.personId)).toBe(1);
    }
    expect(await run.pipeline.readDeadLetters()).toEqual([]);
  }, 60_000);
});

describe('Scenario: 5xx answers', () => {
  it('eventually applies every event while Webex fails 40 % of requests with 500/502/503/504', async () => {
    // Prepare: the first 15 answers are 503s. Only a deferral frees one of the 5 parallel slots while they last, and a
    // record that is not deferred absorbs at most 2 (the client retries twice), so some records surely go back to the
    // queue. After that, faults come from a seeded random.
    const run = await startPipelineUnderTest({
      simulator: {
        faults: {
          sequence: Array.from({ length: 15 }, () => 'status503' as const),
          probabilities: { status500: 0.1, status502: 0.1, status503: 0.15, status504: 0.05 },
        },
        random: seededRandom(20261129),
      },
      startPoller: false,
    });
    const { webex } = run.pipeline;
    const hires = addNewHires(webex, 12, '5');

    const messageIds = await run.pipeline.publish(hires.map((hire) => toBody(hire.event)));

    // Act
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess
    const faulted = webex.requestLog.filter((entry) => entry.fault !== undefined);
    expect(faulted.length).toBeGreaterThan(15);
    expect(faulted.every((entry) => [500, 502, 503, 504].includes(entry.status ?? 0))).toBe(true);
    const deferrals = run.reports.filter((report) => report.outcome === 'deferred');
    expect(deferrals.length).toBeGreaterThan(0);
    for (const deferral of deferrals) {
      expect(deferral.errorClass).toBe('transient');
      // No Retry-After on a 5xx: the backoff (1 s base in tests) decides.
      expect(deferral.deferSeconds).toBeGreaterThanOrEqual(1);
      expect(deferral.error).toMatch(/^WebexServerError: Webex answered 50[0234]/);
    }
    expect(messageIds.map((id) => run.finalReport(id)?.outcome)).toEqual(messageIds.map(() => 'updated'));
    for (const hire of hires) {
      expect(actualEcbnFor(webex, hire.personId, hire.expected)).toEqual(hire.expected);
    }
    expect(await run.pipeline.readDeadLetters()).toEqual([]);
  });
});
