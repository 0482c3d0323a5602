/**
 * The person ledger's table (lambda/ledger/, docs/ledger.md): DynamoDB on demand, point-in-time recovery, deletion
 * protection, kept when the stack goes, encrypted at rest with a KMS key; TTL on archived history items. Plus what
 * operators watch: its throttles and errors, stale events, and an alarm on ledger errors.
 *
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_dynamodb.TableV2.html
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  GraphWidget,
  TreatMissingData,
  type IWidget,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AttributeType,
  Billing,
  Operation,
  ProjectionType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { OUTCOME_METRIC } from '../lambda/flow/record-report.js';
import { EMAIL_INDEX, LEDGER_KEYS, MEMBER_INDEX } from '../lambda/ledger/item.js';
import type { EcbnFunction } from './ecbn-function.js';
import { LEDGER_ERROR_METRIC } from '../lambda/flow/record-report.js';
import { productMetric } from './product-metrics.js';

/** The function's environment variable that names the table (lambda/config.ts). */
export const LEDGER_TABLE_ENV = 'LEDGER_TABLE_NAME';

/** What the provisioner function does to the table: take/commit a lease (UpdateItem), archive history (PutItem). */
export const PROVISIONER_LEDGER_ACTIONS = ['dynamodb:UpdateItem', 'dynamodb:PutItem'] as const;

/** What readers (the audit, `npm run person`) do: batched placements, the member and email indexes, one person. */
export const READER_LEDGER_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'] as const;

const MINUTE = Duration.minutes(1);

/**
 * @example
 * const ledger = new LedgerTable(this, 'Ledger');
 * ledger.grantProvisioner(fn);
 * dashboard.addWidgets(...ledger.widgets(ledger.alarmOn(alarms.topic)));
 */
export class LedgerTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { partitionKey, sortKey, memberKey, email, ttl } = LEDGER_KEYS;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // The memory of every emergency-number decision: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryptionV2.awsManagedKey(),
      timeToLiveAttribute: ttl,
      globalSecondaryIndexes: [
        {
          indexName: MEMBER_INDEX,
          partitionKey: { name: memberKey, type: AttributeType.STRING },
          projectionType: ProjectionType.INCLUDE,
          nonKeyAttributes: ['personId', 'placement'],
        },
        {
          indexName: EMAIL_INDEX,
          partitionKey: { name: email, type: AttributeType.STRING },
          projectionType: ProjectionType.INCLUDE,
          nonKeyAttributes: ['personId'],
        },
      ],
    });
  }

  /** The alarm on ledger errors ("one is too many", like the product's other alarms), sending ALARM and OK to `topic`. */
  alarmOn(topic: ITopic): Alarm {
    const alarm = new Alarm(this, 'LedgerErrors', {
      alarmDescription:
        'Records were deferred because the person ledger (DynamoDB) failed: throttled, unreachable or denied. ' +
        'Nothing is decided without the ordering check, so ECBN updates wait until it answers. Check the table ' +
        'metrics and the function logs (ledgerFailed).',
      metric: productMetric(LEDGER_ERROR_METRIC, Duration.minutes(5)),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(topic));
    alarm.addOkAction(new SnsAction(topic));
    return alarm;
  }

  /**
   * The provisioner gets exactly the item-level actions its code uses: lease and commit on the table, and one Query on
   * the member index when a zone member is lost ("who points at member X", lambda/flow/member-loss.ts).
   */
  grantProvisioner(fn: EcbnFunction): void {
    fn.allow('PersonLedgerLeaseAndCommit', [...PROVISIONER_LEDGER_ACTIONS], [this.table.tableArn]);
    fn.allow('PersonLedgerDependentsOfMember', ['dynamodb:Query'], [`${this.table.tableArn}/index/${MEMBER_INDEX}`]);
  }

  /** Read access for the audit and operators: items and the two indexes. */
  grantReaders(grantee: IGrantable): void {
    this.table.grant(grantee, ...READER_LEDGER_ACTIONS);
  }

  /** Dashboard row: ledger throttles and errors with their alarm, stale events. */
  widgets(errorsAlarm: Alarm): IWidget[] {
    // The operations the product sends (the provisioner's writes, the readers' reads).
    const operations = [Operation.UPDATE_ITEM, Operation.PUT_ITEM, Operation.BATCH_GET_ITEM, Operation.QUERY];
    return [
      // Two graphs: the per-operation math expressions of throttles and of errors share ids within one graph.
      new GraphWidget({
        title: 'Person ledger: throttles per minute',
        width: 6,
        left: [
          this.table.metricThrottledRequestsForOperations({ operations, period: MINUTE, label: 'Throttled requests' }),
          productMetric(LEDGER_ERROR_METRIC, MINUTE).with({ label: 'Records deferred by a ledger failure' }),
        ],
      }),
      new GraphWidget({
        title: 'Person ledger: errors per minute',
        width: 6,
        left: [
          this.table.metricSystemErrorsForOperations({ operations, period: MINUTE, label: 'System errors (5xx)' }),
          this.table.metricUserErrors({ period: MINUTE, label: 'User errors (4xx, account-wide)' }),
        ],
      }),
      new GraphWidget({
        title: 'Stale events per minute (older than the newest applied)',
        width: 6,
        left: [productMetric(OUTCOME_METRIC.stale, MINUTE).with({ label: OUTCOME_METRIC.stale })],
      }),
      new AlarmStatusWidget({ title: 'Person ledger alarm', width: 6, alarms: [errorsAlarm] }),
    ];
  }
}
