/**
 * The whole deployment in one stack: source queue → function → Webex, with a dead-letter queue, the token's secret
 * (imported, never created), alarms and a dashboard.
 */
import path from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterCriteria, MetricType } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { RECONCILE_EVENT_TYPE } from '../lambda/events/event-type.js';
import { USER_DELETED_EVENT_TYPE } from '../lambda/events/event-type.js';
import { describeDefaults, loadRulesFile, summarizeRules } from '../tools/rules/index.js';
import { EcbnAudit } from './audit.js';
import { EcbnAlarms } from './ecbn-alarms.js';
import { EcbnDashboard } from './ecbn-dashboard.js';
import { EcbnFunction } from './ecbn-function.js';
import { refuseExampleRules } from './example-rules-guard.js';
import { sourceQueueFilters } from './event-filter.js';
import { routeFromEventBus, subscribeToTopic } from './ingestion.js';
import { LEDGER_TABLE_ENV, LedgerTable } from './ledger-table.js';
import { EcbnSavedQueries } from './saved-queries.js';
import {
  DEAD_LETTER_RETENTION_DAYS,
  OLDEST_MESSAGE_ALARM_SLACK_MINUTES,
  SOURCE_RETENTION_DAYS,
} from './queue-limits.js';
import type { EcbnSettings } from './settings.js';
import { WebexTokenRotation } from './token-rotation.js';

/** The function's timeout. Webex calls are short; the handler stops starting records near the deadline. */
export const FUNCTION_TIMEOUT = Duration.seconds(60);

/** The function's memory: 512 MB gives enough CPU for a cold start with the SDK bundled (ARM64). */
export const FUNCTION_MEMORY_MB = 512;

/** Dead-letter retention (see `queue-limits.ts`). */
export const DEAD_LETTER_RETENTION = Duration.days(DEAD_LETTER_RETENTION_DAYS);

/** Source retention (see `queue-limits.ts`). */
export const SOURCE_RETENTION = Duration.days(SOURCE_RETENTION_DAYS);

export interface EcbnStackProps extends StackProps {
  readonly settings: EcbnSettings;
  /** The project root: `package-lock.json`, and the base of the relative `rulesFile` setting. */
  readonly projectRoot: string;
  /** @default `<projectRoot>/lambda/handler.ts` */
  readonly handlerEntry?: string;
}

/**
 * @example
 * new EcbnStack(app, 'EcbnProvisioner', { settings: parseSettings({ secretName: 'ecbn/webex' }), projectRoot: '.' });
 */
export class EcbnStack extends Stack {
  readonly sourceQueue: Queue;
  readonly deadLetterQueue: Queue;
  readonly provisioner: EcbnFunction;
  readonly alarms: EcbnAlarms;
  readonly ledger: LedgerTable;

  constructor(scope: Construct, id: string, props: EcbnStackProps) {
    super(scope, id, props);
    const { settings } = props;

    // The same validation as `npm run rules:check`: a broken rules file fails synth here and is never deployed.
    const rulesFile = path.resolve(props.projectRoot, settings.rulesFile);
    const rules = loadRulesFile(rulesFile);
    refuseExampleRules(rules, settings.allowExampleRules, settings.rulesFile);

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      retentionPeriod: DEAD_LETTER_RETENTION,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'This is the dead-letter queue, the end of the line: its messages wait for a person to replay them.',
    });

    const batchingWindow = Duration.seconds(settings.maxBatchingWindowSeconds);
    this.sourceQueue = new Queue(this, 'SourceQueue', {
      // AWS: "at least six times the timeout that you configure on your function", plus the batching window.
      // https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
      visibilityTimeout: Duration.seconds(6 * FUNCTION_TIMEOUT.toSeconds() + batchingWindow.toSeconds()),
      retentionPeriod: SOURCE_RETENTION,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: settings.maxReceiveCount },
    });

    // The person ledger (ordering watermark, placement, last decision, history): its name reaches the function.
    this.ledger = new LedgerTable(this, 'PersonLedger');

    // Imported by name: the token is put in by a person (README "Deploy"), never by this template.
    const secret = Secret.fromSecretNameV2(this, 'WebexTokenSecret', settings.secretName);

    this.provisioner = new EcbnFunction(this, 'Provisioner', {
      entry: props.handlerEntry ?? path.join(props.projectRoot, 'lambda', 'handler.ts'),
      projectRoot: props.projectRoot,
      rulesFile,
      timeout: FUNCTION_TIMEOUT,
      memorySize: FUNCTION_MEMORY_MB,
      logRetention: settings.logRetentionDays,
      environment: {
        ...functionEnvironment(settings, this.sourceQueue.queueUrl, this.deadLetterQueue.queueUrl),
        [LEDGER_TABLE_ENV]: this.ledger.table.tableName,
      },
    });
    // What was deployed, readable in the template and the console, next to the function it configures.
    (this.provisioner.function.node.defaultChild as CfnFunction).addMetadata('EcbnRules', [
      describeDefaults(rules),
      ...summarizeRules(rules),
    ]);

    // Exactly what the code does, one statement per need. A name-imported secret's ARN ends in a random 6-character
    // suffix, matched by `-??????` (AWS's documented pattern for secret ARNs in policies).
    this.provisioner.allow('ReadWebexToken', ['secretsmanager:GetSecretValue'], [`${secret.secretArn}-??????`]);
    this.ledger.grantProvisioner(this.provisioner);
    this.provisioner.allow('DeadLetterPermanentFailures', ['sqs:SendMessage'], [this.deadLetterQueue.queueArn]);
    this.provisioner.allow(
      // The event source polls, deletes and reads attributes; the handler defers transient failures itself.
      'ConsumeAndDeferSourceMessages',
      ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
      [this.sourceQueue.queueArn],
    );
    // The people pointed at a lost zone member are reconciled at once: ecbn.reconcile events on the source queue.
    this.provisioner.allow('ReconcileDependentsOfLostMembers', ['sqs:SendMessage'], [this.sourceQueue.queueArn]);
    Validations.of(this.provisioner.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only xray:PutTraceSegments and xray:PutTelemetryRecords (added by Tracing.ACTIVE) use Resource "*": these ' +
        'X-Ray actions support no resource-level permissions, so "*" is the only valid resource. ' +
        'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html',
    });

    const eventSource = this.provisioner.function.addEventSourceMapping('SourceQueue', {
      eventSourceArn: this.sourceQueue.queueArn,
      batchSize: settings.batchSize,
      maxBatchingWindow: settings.maxBatchingWindowSeconds > 0 ? batchingWindow : undefined,
      maxConcurrency: settings.maxConcurrency,
      reportBatchItemFailures: true,
      filters: settings.filterAtSource
        ? // The audit's ecbn.reconcile is always acted on (the function accepts it whatever ACCEPTED_EVENT_TYPES says);
          // so is user.deleted, for the people pointed at the deleted person (docs/member-loss.md).
          sourceQueueFilters([...settings.acceptedEventTypes, RECONCILE_EVENT_TYPE, USER_DELETED_EVENT_TYPE]).map(
            (pattern) => FilterCriteria.filter(pattern),
          )
        : undefined,
      // With filtering, FilteredOutEventCount is the only trace of the records Lambda deleted without invoking us.
      metricsConfig: settings.filterAtSource ? { metrics: [MetricType.EVENT_COUNT] } : undefined,
    });
    Validations.of(eventSource).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'On-failure destinations exist for stream and Kafka sources, not SQS: a failed SQS record goes back to the ' +
        "queue and, after maxReceiveCount receives, to the dead-letter queue by the queue's redrive policy (and the " +
        'handler dead-letters permanent failures itself, with the reason).',
    });
    Validations.of(this.provisioner.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        "A function DLQ only catches asynchronous invocations; SQS invokes synchronously, so the source queue's " +
        'redrive policy to the dead-letter queue is the dead-letter target.',
    });

    if (settings.snsTopicArn !== undefined) {
      subscribeToTopic(this, settings.snsTopicArn, this.sourceQueue, this.deadLetterQueue);
    }
    if (settings.eventPattern !== undefined) {
      routeFromEventBus(
        this,
        settings.eventBusName ?? 'default',
        settings.eventPattern,
        this.sourceQueue,
        this.deadLetterQueue,
      );
    }

    this.alarms = new EcbnAlarms(this, 'Alarms', {
      function: this.provisioner.function,
      sourceQueue: this.sourceQueue,
      deadLetterQueue: this.deadLetterQueue,
      // People "not ready" in Webex are retried for this long by design; beyond it (plus slack) something is stuck.
      oldestMessageAgeThreshold: Duration.minutes(
        settings.personNotReadyRetryMinutes + OLDEST_MESSAGE_ALARM_SLACK_MINUTES,
      ),
      alarmEmail: settings.alarmEmail,
      skippedEventsPerHourThreshold: settings.skippedEventsAlarmPerHour,
      eventSourceMappingId: settings.filterAtSource ? eventSource.eventSourceMappingId : undefined,
    });

    const tokenRotation = settings.tokenRotation
      ? new WebexTokenRotation(this, 'TokenRotation', {
          secret,
          rotationInterval: Duration.hours(settings.tokenRotationHours),
          webexApiBaseUrl: settings.webexApiBaseUrl,
          projectRoot: props.projectRoot,
          logRetention: settings.logRetentionDays,
          alarmTopic: this.alarms.topic,
        })
      : undefined;
    const ledgerErrors = this.ledger.alarmOn(this.alarms.topic);
    const savedQueries = new EcbnSavedQueries(this, 'SavedQueries', { logGroup: this.provisioner.logGroup });

    const dashboard = new EcbnDashboard(this, 'Dashboard', {
      function: this.provisioner.function,
      sourceQueue: this.sourceQueue,
      deadLetterQueue: this.deadLetterQueue,
      alarms: this.alarms.alarms,
      eventSourceMappingId: settings.filterAtSource ? eventSource.eventSourceMappingId : undefined,
      logWidgets: savedQueries.widgets(12),
    });

    dashboard.dashboard.addWidgets(...this.ledger.widgets(ledgerErrors));

    new EcbnAudit(this, 'Audit', {
      settings,
      projectRoot: props.projectRoot,
      rulesFile,
      webexApiBaseUrl: settings.webexApiBaseUrl,
      secretName: settings.secretName,
      secretArnPattern: `${secret.secretArn}-??????`,
      sourceQueue: this.sourceQueue,
      alarmTopic: this.alarms.topic,
      logRetention: settings.logRetentionDays,
      ledger: this.ledger,
    });

    new CfnOutput(this, 'SourceQueueUrl', { value: this.sourceQueue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueArn', { value: this.deadLetterQueue.queueArn });
    new CfnOutput(this, 'SourceQueueArn', { value: this.sourceQueue.queueArn });
    new CfnOutput(this, 'FunctionName', { value: this.provisioner.function.functionName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'LogGroupName', { value: this.provisioner.logGroup.logGroupName });
    new CfnOutput(this, 'DashboardName', { value: dashboard.dashboard.dashboardName });
    if (tokenRotation) new CfnOutput(this, 'TokenRotationFunctionName', { value: tokenRotation.function.functionName });
    new CfnOutput(this, 'LedgerTableName', { value: this.ledger.table.tableName });
  }
}

/**
 * The handler's environment (see the handler's `lambda/config.ts`), from the settings. `ECBN_RULES_FILE`, the
 * Powertools variables and `NODE_OPTIONS` are added by {@link EcbnFunction}.
 *
 * @example
 * functionEnvironment(settings, queue.queueUrl, dlq.queueUrl).MAX_RECEIVE_COUNT; // '10'
 */
export function functionEnvironment(
  settings: EcbnSettings,
  sourceQueueUrl: string,
  deadLetterQueueUrl: string,
): Record<string, string> {
  return {
    WEBEX_TOKEN_SECRET_ID: settings.secretName,
    SOURCE_QUEUE_URL: sourceQueueUrl,
    DEAD_LETTER_QUEUE_URL: deadLetterQueueUrl,
    // Must equal the redrive policy's maxReceiveCount: on that receive the handler dead-letters with the reason itself.
    MAX_RECEIVE_COUNT: String(settings.maxReceiveCount),
    WEBEX_API_BASE_URL: settings.webexApiBaseUrl,
    ACCEPTED_EVENT_TYPES: settings.acceptedEventTypes.join(','),
    DRY_RUN: String(settings.dryRun),
    MAX_PARALLEL_RECORDS: String(settings.maxParallelRecords),
    PERSON_NOT_READY_RETRY_MINUTES: String(settings.personNotReadyRetryMinutes),
    // Powertools Logger reads it at cold start (`-c logLevel=DEBUG` for a closer look, without a code change).
    POWERTOOLS_LOG_LEVEL: settings.logLevel,
    // Empty means "any organisation the token can manage"; an empty variable is left out rather than set to "".
    ...(settings.allowedOrgIds.length > 0 ? { ALLOWED_ORG_IDS: settings.allowedOrgIds.join(',') } : {}),
  };
}
