/**
 * One CloudWatch dashboard: what happened to each record, per minute, next to the queues, the function and the alarms.
 */
import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IWidget,
  Stats,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  ATTENTION_METRIC,
  CONFIGURATION_FAILURE_METRIC,
  MEMBER_DEPENDENTS_MISMATCH_METRIC,
  MEMBER_LOSS_FAILED_METRIC,
  MEMBER_LOST_METRIC,
} from '../lambda/flow/record-report.js';
import { filteredOutMetric } from './event-source-metrics.js';
import { OUTCOME_METRIC_NAMES, productMetric } from './product-metrics.js';

export interface EcbnDashboardProps {
  readonly function: IFunction;
  readonly sourceQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  readonly alarms: readonly IAlarm[];
  /**
   * The event source mapping's UUID, when its event-count metrics are enabled: adds the records Lambda filtered out
   * (deleted without invoking the function).
   */
  readonly eventSourceMappingId?: string | undefined;
  /** Log widgets (saved Logs Insights queries) shown below the metrics, two per row. */
  readonly logWidgets?: readonly IWidget[];
}

const MINUTE = Duration.minutes(1);
const WIDE = 12;

/**
 * @example
 * new EcbnDashboard(this, 'Dashboard', { function: fn, sourceQueue, deadLetterQueue, alarms: alarms.alarms });
 */
export class EcbnDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: EcbnDashboardProps) {
    super(scope, id);

    const outcomes = OUTCOME_METRIC_NAMES.map((name) => productMetric(name, MINUTE).with({ label: name }));
    const filteredOut =
      props.eventSourceMappingId === undefined ? [] : [filteredOutMetric(props.eventSourceMappingId, MINUTE)];

    this.dashboard = new Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new GraphWidget({
            title: 'Record outcomes per minute',
            width: WIDE,
            stacked: true,
            left: [...outcomes, ...filteredOut],
          }),
          new GraphWidget({
            title: 'Attention decisions and configuration failures per minute',
            width: WIDE,
            left: [
              productMetric(ATTENTION_METRIC, MINUTE).with({ label: 'Attention' }),
              productMetric(CONFIGURATION_FAILURE_METRIC, MINUTE).with({
                label: 'ConfigurationFailure (401/403)',
              }),
            ],
          }),
        ],
        [
          new GraphWidget({
            title: 'Members lost (zone members gone or INACTIVE with people pointed at them) per minute',
            width: WIDE,
            left: [
              productMetric(MEMBER_LOST_METRIC, MINUTE).with({ label: 'MemberLost (dependents reconciled)' }),
              productMetric(MEMBER_DEPENDENTS_MISMATCH_METRIC, MINUTE).with({
                label: 'MemberDependentsMismatch (Webex counts more)',
              }),
              productMetric(MEMBER_LOSS_FAILED_METRIC, MINUTE).with({ label: 'MemberLossFailed (wait for audit)' }),
            ],
          }),
        ],
        [
          new GraphWidget({
            title: 'Queues',
            width: WIDE,
            left: [
              props.sourceQueue.metricApproximateNumberOfMessagesVisible({ period: MINUTE, label: 'Source visible' }),
              props.sourceQueue.metricApproximateNumberOfMessagesNotVisible({
                period: MINUTE,
                label: 'Source in flight / deferred',
              }),
              props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: MINUTE, label: 'DLQ visible' }),
            ],
            right: [
              props.sourceQueue.metricApproximateAgeOfOldestMessage({
                period: MINUTE,
                statistic: Stats.MAXIMUM,
                label: 'Source oldest message age (s)',
              }),
            ],
          }),
          new GraphWidget({
            title: 'Function',
            width: WIDE,
            left: [
              props.function.metricInvocations({ period: MINUTE, label: 'Invocations' }),
              props.function.metricErrors({ period: MINUTE, label: 'Errors' }),
              props.function.metricThrottles({ period: MINUTE, label: 'Throttles' }),
            ],
            right: [
              props.function.metricDuration({ period: MINUTE, statistic: Stats.p(99), label: 'Duration p99 (ms)' }),
            ],
          }),
        ],
        [
          new GraphWidget({
            title: 'Dead-letter queue depth (messages waiting to be read and replayed)',
            width: WIDE,
            left: [
              props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
                period: MINUTE,
                statistic: Stats.MAXIMUM,
                label: 'DLQ depth',
              }),
            ],
          }),
          new GraphWidget({
            title: 'Dead letters received per minute',
            width: WIDE,
            left: [
              props.deadLetterQueue.metricNumberOfMessagesSent({
                period: MINUTE,
                statistic: Stats.SUM,
                label: 'Sent to the DLQ',
              }),
            ],
          }),
        ],
        [new AlarmStatusWidget({ title: 'Alarms', width: 2 * WIDE, alarms: [...props.alarms] })],
        ...pairs(props.logWidgets ?? []),
      ],
    });
  }
}

/** Widgets two to a row. */
function pairs(widgets: readonly IWidget[]): IWidget[][] {
  const rows: IWidget[][] = [];
  for (let index = 0; index < widgets.length; index += 2) rows.push(widgets.slice(index, index + 2));
  return rows;
}
