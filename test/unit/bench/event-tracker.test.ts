import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordReport } from '../../../lambda/flow/record-report.js';
import { createEventTracker, isFinalOutcome } from '../../../local/bench/event-tracker.js';

function reportFactory(eventId: string | undefined, outcome: RecordReport['outcome']): RecordReport {
  return {
    outcome,
    reportAsFailed: outcome === 'deferred',
    messageId: `msg-${eventId ?? 'none'}`,
    eventId,
    trackingIds: [],
    attempts: 0,
    receiveCount: 1,
    durationMs: 1,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('isFinalOutcome', () => {
  it.each([
    { outcome: 'updated', final: true },
    { outcome: 'unchanged', final: true },
    { outcome: 'fallback-updated', final: true },
    { outcome: 'skipped', final: true },
    { outcome: 'dead-lettered', final: true },
    { outcome: 'would-update', final: true },
    { outcome: 'deferred', final: false },
  ] as const)('says $final for $outcome', ({ outcome, final }) => {
    expect(isFinalOutcome(outcome)).toBe(final);
  });
});

describe('createEventTracker', () => {
  it('records the first final outcome of each event with the clock time, not deferrals', () => {
    // Prepare
    let clock = 1000;
    const tracker = createEventTracker(() => clock);

    // Act
    tracker.onReport(reportFactory('e1', 'deferred'));
    clock = 2000;
    tracker.onReport(reportFactory('e1', 'updated'));
    tracker.onReport(reportFactory('e2', 'unchanged'));

    // Assess
    expect([...tracker.finals]).toEqual([
      ['e1', { outcome: 'updated', at: 2000 }],
      ['e2', { outcome: 'unchanged', at: 2000 }],
    ]);
    expect(tracker.outcomeCounts()).toEqual({ deferred: 1, updated: 1, unchanged: 1 });
    expect(tracker.reports).toHaveLength(3);
  });

  it('counts a second final report of an event as a duplicate and keeps the first', () => {
    // Prepare
    let clock = 1;
    const tracker = createEventTracker(() => clock);
    tracker.onReport(reportFactory('e1', 'updated'));

    // Act
    clock = 2;
    tracker.onReport(reportFactory('e1', 'unchanged'));

    // Assess
    expect(tracker.duplicateFinals).toBe(1);
    expect(tracker.finals.get('e1')).toEqual({ outcome: 'updated', at: 1 });
  });

  it('keys a report without an event id by its message id', () => {
    // Prepare
    const tracker = createEventTracker(() => 0);

    // Act
    tracker.onReport(reportFactory(undefined, 'dead-lettered'));

    // Assess
    expect(tracker.finals.has('msg-none')).toBe(true);
  });

  it('resolves the wait once every awaited event is final', async () => {
    // Prepare
    const tracker = createEventTracker(() => 0);
    tracker.onReport(reportFactory('e1', 'updated'));
    const waiting = tracker.waitForFinals(['e1', 'e2', 'e3'], 60_000);

    // Act
    tracker.onReport(reportFactory('e2', 'unchanged'));
    tracker.onReport(reportFactory('e3', 'deferred'));
    tracker.onReport(reportFactory('e3', 'updated'));

    // Assess
    await expect(waiting).resolves.toBe(true);
  });

  it('resolves at once when everything is already final', async () => {
    // Prepare
    const tracker = createEventTracker(() => 0);
    tracker.onReport(reportFactory('e1', 'updated'));

    // Act / Assess
    await expect(tracker.waitForFinals(['e1'], 1)).resolves.toBe(true);
  });

  it('gives up with false when the time runs out', async () => {
    // Prepare
    vi.useFakeTimers();
    const tracker = createEventTracker(() => 0);
    const waiting = tracker.waitForFinals(['e1'], 5_000);

    // Act
    await vi.advanceTimersByTimeAsync(5_000);

    // Assess
    await expect(waiting).resolves.toBe(false);
  });
});
