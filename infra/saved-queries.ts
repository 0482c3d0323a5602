/**
 * CloudWatch Logs Insights queries saved in the account (`AWS::Logs::QueryDefinition`), scoped to the function's log
 * group, and the same queries as log widgets on the dashboard. They read the one structured line the handler writes
 * per record (`lambda/observability/report-logging.ts`): `outcome`, `eventId`, `personId`, `reason`, `error`, …
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
 */
import { Stack } from 'aws-cdk-lib';
import { LogQueryVisualizationType, LogQueryWidget } from 'aws-cdk-lib/aws-cloudwatch';
import { type ILogGroup, QueryDefinition, QueryString } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Replace this in the person-history query with the Webex person id (as the logs carry it). */
export const PERSON_ID_PLACEHOLDER = 'PASTE-WEBEX-PERSON-ID';

/** One saved query: its name in the console (after the stack's folder) and its text. */
export interface SavedQuery {
  readonly id: string;
  readonly name: string;
  readonly query: QueryString;
  /** Also shown on the dashboard (the person-history query needs a person id first, so it is not). */
  readonly onDashboard: boolean;
}

const RECORD_FIELDS = ['@timestamp', 'outcome', 'eventType', 'eventId', 'personId', 'reason', 'error'];

/** The saved queries, in console order. */
export const SAVED_QUERIES: readonly SavedQuery[] = [
  {
    id: 'PersonHistory',
    name: 'person history (replace the person id)',
    query: new QueryString({
      fields: [...RECORD_FIELDS, 'wanted.selected', 'previous.selected', 'attention', 'webexTrackingIds.0'],
      filterStatements: [`personId = "${PERSON_ID_PLACEHOLDER}"`],
      sort: '@timestamp desc',
      limit: 200,
    }),
    onDashboard: false,
  },
  {
    id: 'DeadLetters',
    name: 'dead letters with reasons (choose the last 24 h)',
    query: new QueryString({
      fields: [...RECORD_FIELDS, 'errorClass', 'receiveCount', 'webexTrackingIds.0'],
      filterStatements: ['outcome = "dead-lettered"'],
      sort: '@timestamp desc',
      limit: 200,
    }),
    onDashboard: true,
  },
  {
    id: 'AttentionDecisions',
    name: 'attention decisions (no valid emergency callback number)',
    query: new QueryString({
      fields: [...RECORD_FIELDS, 'attention', 'locationId'],
      filterStatements: ['ispresent(attention)'],
      sort: '@timestamp desc',
      limit: 200,
    }),
    onDashboard: true,
  },
  {
    id: 'StaleEvents',
    name: 'stale events (older than what was already applied)',
    query: new QueryString({
      fields: [...RECORD_FIELDS],
      filterStatements: ['outcome = "stale"'],
      sort: '@timestamp desc',
      limit: 200,
    }),
    onDashboard: true,
  },
  {
    id: 'SkippedEvents',
    name: 'skipped events by type',
    query: new QueryString({
      filterStatements: ['outcome = "skipped"'],
      statsStatements: ['count(*) as events by eventType'],
      sort: 'events desc',
    }),
    onDashboard: true,
  },
];

export interface EcbnSavedQueriesProps {
  readonly logGroup: ILogGroup;
}

/**
 * Saves {@link SAVED_QUERIES} under a folder named after the stack (`EcbnProvisioner-dev/dead letters …`), so each
 * stage's queries stay apart.
 *
 * @example
 * const queries = new EcbnSavedQueries(this, 'SavedQueries', { logGroup: fn.logGroup });
 * dashboard.addWidgets(...queries.widgets());
 */
export class EcbnSavedQueries extends Construct {
  readonly definitions: readonly QueryDefinition[];
  private readonly logGroup: ILogGroup;

  constructor(scope: Construct, id: string, props: EcbnSavedQueriesProps) {
    super(scope, id);
    this.logGroup = props.logGroup;
    const folder = Stack.of(this).stackName;
    this.definitions = SAVED_QUERIES.map(
      (saved) =>
        new QueryDefinition(this, saved.id, {
          queryDefinitionName: `${folder}/${saved.name}`,
          queryString: saved.query,
          logGroups: [props.logGroup],
        }),
    );
  }

  /** Log widgets for the dashboard: the queries that need no input. */
  widgets(width: number): LogQueryWidget[] {
    return SAVED_QUERIES.filter((saved) => saved.onDashboard).map(
      (saved) =>
        new LogQueryWidget({
          title: saved.name,
          width,
          height: 6,
          logGroupNames: [this.logGroup.logGroupName],
          queryString: saved.query.toString(),
          view: LogQueryVisualizationType.TABLE,
        }),
    );
  }
}
