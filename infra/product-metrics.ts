/**
 * The product's own CloudWatch metrics, as the handler emits them (Powertools Metrics, EMF): namespace
 * `EcbnProvisioner`, dimension `service=ecbn-provisioner`, unit Count, one data point per record. The names are the
 * handler's own (`lambda/flow/record-report.ts`), imported, never copied.
 */
import type { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type {
  ATTENTION_METRIC,
  BATCH_FAILURE_METRIC,
  CONFIGURATION_FAILURE_METRIC,
  DEAD_LETTER_SEND_FAILED_METRIC,
  DEFER_FAILED_METRIC,
  LEDGER_ERROR_METRIC,
  MEMBER_DEPENDENTS_MISMATCH_METRIC,
  MEMBER_LOSS_FAILED_METRIC,
  MEMBER_LOST_METRIC,
} from '../lambda/flow/record-report.js';
import { OUTCOME_METRIC } from '../lambda/flow/record-report.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../lambda/observability/service-identity.js';

/** One metric per record outcome (the dashboard's "outcomes per minute"). */
export const OUTCOME_METRIC_NAMES: readonly (typeof OUTCOME_METRIC)[keyof typeof OUTCOME_METRIC][] = Object.freeze(
  Object.values(OUTCOME_METRIC),
);

export type ProductMetricName =
  | (typeof OUTCOME_METRIC)[keyof typeof OUTCOME_METRIC]
  | typeof ATTENTION_METRIC
  | typeof CONFIGURATION_FAILURE_METRIC
  | typeof DEAD_LETTER_SEND_FAILED_METRIC
  | typeof DEFER_FAILED_METRIC
  | typeof LEDGER_ERROR_METRIC
  | typeof MEMBER_LOST_METRIC
  | typeof MEMBER_DEPENDENTS_MISMATCH_METRIC
  | typeof MEMBER_LOSS_FAILED_METRIC
  | typeof BATCH_FAILURE_METRIC;

/**
 * The summed product metric over `period`.
 *
 * @example
 * productMetric('Attention', Duration.minutes(5)).createAlarm(this, 'Attention', { threshold: 1, evaluationPeriods: 1 });
 */
export function productMetric(name: ProductMetricName, period: Duration): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: SERVICE_NAME },
    statistic: 'Sum',
    period,
  });
}
