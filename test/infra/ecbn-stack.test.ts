import type { CfnElement } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidRulesError } from '../../lambda/errors.js';
import { createApp } from '../../infra/create-app.js';
import type { EcbnStack } from '../../infra/ecbn-stack.js';
import { sourceQueueFilters } from '../../infra/event-filter.js';
import { OUTCOME_METRIC_NAMES } from '../../infra/product-metrics.js';
import { InvalidSettingsError } from '../../infra/settings.js';
import { PLACEHOLDER_SECRET_NAME, cdkJsonContext, synthesize, writeRulesFile } from './helpers/synth.js';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function logicalId(stack: EcbnStack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** A statement with its actions as a sorted list (CDK may merge and reorder them). */
function normalized(statement: Record<string, unknown>): Record<string, unknown> {
  return { ...statement, Action: asList(statement.Action).map(String).sort() };
}

/** Every IAM statement attached to the function's role, by any policy, normalized. */
function roleStatements(template: Template, roleId: string): Record<string, unknown>[] {
  const policies = template.findResources('AWS::IAM::Policy') as Resources;
  return Object.values(policies)
    .filter((policy) => JSON.stringify(policy.Properties?.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(
      (policy) =>
        (policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] } | undefined)?.Statement ?? [],
    )
    .map(normalized);
}

describe('EcbnStack with default settings', () => {
  let stack: EcbnStack;
  let template: Template;
  let ids: {
    source: string;
    dlq: string;
    fn: string;
    role: string;
    logGroup: string;
    topic: string;
    ledger: string;
  };

  beforeAll(() => {
    ({ stack, template } = synthesize());
    ids = {
      source: logicalId(stack, stack.sourceQueue),
      dlq: logicalId(stack, stack.deadLetterQueue),
      fn: logicalId(stack, stack.provisioner.function),
      role: logicalId(stack, stack.provisioner.role),
      logGroup: logicalId(stack, stack.provisioner.logGroup),
      topic: logicalId(stack, stack.alarms.topic),
      ledger: logicalId(stack, stack.ledger.table),
    };
  });

  describe('event source', () => {
    it('reports batch item failures, caps concurrency at 2 and takes batches of 10 from the source queue', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids.source, 'Arn'] },
        FunctionName: { Ref: ids.fn },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 2 },
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: Match.absent(),
      });
    });

    it('filters with exactly the patterns of sourceQueueFilters for the accepted types, and counts what it drops', () => {
      // Prepare
      const mapping = Object.values(template.findResources('AWS::Lambda::EventSourceMapping') as Resources)[0];
      const filters = (mapping?.Properties?.FilterCriteria as { Filters: { Pattern: string }[] }).Filters;

      // Assess
      expect(filters.map((filter) => JSON.parse(filter.Pattern) as unknown)).toEqual(
        // The audit's ecbn.reconcile always passes (the function always acts on it); so does user.deleted (the people
        // pointed at a deleted zone member are reconciled).
        sourceQueueFilters(['user.created', 'user.updated', 'user.moved', 'ecbn.reconcile', 'user.deleted']),
      );
      expect(mapping?.Properties?.MetricsConfig).toEqual({ Metrics: ['EventCount'] });
    });
  });

  describe('queues', () => {
    it('redrives the source queue to the dead-letter queue after maxReceiveCount (10) receives', () => {
      template.hasResource('AWS::SQS::Queue', {
        Properties: Match.objectLike({
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.dlq, 'Arn'] }, maxReceiveCount: 10 },
        }),
      });
      // The audit's own queue (infra/audit.ts) redrives to the audit's dead-letter queue: tested in audit.test.ts.
      expect(
        Object.keys(
          template.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: Match.anyValue() } }),
        ).filter((id) => !id.startsWith('Audit')),
      ).toEqual([ids.source]);
    });

    it('keeps dead letters for 14 days, longer than the source keeps messages', () => {
      // Prepare
      const queues = template.findResources('AWS::SQS::Queue') as Resources;

      // Assess
      expect(queues[ids.dlq]?.Properties?.MessageRetentionPeriod).toBe(14 * 24 * 3600);
      expect(queues[ids.source]?.Properties?.MessageRetentionPeriod).toBeLessThan(14 * 24 * 3600);
    });

    it.each([
      ['source', 'source'],
      ['dead-letter', 'dlq'],
    ] as const)('encrypts the %s queue with SQS-managed keys and refuses requests without TLS', (_name, key) => {
      // Assess: SSE
      template.hasResource('AWS::SQS::Queue', {
        Properties: Match.objectLike({ SqsManagedSseEnabled: true }),
      });
      const queue = (template.findResources('AWS::SQS::Queue') as Resources)[ids[key]];
      expect(queue?.Properties?.SqsManagedSseEnabled).toBe(true);
      expect(queue?.Properties?.KmsMasterKeyId).toBeUndefined();

      // Assess: enforceSSL
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: ids[key] }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Principal: { AWS: '*' },
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('hides a message in flight for at least six times the function timeout', () => {
      // Prepare
      const queue = (template.findResources('AWS::SQS::Queue') as Resources)[ids.source];
      const fn = (template.findResources('AWS::Lambda::Function') as Resources)[ids.fn];

      // Assess
      expect(queue?.Properties?.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (fn?.Properties?.Timeout as number));
    });
  });

  describe('function', () => {
    it('runs Node.js 24 on ARM64 with explicit memory, timeout and active tracing', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 60,
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
    });

    it('logs to its own log group, kept 90 days and retained when the stack goes', () => {
      template.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: ids.logGroup } } });
      template.hasResource('AWS::Logs::LogGroup', {
        Properties: { RetentionInDays: 90 },
        DeletionPolicy: 'Retain',
      });
    });

    it('gets the environment the handler reads, wired to this stack’s queues and secret', () => {
      // Prepare
      const fn = (template.findResources('AWS::Lambda::Function') as Resources)[ids.fn];

      // Assess
      expect((fn?.Properties?.Environment as { Variables: unknown }).Variables).toEqual({
        WEBEX_TOKEN_SECRET_ID: PLACEHOLDER_SECRET_NAME,
        SOURCE_QUEUE_URL: { Ref: ids.source },
        DEAD_LETTER_QUEUE_URL: { Ref: ids.dlq },
        MAX_RECEIVE_COUNT: '10',
        WEBEX_API_BASE_URL: 'https://webexapis.com/v1',
        ACCEPTED_EVENT_TYPES: 'user.created,user.updated,user.moved',
        DRY_RUN: 'false',
        MAX_PARALLEL_RECORDS: '5',
        PERSON_NOT_READY_RETRY_MINUTES: '60',
        LEDGER_TABLE_NAME: { Ref: ids.ledger },
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ECBN_RULES_FILE: '/var/task/ecbn-rules.json',
        POWERTOOLS_SERVICE_NAME: 'ecbn-provisioner',
        POWERTOOLS_METRICS_NAMESPACE: 'EcbnProvisioner',
        NODE_OPTIONS: '--enable-source-maps',
      });
    });

    it('records a summary of the deployed rules next to the function', () => {
      template.hasResource('AWS::Lambda::Function', {
        Metadata: {
          EcbnRules: [
            'version 1; with direct line → DIRECT_LINE, without → LOCATION_ECBN; 1 location(s), 1 zone(s)',
            'Test HQ (test-location-1): without direct line → LOCATION_ECBN; 1 zone(s): B1/* → +14085550134 (withoutDirectLine)',
          ],
        },
      });
    });
  });

  describe('permissions', () => {
    it('gives the function an explicit role that only Lambda can assume, with no managed policy', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }],
        },
        ManagedPolicyArns: Match.absent(),
      });
      template.hasResourceProperties('AWS::Lambda::Function', { Role: { 'Fn::GetAtt': [ids.role, 'Arn'] } });
    });

    it('grants exactly what the code does, one statement per need', () => {
      // Act
      const statements = roleStatements(template, ids.role);

      // Assess
      const expected = [
        {
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: { 'Fn::GetAtt': [ids.logGroup, 'Arn'] },
        },
        {
          Effect: 'Allow',
          Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          Resource: '*',
        },
        {
          Sid: 'ReadWebexToken',
          Effect: 'Allow',
          Action: 'secretsmanager:GetSecretValue',
          Resource: {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':secretsmanager:',
                { Ref: 'AWS::Region' },
                ':',
                { Ref: 'AWS::AccountId' },
                `:secret:${PLACEHOLDER_SECRET_NAME}-??????`,
              ],
            ],
          },
        },
        {
          Sid: 'PersonLedgerLeaseAndCommit',
          Effect: 'Allow',
          Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
          Resource: { 'Fn::GetAtt': [ids.ledger, 'Arn'] },
        },
        {
          Sid: 'DeadLetterPermanentFailures',
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: { 'Fn::GetAtt': [ids.dlq, 'Arn'] },
        },
        {
          Sid: 'ConsumeAndDeferSourceMessages',
          Effect: 'Allow',
          Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility'],
          Resource: { 'Fn::GetAtt': [ids.source, 'Arn'] },
        },
        {
          Sid: 'ReconcileDependentsOfLostMembers',
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: { 'Fn::GetAtt': [ids.source, 'Arn'] },
        },
        {
          // Member loss: "who points at member X" is one Query on the member index (no other index, no table read).
          Sid: 'PersonLedgerDependentsOfMember',
          Effect: 'Allow',
          Action: 'dynamodb:Query',
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.ledger, 'Arn'] }, '/index/byMember']] },
        },
      ];
      expect(statements).toHaveLength(expected.length);
      expect(statements).toEqual(expect.arrayContaining(expected.map(normalized)));
    });

    it('uses no wildcard action, and the "*" resource only for X-Ray (which has no resource-level permissions)', () => {
      // Act
      const statements = roleStatements(template, ids.role);

      // Assess
      for (const statement of statements) {
        expect(asList(statement.Action).every((action) => !String(action).includes('*'))).toBe(true);
        const actions = asList(statement.Action).map(String);
        if (asList(statement.Resource).includes('*')) {
          expect(actions.every((action) => action.startsWith('xray:'))).toBe(true);
        }
      }
    });

    it('never creates the secret (it is imported by name, so no value can be in the template)', () => {
      expect(template.findResources('AWS::SecretsManager::Secret')).toEqual({});
      expect(JSON.stringify(template.toJSON())).not.toContain('accessToken');
    });
  });

  describe('alarms', () => {
    it.each([
      ['a new message reaches the dead-letter queue', 'AWS/SQS', 'NumberOfMessagesSent', 'dlq', 1],
      [
        'the oldest source message is older than the not-ready window plus 30 min',
        'AWS/SQS',
        'ApproximateAgeOfOldestMessage',
        'source',
        5400,
      ],
      ['the function errors', 'AWS/Lambda', 'Errors', 'fn', 1],
      ['the function is throttled', 'AWS/Lambda', 'Throttles', 'fn', 1],
    ] as const)('alarms the topic when %s', (_case, namespace, metricName, dimensionOf, threshold) => {
      const dimension =
        dimensionOf === 'fn'
          ? { Name: 'FunctionName', Value: { Ref: ids.fn } }
          : { Name: 'QueueName', Value: { 'Fn::GetAtt': [ids[dimensionOf], 'QueueName'] } };
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: [dimension],
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: ids.topic }],
        OKActions: [{ Ref: ids.topic }],
      });
    });

    it.each([
      ['a decision needs attention (no valid emergency callback number)', 'Attention'],
      ['there is no usable token (secret unreadable, 401/403)', 'ConfigurationFailure'],
      ['a failed record could not be dead-lettered', 'DeadLetterSendFailed'],
      ['an invocation failed before settling its records', 'BatchFailure'],
      ['SQS refused a deferral', 'DeferFailed'],
      ['the people of a lost zone member could not be reconciled', 'MemberLossFailed'],
    ])('alarms the topic when %s, from the product metric', (_case, metricName) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'EcbnProvisioner',
        MetricName: metricName,
        Dimensions: [{ Name: 'service', Value: 'ecbn-provisioner' }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: ids.topic }],
      });
    });

    it('sends alarms to a topic that refuses requests without TLS, with no email subscription unless asked', () => {
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: ids.topic }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
      expect(template.findResources('AWS::SNS::Subscription')).toEqual({});
    });

    it('shows every record outcome per minute, and what the filter dropped, on the dashboard', () => {
      // Prepare
      const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard') as Resources)[0];
      const body = JSON.stringify(dashboard?.Properties?.DashboardBody);

      // Assess
      for (const name of [...OUTCOME_METRIC_NAMES, 'Attention', 'ConfigurationFailure', 'FilteredOutEventCount']) {
        expect(body).toContain(`\\"${name}\\"`);
      }
      expect(body).toContain('\\"EcbnProvisioner\\"');
      expect(body).toContain('\\"period\\":60');
    });
  });

  it('exports the names and URLs the README commands read', () => {
    for (const output of [
      'SourceQueueUrl',
      'SourceQueueArn',
      'DeadLetterQueueUrl',
      'DeadLetterQueueArn',
      'FunctionName',
      'AlarmTopicArn',
      'LogGroupName',
      'DashboardName',
    ]) {
      template.hasOutput(output, { Value: Match.anyValue() });
    }
    template.hasOutput('DeadLetterQueueArn', { Value: { 'Fn::GetAtt': [ids.dlq, 'Arn'] } });
    template.hasOutput('LogGroupName', { Value: { Ref: ids.logGroup } });
  });

  it('wires no ingestion unless asked', () => {
    expect(template.findResources('AWS::SNS::Subscription')).toEqual({});
    expect(template.findResources('AWS::Events::Rule')).toEqual({});
  });
});

describe('EcbnStack with settings', () => {
  it('takes batch size, batching window and concurrency from the settings, and widens the visibility timeout', () => {
    // Act
    const { template } = synthesize({ batchSize: '25', maxBatchingWindowSeconds: '20', maxConcurrency: '5' });

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 25,
      MaximumBatchingWindowInSeconds: 20,
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 6 * 60 + 20 });
  });

  it('keeps maxReceiveCount of the redrive policy and of the handler equal', () => {
    // Act
    const { template } = synthesize({ maxReceiveCount: '4' });

    // Assess
    template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: Match.objectLike({ maxReceiveCount: 4 }) });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ MAX_RECEIVE_COUNT: '4' }) },
    });
  });

  it('passes dry run, allowed orgs, accepted types, the Webex URL and the retry window to the handler', () => {
    // Act
    const { template } = synthesize({
      dryRun: 'true',
      allowedOrgIds: 'org-a,org-b',
      acceptedEventTypes: 'employee.hired',
      webexApiBaseUrl: 'https://webexapis.example.com/v1',
      maxParallelRecords: '3',
      personNotReadyRetryMinutes: '120',
      logRetentionDays: '30',
    });

    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          DRY_RUN: 'true',
          ALLOWED_ORG_IDS: 'org-a,org-b',
          ACCEPTED_EVENT_TYPES: 'employee.hired',
          WEBEX_API_BASE_URL: 'https://webexapis.example.com/v1',
          MAX_PARALLEL_RECORDS: '3',
          PERSON_NOT_READY_RETRY_MINUTES: '120',
        }),
      },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: (120 + 30) * 60,
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: {
        Filters: Match.arrayWith([
          { Pattern: JSON.stringify(sourceQueueFilters(['employee.hired', 'ecbn.reconcile', 'user.deleted'])[0]) },
        ]),
      },
    });
  });

  it('invokes the function for every record when filterAtSource is false', () => {
    // Act
    const { template } = synthesize({ filterAtSource: 'false' });

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: Match.absent(),
      MetricsConfig: Match.absent(),
    });
  });

  it('subscribes the alarm email to the topic', () => {
    // Act
    const { template } = synthesize({ alarmEmail: 'ecbn-oncall@example.com' });

    // Assess
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ecbn-oncall@example.com',
    });
  });

  it('subscribes the source queue to an SNS topic, envelope kept, undeliverable messages to the DLQ', () => {
    // Prepare
    const topicArn = 'arn:aws:sns:eu-west-1:111122223333:hr-events';

    // Act
    const { stack, template } = synthesize({ snsTopicArn: topicArn });

    // Assess
    const source = logicalId(stack, stack.sourceQueue);
    const dlq = logicalId(stack, stack.deadLetterQueue);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: topicArn,
      Endpoint: { 'Fn::GetAtt': [source, 'Arn'] },
      RawMessageDelivery: false,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: source }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'sns.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
          }),
        ]),
      },
    });
  });

  it('routes matching EventBridge events to the source queue, undeliverable ones to the DLQ', () => {
    // Act
    const { stack, template } = synthesize({
      eventBusName: 'hr-bus',
      eventPattern: '{"source":["hr.system"],"detail-type":["user.created","user.moved"]}',
    });

    // Assess
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'hr-bus',
      EventPattern: { source: ['hr.system'], 'detail-type': ['user.created', 'user.moved'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [logicalId(stack, stack.sourceQueue), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack, stack.deadLetterQueue), 'Arn'] } },
        }),
      ],
    });
  });

  it('passes cdk-nag with every optional feature on', () => {
    expect(() =>
      synthesize({
        alarmEmail: 'ecbn-oncall@example.com',
        snsTopicArn: 'arn:aws:sns:eu-west-1:111122223333:hr-events',
        eventPattern: { source: ['hr.system'] },
        allowedOrgIds: 'org-a',
        dryRun: true,
      }),
    ).not.toThrow();
  });
});

describe('createApp', () => {
  it('fails synth with the rule error when the rules file is broken', () => {
    // Prepare: DIRECT_LINE is impossible for people without a direct line.
    const rulesFile = writeRulesFile('version: 1\ndefaults:\n  withoutDirectLine: DIRECT_LINE\nlocations: []\n');

    // Act / Assess
    expect(() => synthesize({ rulesFile })).toThrow(InvalidRulesError);
    expect(() => synthesize({ rulesFile })).toThrow(/defaults\.withoutDirectLine: DIRECT_LINE is impossible/);
  });

  it('fails synth naming the rules file when it does not exist', () => {
    expect(() => synthesize({ rulesFile: '/nonexistent/ecbn-rules.yaml' })).toThrow(
      /\/nonexistent\/ecbn-rules\.yaml is invalid: \(file\): file not found/,
    );
  });

  it('fails naming secretName when it is missing', () => {
    // Prepare: the context cdk.json gives, without its conventional secret name.
    const { secretName: _conventional, ...withoutSecret } = cdkJsonContext();
    const context = { ...withoutSecret, rulesFile: writeRulesFile(), 'aws:cdk:bundling-stacks': [] };

    // Act / Assess
    expect(() => createApp({ context })).toThrow(InvalidSettingsError);
    expect(() => createApp({ context })).toThrow(/secretName: is required/);
  });
});
