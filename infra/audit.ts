/**
 * The deployed compliance audit (issue 11 §2): a schedule (EventBridge Scheduler) or an admin puts
 * `{"kind":"start"}` on the audit queue; a worker function audits the org one People page per message (the next
 * page is queued first), with bounded concurrency (the event source's maximum concurrency × the worker's paced
 * Webex calls per second = the audit's share of the org's rate budget); results and the report go to an S3 bucket
 * (encrypted, TLS only, no public access, expiring); the finished audit publishes CompliancePercent, DriftPeople and
 * AttentionPeople, and an alarm fires when drift or attention remains on two audits in a row (i.e. after a
 * reconcile, with `auditFix`, or after a day for an admin to act).
 *
 * On demand: `aws sqs send-message --queue-url <AuditQueueUrl> --message-body '{"kind":"start"}'`.
 */
import path from 'node:path';
import { type CfnElement, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AUDIT_SERVICE_NAME, METRICS_NAMESPACE } from '../lambda/observability/service-identity.js';
import { EcbnFunction } from './ecbn-function.js';
import { LEDGER_TABLE_ENV, type LedgerTable } from './ledger-table.js';

/** One page of ≤ 100 people at a few Webex calls per second fits well inside this. */
export const AUDIT_FUNCTION_TIMEOUT = Duration.minutes(5);

export interface AuditSettings {
  /** EventBridge Scheduler expression (`cron(0 2 * * ? *)`, `rate(1 day)`), or `none` for on demand only. */
  readonly auditSchedule: string;
  /** IANA time zone of the schedule. */
  readonly auditTimezone: string;
  /** Reconcile every drift automatically (ecbn.reconcile events on the source queue). */
  readonly auditFix: boolean;
  /** Pages audited at once (the event source's maximum concurrency; AWS minimum 2). */
  readonly auditMaxConcurrency: number;
  /** Webex calls per second of one worker; the audit's budget is this × auditMaxConcurrency. */
  readonly auditWebexCallsPerSecond: number;
  /** Days audit reports are kept in the bucket. */
  readonly auditReportDays: number;
}

export interface EcbnAuditProps {
  readonly settings: AuditSettings;
  readonly projectRoot: string;
  readonly rulesFile: string;
  readonly webexApiBaseUrl: string;
  readonly secretName: string;
  /** `arn:…:secret:<name>-??????` as the provisioner's policy uses it. */
  readonly secretArnPattern: string;
  readonly sourceQueue: IQueue;
  readonly alarmTopic: ITopic;
  readonly logRetention: RetentionDays;
  /** The person ledger: the worker reads placements from it (`readPlacements`). */
  readonly ledger: LedgerTable;
  /** @default `<projectRoot>/lambda/audit/worker/audit-worker-handler.ts` */
  readonly entry?: string;
}

export class EcbnAudit extends Construct {
  /** The logical id CloudFormation gives `construct`'s resource (cdk-nag names wildcard resources by it). */
  private stackLogicalId(construct: Bucket): string {
    return Stack.of(this).getLogicalId(construct.node.defaultChild as CfnBucket);
  }

  readonly bucket: Bucket;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly worker: EcbnFunction;
  readonly findingsAlarm: Alarm;
  readonly schedule: CfnSchedule | undefined;

  constructor(scope: Construct, id: string, props: EcbnAuditProps) {
    super(scope, id);
    const { settings } = props;

    this.bucket = new Bucket(this, 'Reports', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      lifecycleRules: [{ expiration: Duration.days(settings.auditReportDays) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Audit reports are written only by the audit worker and read by admins; who read them is in CloudTrail. ' +
        'Server access logs would need a second bucket for no extra question answered.',
    });

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'Serverless-SQSRedrivePolicy',
      reason: 'The audit dead-letter queue is the end of the line: a page that kept failing waits there to be read.',
    });
    this.queue = new Queue(this, 'Queue', {
      visibilityTimeout: Duration.seconds(6 * AUDIT_FUNCTION_TIMEOUT.toSeconds()),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // A page is retried this often before it is dead-lettered (and `finish` waits this long for slow pages).
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 20 },
    });

    this.worker = new EcbnFunction(this, 'Worker', {
      entry: props.entry ?? path.join(props.projectRoot, 'lambda', 'audit', 'worker', 'audit-worker-handler.ts'),
      projectRoot: props.projectRoot,
      rulesFile: props.rulesFile,
      timeout: AUDIT_FUNCTION_TIMEOUT,
      memorySize: 512,
      logRetention: props.logRetention,
      environment: {
        AUDIT_BUCKET: this.bucket.bucketName,
        AUDIT_QUEUE_URL: this.queue.queueUrl,
        SOURCE_QUEUE_URL: props.sourceQueue.queueUrl,
        AUDIT_FIX: String(settings.auditFix),
        WEBEX_TOKEN_SECRET_ID: props.secretName,
        WEBEX_API_BASE_URL: props.webexApiBaseUrl,
        AUDIT_WEBEX_CALLS_PER_SECOND: String(settings.auditWebexCallsPerSecond),
        [LEDGER_TABLE_ENV]: props.ledger.table.tableName,
      },
    });
    // The worker's own service name overrides the provisioner's (its metrics are told apart by it).
    this.worker.function.addEnvironment('POWERTOOLS_SERVICE_NAME', AUDIT_SERVICE_NAME);
    this.worker.allow('ReadWebexToken', ['secretsmanager:GetSecretValue'], [props.secretArnPattern]);
    this.worker.allow(
      'WalkAuditPages',
      [
        'sqs:SendMessage',
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:ChangeMessageVisibility',
      ],
      [this.queue.queueArn],
    );
    this.worker.allow(
      'StoreAuditReports',
      ['s3:PutObject', 's3:GetObject', 's3:ListBucket'],
      [this.bucket.bucketArn, this.bucket.arnForObjects('audits/*')],
    );
    // Placements of a page: one BatchGetItem per ≤ 100 people (the ledger's readPlacements).
    props.ledger.grantReaders(this.worker.role);
    Validations.of(this.worker.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.ledger.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      reason: "The person ledger's own indexes (member and email), read with Query; no other table.",
    });
    if (settings.auditFix) {
      this.worker.allow('PublishReconcileEvents', ['sqs:SendMessage'], [props.sourceQueue.queueArn]);
    }
    Validations.of(this.worker.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only xray:PutTraceSegments and xray:PutTelemetryRecords (added by Tracing.ACTIVE) use Resource "*": these ' +
        'X-Ray actions support no resource-level permissions. ' +
        'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html',
    });
    Validations.of(this.worker.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.stackLogicalId(this.bucket)}.Arn>/audits/*]`,
      reason: 'The audit prefix of its own reports bucket: page and report objects are named per audit at run time.',
    });

    const eventSource = this.worker.function.addEventSourceMapping('AuditQueue', {
      eventSourceArn: this.queue.queueArn,
      batchSize: 1,
      maxConcurrency: settings.auditMaxConcurrency,
      reportBatchItemFailures: true,
    });
    Validations.of(eventSource).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: "SQS sources have no on-failure destination: the audit queue's redrive policy is the dead-letter path.",
    });
    Validations.of(this.worker.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: 'SQS invokes synchronously; the audit queue redrives failed pages to its dead-letter queue.',
    });

    if (settings.auditSchedule !== 'none') {
      const role = new Role(this, 'ScheduleRole', {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
        description: 'Starts the scheduled ECBN audit',
      });
      role.addToPrincipalPolicy(
        new PolicyStatement({ sid: 'StartAudit', actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
      );
      this.schedule = new CfnSchedule(this, 'Schedule', {
        description: 'Daily compliance audit of every Webex Calling person (ecbn-provisioner)',
        scheduleExpression: settings.auditSchedule,
        scheduleExpressionTimezone: settings.auditTimezone,
        flexibleTimeWindow: { mode: 'OFF' },
        target: { arn: this.queue.queueArn, roleArn: role.roleArn, input: JSON.stringify({ kind: 'start' }) },
      });
    }

    const metric = (name: string) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { service: AUDIT_SERVICE_NAME },
        statistic: 'Maximum',
        period: Duration.days(1),
      });
    this.findingsAlarm = new Alarm(this, 'FindingsRemain', {
      alarmDescription:
        'Drift or attention in two audits in a row: a reconcile did not fix it, or a person needs an admin (read the ' +
        "audit's summary.json and audit.html in the reports bucket).",
      metric: new MathExpression({
        expression: 'drift + attention',
        usingMetrics: { drift: metric('DriftPeople'), attention: metric('AttentionPeople') },
        period: Duration.days(1),
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.findingsAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
    this.findingsAlarm.addOkAction(new SnsAction(props.alarmTopic));

    new CfnOutput(this, 'AuditQueueUrl', { value: this.queue.queueUrl });
    new CfnOutput(this, 'AuditBucketName', { value: this.bucket.bucketName });
  }
}
