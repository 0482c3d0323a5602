/**
 * The Webex token's refresh as a Secrets Manager rotation: the rotation function (`lambda/token-rotation/`), the
 * secret's rotation schedule, and three alarms on the product's alarm topic.
 *
 * - Works with a secret that already exists (imported by name; the template never holds a value). The schedule is
 *   an `AWS::SecretsManager::RotationSchedule` on it, every `tokenRotationHours` (Secrets Manager allows 4 h at
 *   least: https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html), rotating once
 *   at deploy too (proves the setup and starts the expiry metrics).
 * - Least privilege: the function may describe, read, put and restage this secret only (`<partial ARN>-??????`) and
 *   write its own log group; only Secrets Manager of this account may invoke it. CDK's `addRotationSchedule` is not
 *   used because it also grants `secretsmanager:GetRandomPassword` on `*`, which this function never calls.
 *
 * | alarm | metric | when |
 * |---|---|---|
 * | `TokenRotationFailed` | `TokenRotationFailed` Sum ≥ 1 per hour | a step failed (AWSCURRENT unchanged) |
 * | `AccessTokenExpiresSoon` | `WebexAccessTokenSecondsToExpiry` Minimum < 1 h + one rotation period, or no data | the current access token expires within 1 h with no newer version (or rotation does not run) |
 * | `RefreshTokenExpiresSoon` | `WebexRefreshTokenSecondsToExpiry` Minimum < 14 days + one rotation period | an admin must authorise again (README) |
 *
 * The metric is emitted at each rotation step, so a value may be one rotation period old: the thresholds add it.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnRotationSchedule, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import path from 'node:path';
import {
  ACCESS_TOKEN_SECONDS_TO_EXPIRY_METRIC,
  REFRESH_TOKEN_SECONDS_TO_EXPIRY_METRIC,
  TOKEN_ROTATION_FAILED_METRIC,
} from '../lambda/token-rotation/rotation-metrics.js';
import { METRICS_NAMESPACE, TOKEN_ROTATION_SERVICE_NAME } from '../lambda/observability/service-identity.js';
import { ESM_BUNDLING, NODE_OPTIONS } from './ecbn-function.js';

/** Alarm when the access token has less than this left (issue 12: "expires within 1 h with no newer version"). */
export const ACCESS_TOKEN_WARNING = Duration.hours(1);
/** Alarm when the refresh token has less than this left: time for an admin to authorise again. */
export const REFRESH_TOKEN_WARNING = Duration.days(14);

export interface WebexTokenRotationProps {
  readonly secret: ISecret;
  readonly rotationInterval: Duration;
  readonly webexApiBaseUrl: string;
  readonly projectRoot: string;
  readonly logRetention: RetentionDays;
  readonly alarmTopic: ITopic;
  /** @default `<projectRoot>/lambda/token-rotation/rotation-handler.ts` */
  readonly entry?: string;
}

/**
 * @example
 * new WebexTokenRotation(this, 'TokenRotation', { secret, rotationInterval: Duration.hours(8), webexApiBaseUrl,
 *   projectRoot, logRetention: RetentionDays.THREE_MONTHS, alarmTopic: alarms.topic });
 */
export class WebexTokenRotation extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly alarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: WebexTokenRotationProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'LogGroup', { retention: props.logRetention });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'ecbn-provisioner token rotation: refresh the Webex token in its secret, nothing else',
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'RotateWebexTokenSecret',
        actions: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        resources: [`${props.secret.secretArn}-??????`],
      }),
    );
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only xray:PutTraceSegments and xray:PutTelemetryRecords (added by Tracing.ACTIVE) use Resource "*": these ' +
        'X-Ray actions support no resource-level permissions.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::<TokenRotationSecretArn>-??????]',
      reason:
        'The secret is imported by name; its ARN ends in a random 6-character suffix, matched by "-??????" (the ' +
        'pattern AWS documents for secret ARNs in policies). This names one secret.',
    });

    this.function = new NodejsFunction(this, 'Function', {
      description: 'Refreshes the Webex OAuth token in its secret (Secrets Manager rotation)',
      entry: props.entry ?? path.join(props.projectRoot, 'lambda', 'token-rotation', 'rotation-handler.ts'),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: `${props.projectRoot}/package-lock.json`,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 256,
      timeout: Duration.seconds(30),
      role: this.role,
      logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        WEBEX_API_BASE_URL: props.webexApiBaseUrl,
        POWERTOOLS_SERVICE_NAME: TOKEN_ROTATION_SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        NODE_OPTIONS,
      },
      bundling: ESM_BUNDLING,
    });
    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Secrets Manager invokes the rotation function synchronously and records a failed rotation itself; the ' +
        'TokenRotationFailed alarm reports it.',
    });
    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaDefaultMemorySize',
      reason: 'Intentional: four short HTTP calls per step need little memory.',
    });
    this.function.addPermission('InvokedBySecretsManager', {
      principal: new ServicePrincipal('secretsmanager.amazonaws.com'),
      sourceAccount: Stack.of(this).account,
    });

    new CfnRotationSchedule(this, 'Schedule', {
      secretId: props.secret.secretArn,
      rotationLambdaArn: this.function.functionArn,
      rotationRules: { scheduleExpression: `rate(${props.rotationInterval.toHours()} hours)` },
      rotateImmediatelyOnUpdate: true,
    }).node.addDependency(this.function.permissionsNode.findChild('InvokedBySecretsManager'));

    const period = props.rotationInterval;
    const metric = (metricName: string, statistic: string, metricPeriod: Duration) =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: TOKEN_ROTATION_SERVICE_NAME },
        statistic,
        period: metricPeriod,
      });
    const alarm = (alarmId: string, options: ConstructorParameters<typeof Alarm>[2]): Alarm => {
      const created = new Alarm(this, alarmId, options);
      created.addAlarmAction(new SnsAction(props.alarmTopic));
      created.addOkAction(new SnsAction(props.alarmTopic));
      return created;
    };
    this.alarms = [
      alarm('TokenRotationFailed', {
        metric: metric(TOKEN_ROTATION_FAILED_METRIC, 'Sum', Duration.hours(1)),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription:
          'The Webex token rotation failed: the secret keeps its current token, which expires on its own. Read the ' +
          'rotation function log (step and error), fix the cause, then aws secretsmanager rotate-secret.',
      }),
      alarm('AccessTokenExpiresSoon', {
        metric: metric(ACCESS_TOKEN_SECONDS_TO_EXPIRY_METRIC, 'Minimum', period),
        threshold: ACCESS_TOKEN_WARNING.toSeconds() + period.toSeconds(),
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        // No data: the rotation function did not run this period, so nobody refreshes the token.
        treatMissingData: TreatMissingData.BREACHING,
        alarmDescription:
          'The current Webex access token expires within 1 hour and no newer version exists (or the rotation did not ' +
          'run). Every record will be deferred once it expires. See the TokenRotationFailed alarm and npm run token -- status.',
      }),
      alarm('RefreshTokenExpiresSoon', {
        metric: metric(REFRESH_TOKEN_SECONDS_TO_EXPIRY_METRIC, 'Minimum', period),
        threshold: REFRESH_TOKEN_WARNING.toSeconds() + period.toSeconds(),
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription:
          'The Webex refresh token expires within 14 days. A full admin must authorise the app again and you must ' +
          'run npm run token -- init --secret-id <secret> with the new refresh token (README "A Webex token that lasts").',
      }),
    ];
  }
}
