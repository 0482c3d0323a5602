/**
 * Lambda's event source mapping metrics (enabled with `metricsConfig: { metrics: [EVENT_COUNT] }`): the only trace of
 * the records the event-source filter deleted without invoking the function.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html#event-source-mapping-metrics
 */
import type { Duration } from 'aws-cdk-lib';
import { Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * Records the filters dropped, summed over `period`.
 *
 * @example
 * filteredOutMetric(eventSource.eventSourceMappingId, Duration.minutes(1));
 */
export function filteredOutMetric(eventSourceMappingId: string, period: Duration): Metric {
  return new Metric({
    namespace: 'AWS/Lambda',
    metricName: 'FilteredOutEventCount',
    dimensionsMap: { EventSourceMappingUUID: eventSourceMappingId },
    statistic: Stats.SUM,
    period,
    label: 'Filtered out at the event source',
  });
}
