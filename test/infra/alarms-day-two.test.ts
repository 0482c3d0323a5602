import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize } from './helpers/synth.js';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function alarmsNamed(template: Template, fragment: string): Record<string, unknown>[] {
  return Object.entries(template.findResources('AWS::CloudWatch::Alarm') as Resources)
    .filter(([id]) => id.includes(fragment))
    .map(([, alarm]) => alarm.Properties ?? {});
}

describe('day-2 alarms', () => {
  let template: Template;
  beforeAll(() => {
    ({ template } = synthesize());
  });

  it('alarms on each new dead letter, not on the depth that stays in ALARM after the first', () => {
    // Act
    const depthAlarms = Object.values(template.findResources('AWS::CloudWatch::Alarm') as Resources).filter(
      (alarm) => alarm.Properties?.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    const [received] = alarmsNamed(template, 'DeadLetterReceived');

    // Assess
    expect(depthAlarms).toEqual([]);
    expect(received).toMatchObject({ MetricName: 'NumberOfMessagesSent', Statistic: 'Sum', Threshold: 1 });
  });

  it('alarms on a spike of events skipped by the function or filtered out at the source', () => {
    // Act
    const [skipped] = alarmsNamed(template, 'SkippedOrFilteredEvents');
    const metrics = JSON.stringify(skipped?.Metrics);

    // Assess
    expect(skipped).toMatchObject({ Threshold: 100, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    expect(metrics).toContain('FILL(skipped, 0) + FILL(filtered, 0)');
    expect(metrics).toContain('"MetricName":"RecordsSkipped"');
    expect(metrics).toContain('"MetricName":"FilteredOutEventCount"');
    expect(metrics).toContain('"Period":3600');
  });

  it('counts only skipped records, at the threshold asked for, when nothing is filtered at the source', () => {
    // Act
    const { template: unfiltered } = synthesize({ filterAtSource: 'false', skippedEventsAlarmPerHour: '7' });
    const [skipped] = alarmsNamed(unfiltered, 'SkippedOrFilteredEvents');

    // Assess
    expect(skipped).toMatchObject({ MetricName: 'RecordsSkipped', Threshold: 7, Period: 3600 });
  });
});
