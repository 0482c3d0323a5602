import { describe, expect, it } from 'vitest';
import type { RecordReport } from '../../../lambda/flow/record-report.js';
import { logRecordReport } from '../../../lambda/observability/report-logging.js';

function report(overrides: Partial<RecordReport> = {}): RecordReport {
  return {
    outcome: 'updated',
    reportAsFailed: false,
    messageId: 'm-1',
    eventId: 'hr-1',
    trackingIds: ['ECBNP_1'],
    attempts: 3,
    receiveCount: 1,
    durationMs: 12,
    ...overrides,
  };
}

function recorder() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const metrics: string[] = [];
  const logger = {
    info: (message: string, fields?: Record<string, unknown>) => lines.push({ level: 'info', message, fields }),
    warn: (message: string, fields?: Record<string, unknown>) => lines.push({ level: 'warn', message, fields }),
    error: (message: string, fields?: Record<string, unknown>) => lines.push({ level: 'error', message, fields }),
  };
  return { lines, metrics, logger, sink: { addMetric: (name: string) => void metrics.push(name) } };
}

describe('one log line and the metrics of a record', () => {
  it.each([
    ['an update', report(), 'info', ['RecordsUpdated']],
    [
      'a deferral',
      report({ outcome: 'deferred', reportAsFailed: true, errorClass: 'transient' }),
      'warn',
      ['RecordsDeferred'],
    ],
    ['a dead letter', report({ outcome: 'dead-lettered', errorClass: 'permanent' }), 'error', ['RecordsDeadLettered']],
    [
      'an attention decision',
      report({ attention: 'no valid emergency callback number' }),
      'error',
      ['RecordsUpdated', 'Attention'],
    ],
    [
      'a token problem',
      report({ outcome: 'deferred', reportAsFailed: true, errorClass: 'configuration' }),
      'error',
      ['RecordsDeferred', 'ConfigurationFailure'],
    ],
    [
      'a dead-letter send that failed',
      report({ outcome: 'deferred', reportAsFailed: true, errorClass: 'permanent', deadLetterFailed: true }),
      'error',
      ['RecordsDeferred', 'DeadLetterSendFailed'],
    ],
  ] as const)('logs %s at the right level with its metrics', (_name, input, level, metricNames) => {
    // Prepare
    const { lines, metrics, logger, sink } = recorder();
    // Act
    logRecordReport(input, logger, sink);
    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe(level);
    expect(metrics).toEqual(metricNames);
  });

  it('leaves out fields that are not known, and never carries a message body', () => {
    const { lines, logger, sink } = recorder();
    logRecordReport(report(), logger, sink);
    expect(Object.keys(lines[0]?.fields ?? {}).sort()).toEqual(
      ['attempts', 'durationMs', 'eventId', 'messageId', 'outcome', 'receiveCount', 'webexTrackingIds'].sort(),
    );
  });

  const loss = { memberId: 'PLACE-1', cause: 'inactive' as const, dependents: 3, published: 3, mismatch: false };
  it.each([
    ['with dependents', loss, [['warn', 'member lost']], ['MemberLost']],
    [
      'with more dependents in Webex than in the ledger',
      { ...loss, webexCount: 5, mismatch: true },
      [
        ['warn', 'member lost'],
        ['warn', 'member dependents mismatch'],
      ],
      ['MemberLost', 'MemberDependentsMismatch'],
    ],
    [
      'whose dependents could not be reconciled',
      { ...loss, published: 0, error: 'AccessDenied' },
      [['error', 'member lost']],
      ['MemberLossFailed'],
    ],
    ['without dependents', { ...loss, dependents: 0, published: 0 }, [], []],
    ['already handled in the window', { ...loss, dependents: 0, published: 0, duplicate: true }, [], []],
  ] as const)(
    'says a lost member %s loudly, with its id and dependent count',
    (_name, memberLoss, loud, metricNames) => {
      const { lines, metrics, logger, sink } = recorder();

      logRecordReport(report({ memberLoss }), logger, sink);

      const extra = lines.slice(1);
      expect(extra.map((line) => [line.level, line.message.split(':')[0]])).toEqual(loud);
      for (const line of extra)
        expect(line.fields).toMatchObject({ memberId: 'PLACE-1', dependents: memberLoss.dependents });
      expect(metrics.slice(1)).toEqual(metricNames);
    },
  );
});
