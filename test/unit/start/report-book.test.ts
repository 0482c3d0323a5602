import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_DIRECTORY } from '../../../local/start/directory.js';
import { createReportBook } from '../../../local/start/report-book.js';
import { directoryFactory, reportFactory, sampleEventFactory } from './factories.js';

describe('createReportBook', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps one row per published event, in publish order, from its last report', () => {
    // Prepare
    const book = createReportBook();
    book.register(['m1', 'm2'], [sampleEventFactory({ label: 'first' }), sampleEventFactory({ label: 'second' })]);
    // Act
    book.add(reportFactory({ messageId: 'm2', outcome: 'unchanged' }), EMPTY_DIRECTORY);
    book.add(reportFactory({ messageId: 'm1', outcome: 'deferred', receiveCount: 1 }), EMPTY_DIRECTORY);
    book.add(reportFactory({ messageId: 'm1', outcome: 'updated', receiveCount: 2 }), EMPTY_DIRECTORY);
    // Assess
    expect(book.rows(directoryFactory()).map((row) => [row.label, row.outcome])).toEqual([
      ['first', 'updated'],
      ['second', 'unchanged'],
    ]);
    expect(book.reports).toHaveLength(3);
  });

  it('gives a row for a report about a message it was not told about (serve mode), named by its event id', () => {
    // Prepare
    const book = createReportBook();
    // Act
    const row = book.add(reportFactory({ messageId: 'sent-by-cli', eventId: 'try-1' }), directoryFactory());
    // Assess
    expect(row).toMatchObject({ label: 'try-1', person: 'Bob Martinez', outcome: 'updated' });
  });

  it('shows an event nobody reported on as missing', () => {
    // Prepare
    const book = createReportBook();
    book.register(['m1'], [sampleEventFactory()]);
    // Act
    const rows = book.rows(EMPTY_DIRECTORY);
    // Assess
    expect(rows.map((row) => row.outcome)).toEqual(['missing']);
  });

  it('waits until every published event has a report', async () => {
    // Prepare
    vi.useFakeTimers();
    const book = createReportBook();
    book.register(['m1', 'm2'], [sampleEventFactory(), sampleEventFactory()]);
    const settled = vi.fn();
    const waiting = book.waitForEveryEvent(5_000).then(settled);
    // Act
    book.add(reportFactory({ messageId: 'm1' }), EMPTY_DIRECTORY);
    await Promise.resolve();
    const afterFirst = settled.mock.calls.length;
    book.add(reportFactory({ messageId: 'm2' }), EMPTY_DIRECTORY);
    await waiting;
    // Assess
    expect(afterFirst).toBe(0);
    expect(settled).toHaveBeenCalledOnce();
  });

  it('gives up after the timeout, naming the events still without a report', async () => {
    // Prepare
    vi.useFakeTimers();
    const book = createReportBook();
    book.register(['m1', 'm2'], [sampleEventFactory({ label: 'done' }), sampleEventFactory({ label: 'lost' })]);
    book.add(reportFactory({ messageId: 'm1' }), EMPTY_DIRECTORY);
    const waiting = book.waitForEveryEvent(5_000);
    const assessed = expect(waiting).rejects.toThrow('No report within 5000 ms for: lost');
    // Act
    await vi.advanceTimersByTimeAsync(5_000);
    // Assess
    await assessed;
  });
});
