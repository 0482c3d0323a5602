import { describe, expect, it } from 'vitest';
import { processBatch } from '../../../lambda/flow/process-batch.js';
import { createRateGate } from '../../../lambda/flow/rate-gate.js';
import { onboardingEventFactory, toBody } from '../../helpers/event-factories.js';
import { FLOW_NOW, flowHarness, webexPersonFactory } from '../../helpers/flow-harness.js';
import { personEcbnFactory, testIds } from '../../helpers/rules-factories.js';
import { sqsRecord } from '../../helpers/sqs-factories.js';

// Each record is another person: records of one person are one writer at a time (the ledger's lease).
const records = (count: number) =>
  Array.from({ length: count }, (_, i) =>
    sqsRecord(
      toBody(
        onboardingEventFactory({ eventId: `hr-${i}`, person: { id: testIds.person(i + 1) }, workplace: undefined }),
      ),
      { messageId: `m-${i}` },
    ),
  );
const personById = (id: string) => webexPersonFactory({ id });

describe('processBatch', () => {
  it('returns one report per record, in the order of the batch', async () => {
    // Prepare
    const { deps } = flowHarness({ person: personById, ecbn: personEcbnFactory({ directLineInfo: {} }) });
    const batch = records(7);
    // Act
    const reports = await processBatch(batch, deps, { maxParallel: 3, remainingTimeMs: () => 60_000 });
    // Assess
    expect(reports.map((r) => r.messageId)).toEqual(batch.map((r) => r.messageId));
    expect(reports.every((r) => r.outcome === 'unchanged')).toBe(true);
  });

  it('never runs more records at once than allowed', async () => {
    // Prepare
    let running = 0;
    let peak = 0;
    const { deps } = flowHarness({
      person: async () => {
        running += 1;
        peak = Math.max(peak, running);
        await Promise.resolve();
        await Promise.resolve();
        running -= 1;
        return webexPersonFactory({ id: testIds.person(running + 1) });
      },
      ecbn: personEcbnFactory({ directLineInfo: {} }),
    });
    // Act
    await processBatch(records(10), deps, { maxParallel: 2, remainingTimeMs: () => 60_000 });
    // Assess
    expect(peak).toBe(2);
  });

  it('defers the records it cannot start before the deadline, without calling Webex', async () => {
    const { deps, webex, queue } = flowHarness({ person: webexPersonFactory(), ecbn: personEcbnFactory() });
    const reports = await processBatch(records(3), deps, {
      maxParallel: 2,
      remainingTimeMs: () => 4_000,
      safetyMarginMs: 5_000,
    });
    expect(reports.map((r) => r.outcome)).toEqual(['deferred', 'deferred', 'deferred']);
    expect(reports.every((r) => r.reportAsFailed && r.error?.includes('deadline'))).toBe(true);
    expect(webex.calls).toEqual([]);
    expect(queue.defer).toHaveBeenCalledTimes(3);
  });

  it('waits for a rate gate that opens soon, then processes the record', async () => {
    // Prepare
    let now = FLOW_NOW;
    const waits: number[] = [];
    const { deps } = flowHarness(
      { person: webexPersonFactory(), ecbn: personEcbnFactory({ directLineInfo: {} }) },
      { now: () => now, gate: createRateGate(() => now) },
    );
    deps.gate.closeFor(2);
    // Act
    const reports = await processBatch(records(1), deps, {
      maxParallel: 1,
      remainingTimeMs: () => 60_000,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    // Assess
    expect(waits).toEqual([2_000]);
    expect(reports[0]?.outcome).toBe('unchanged');
  });

  it('starts the records closest to their last allowed receive first', async () => {
    // Prepare
    const { deps } = flowHarness({
      person: webexPersonFactory(),
      ecbn: personEcbnFactory({ directLineInfo: {} }),
    });
    const batch = [
      sqsRecord(toBody(onboardingEventFactory({ eventId: 'young' })), { receiveCount: 1 }),
      sqsRecord(toBody(onboardingEventFactory({ eventId: 'old' })), { receiveCount: 9 }),
    ];
    // Act
    const reports = await processBatch(batch, deps, { maxParallel: 1, remainingTimeMs: () => 60_000 });
    // Assess: the receive-9 record went to Webex first (lower fake tracking number); reports keep batch order.
    expect(reports.map((r) => r.eventId)).toEqual(['young', 'old']);
    expect(Number(reports[1]?.trackingIds[0]?.slice(5))).toBeLessThan(Number(reports[0]?.trackingIds[0]?.slice(5)));
  });

  it('defers records while the rate gate stays closed longer than it is worth waiting', async () => {
    const { deps, webex, queue } = flowHarness({ person: webexPersonFactory(), ecbn: personEcbnFactory() });
    deps.gate.closeFor(60);
    const reports = await processBatch(records(2), deps, { maxParallel: 2, remainingTimeMs: () => 60_000 });
    expect(reports.map((r) => r.outcome)).toEqual(['deferred', 'deferred']);
    expect(queue.defer).toHaveBeenCalledWith(expect.anything(), 60);
    expect(webex.calls).toEqual([]);
  });
});
