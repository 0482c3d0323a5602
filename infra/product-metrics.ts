/**
 * The product's own CloudWatch metrics, as the handler emits them (Powertools Metrics, EMF): namespace
 * `EcbnProvisioner`, dimension `service=ecbn-provisioner`, unit Count, one data point per record.
 */
import type { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { LEDGER_ERROR_METRIC } from '../lambda/flow/record-report.js';
import { METRICS_NAMESPACE, SERVICE_NAME } from './ecbn-function.js';

/** One metric per record outcome (the dashboard's "outcomes per minute"). */
export const OUTCOME_METRIC_NAMES = [
  'RecordsUpdated',
  'RecordsUnchanged',
  'RecordsFallbackUpdated',
  'RecordsWouldUpdate',
  'RecordsStale',
  'RecordsSkipped',
  'RecordsDeferred',
  'RecordsDeadLettered',
] as const;

/** A decision flagged `attention` (no valid emergency callback number exists for the person). */
export const ATTENTION_METRIC_NAME = 'Attention';

/** No usable token (secret unreadable, 401 after a fresh read of the secret, or 403): every record is affected. */
export const CONFIGURATION_FAILURE_METRIC_NAME = 'ConfigurationFailure';

/** A permanent failure could not be sent to the DLQ (IAM, KMS, SQS outage): the record is redelivered instead. */
export const DEAD_LETTER_SEND_FAILED_METRIC_NAME = 'DeadLetterSendFailed';

/** The invocation failed before its records could be settled one by one (an unexpected error): all are retried. */
export const BATCH_FAILURE_METRIC_NAME = 'BatchFailure';

/** A record whose person-ledger read or write failed (throttled, unreachable, denied): it was deferred. */
export const LEDGER_ERRORS_METRIC_NAME = LEDGER_ERROR_METRIC;

export type ProductMetricName =
  | typeof LEDGER_ERRORS_METRIC_NAME
  | (typeof OUTCOME_METRIC_NAMES)[number]
  | typeof ATTENTION_METRIC_NAME
  | typeof CONFIGURATION_FAILURE_METRIC_NAME
  | typeof DEAD_LETTER_SEND_FAILED_METRIC_NAME
  | typeof BATCH_FAILURE_METRIC_NAME;

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
