/**
 * The alarms that say "a person may have the wrong emergency callback number", sent to one SNS topic.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IMetric, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  ATTENTION_METRIC,
  BATCH_FAILURE_METRIC,
  CONFIGURATION_FAILURE_METRIC,
  DEAD_LETTER_SEND_FAILED_METRIC,
  DEFER_FAILED_METRIC,
  MEMBER_LOSS_FAILED_METRIC,
  OUTCOME_METRIC,
} from '../lambda/flow/record-report.js';
import { filteredOutMetric } from './event-source-metrics.js';
import { productMetric } from './product-metrics.js';

export interface EcbnAlarmsProps {
  readonly function: IFunction;
  readonly sourceQueue: IQueue;
  readonly deadLetterQueue: IQueue;
  /** Alarm when the oldest source message is at least this old. */
  readonly oldestMessageAgeThreshold: Duration;
  /** Subscribe this address to the topic (the recipient must confirm the subscription). */
  readonly alarmEmail?: string | undefined;
  /** Alarm when this many events per hour are skipped by the function or filtered out at the event source. */
  readonly skippedEventsPerHourThreshold: number;
  /** The event source mapping's UUID when its event-count metrics are on (filtering at the source). */
  readonly eventSourceMappingId?: string | undefined;
}

/** The window of the skipped-events alarm: a renamed event type shows as a steady stream, not a blip. */
const SKIPPED_PERIOD = Duration.hours(1);

/** The evaluation window of every alarm: short enough to page within minutes, long enough to ride out one sample. */
const PERIOD = Duration.minutes(5);

/**
 * Eleven alarms, each sending ALARM and OK to {@link EcbnAlarms.topic}; all but the skipped-events one at "one is too many":
 *
 * | alarm | metric | why |
 * |---|---|---|
 * | `DeadLetterReceived` | DLQ `NumberOfMessagesSent` ≥ 1 in 5 min | a new record failed for good: read its reason |
 * | `SourceQueueOldestMessageAge` | source `ApproximateAgeOfOldestMessage` ≥ threshold | records are stuck |
 * | `FunctionErrors` | Lambda `Errors` ≥ 1 | the handler itself failed (cold start, bug): the whole batch retries |
 * | `FunctionThrottles` | Lambda `Throttles` ≥ 1 | no concurrency left for the function |
 * | `AttentionDecisions` | `EcbnProvisioner/Attention` ≥ 1 | a person has no valid emergency callback number |
 * | `ConfigurationFailures` | `EcbnProvisioner/ConfigurationFailure` ≥ 1 | no usable token (secret unreadable, 401/403) |
 * | `DeadLetterSendFailures` | `EcbnProvisioner/DeadLetterSendFailed` ≥ 1 | a failed record could not be dead-lettered |
 * | `BatchFailures` | `EcbnProvisioner/BatchFailure` ≥ 1 | an invocation failed before settling its records |
 * | `DeferFailures` | `EcbnProvisioner/DeferFailed` ≥ 1 | SQS refused a ChangeMessageVisibility (deferral) |
 * | `MemberLossFailures` | `EcbnProvisioner/MemberLossFailed` ≥ 1 | people of a lost zone member could not be reconciled |
 * | `SkippedOrFilteredEvents` | `RecordsSkipped` + `FilteredOutEventCount` ≥ threshold per hour | a producer may have renamed its events |
 *
 * `DeadLetterReceived` fires on each new dead letter (the DLQ's depth stays on the dashboard): a depth alarm would
 * stay in ALARM after the first one and notify nobody of the next. `NumberOfMessagesSent` counts the handler's own
 * dead-letter sends (and SNS / EventBridge deliveries), not SQS's redrive after maxReceiveCount; a record reaches the
 * DLQ that way only when the handler could not settle it, which `FunctionErrors`, `BatchFailures` and
 * `DeadLetterSendFailures` alarm on. https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
 *
 * @example
 * const alarms = new EcbnAlarms(this, 'Alarms', { function: fn, sourceQueue, deadLetterQueue, oldestMessageAgeThreshold: Duration.minutes(90) });
 */
export class EcbnAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: EcbnAlarmsProps) {
    super(scope, id);

    this.topic = new Topic(this, 'Topic', { displayName: 'ecbn-provisioner alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry only alarm names, metric values and thresholds (no personal data, no token). ' +
        'CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, so encryption would need a ' +
        'customer-managed KMS key (cost, key policy) for no confidentiality gain.',
    });
    if (props.alarmEmail !== undefined) {
      const email = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
      Validations.of(email).acknowledge({
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'A notification that cannot be emailed changes nothing: the alarm stays in ALARM in CloudWatch and on the ' +
          'dashboard. A dead-letter queue for alarm emails would itself need an alarm.',
      });
    }

    const alarm = (alarmId: string, metric: IMetric, threshold: number, description: string): Alarm => {
      const created = new Alarm(this, alarmId, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data means nothing happened (no failures, no messages): that is healthy.
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(new SnsAction(this.topic));
      created.addOkAction(new SnsAction(this.topic));
      return created;
    };

    this.alarms = [
      alarm(
        'DeadLetterReceived',
        props.deadLetterQueue.metricNumberOfMessagesSent({ period: PERIOD, statistic: 'Sum' }),
        1,
        'A record was dead-lettered: someone may lack the right emergency callback number. Read the DLQ messages ' +
          '(attributes ecbn-error-class, ecbn-error) or the saved query "dead letters (24 h)", fix the cause, then ' +
          'replay with aws sqs start-message-move-task.',
      ),
      alarm(
        'SourceQueueOldestMessageAge',
        props.sourceQueue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' }),
        props.oldestMessageAgeThreshold.toSeconds(),
        'Onboarding events wait too long: the function is failing, throttled, rate-limited by Webex, or people ' +
          'stay "not ready" in Webex. Check the function logs and the other alarms.',
      ),
      alarm(
        'FunctionErrors',
        props.function.metricErrors({ period: PERIOD, statistic: 'Sum' }),
        1,
        'The handler failed as a whole (e.g. bad configuration at cold start): every record of the batch is retried. ' +
          'Check the function logs.',
      ),
      alarm(
        'FunctionThrottles',
        props.function.metricThrottles({ period: PERIOD, statistic: 'Sum' }),
        1,
        'Lambda throttled the function: the account or function has no concurrency left.',
      ),
      alarm(
        'AttentionDecisions',
        productMetric(ATTENTION_METRIC, PERIOD),
        1,
        'A decision was flagged attention: a person has no valid emergency callback number option. ' +
          'Search the logs for "attention" and fix the number assignment in Control Hub.',
      ),
      alarm(
        'ConfigurationFailures',
        productMetric(CONFIGURATION_FAILURE_METRIC, PERIOD),
        1,
        'No usable Webex token (the secret cannot be read, or Webex answers 401 after a fresh read, or 403): records ' +
          'are deferred, not lost. Fix the secret, rotate the token in Secrets Manager or fix its scopes.',
      ),
      alarm(
        'DeadLetterSendFailures',
        productMetric(DEAD_LETTER_SEND_FAILED_METRIC, PERIOD),
        1,
        'A record that failed for good could not be sent to the DLQ (IAM, KMS or SQS problem): it is redelivered ' +
          'and may reach the DLQ through the redrive policy without its reason. Check the function logs.',
      ),
      alarm(
        'BatchFailures',
        productMetric(BATCH_FAILURE_METRIC, PERIOD),
        1,
        'An invocation failed before it could settle its records one by one: every record of the batch is retried. ' +
          'Check the function logs for "ECBN batch failed".',
      ),
      alarm(
        'DeferFailures',
        productMetric(DEFER_FAILED_METRIC, PERIOD),
        1,
        'SQS refused to defer a record (ChangeMessageVisibility): it comes back after the queue visibility timeout ' +
          'instead of when the backoff said. Check the function logs (IAM, SQS limits).',
      ),
      alarm(
        'MemberLossFailures',
        productMetric(MEMBER_LOSS_FAILED_METRIC, PERIOD),
        1,
        'A zone callback member was lost, but the people pointed at it could not be looked up in the ledger or their ' +
          'reconcile events could not be published: they keep the lost member until the next audit. Search the logs ' +
          'for "member lost" and run npm run audit -- --fix (or start a deployed audit).',
      ),
      alarm(
        'SkippedOrFilteredEvents',
        skippedOrFiltered(props.eventSourceMappingId),
        props.skippedEventsPerHourThreshold,
        'Many events were skipped by the function or dropped by the event-source filter in the last hour: a ' +
          'producer may have renamed its event types, and then nobody is provisioned. Compare the event types sent ' +
          'with acceptedEventTypes (saved query "skipped events"); raise skippedEventsAlarmPerHour if this is normal.',
      ),
    ];
  }
}

/** Skipped by the function, plus dropped by the event-source filter when it is on. */
function skippedOrFiltered(eventSourceMappingId: string | undefined): IMetric {
  const skipped = productMetric(OUTCOME_METRIC.skipped, SKIPPED_PERIOD);
  if (eventSourceMappingId === undefined) return skipped;
  return new MathExpression({
    expression: 'FILL(skipped, 0) + FILL(filtered, 0)',
    usingMetrics: { skipped, filtered: filteredOutMetric(eventSourceMappingId, SKIPPED_PERIOD) },
    period: SKIPPED_PERIOD,
    label: 'Skipped or filtered events per hour',
  });
}
