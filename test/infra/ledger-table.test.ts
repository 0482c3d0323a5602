import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FilterPattern } from '../../infra/event-filter.js';
import { lambdaWouldInvoke } from './helpers/lambda-filter-model.js';
import { synthesize, type Synthesized } from './helpers/synth.js';

let synthesized: Synthesized;
beforeAll(() => {
  synthesized = synthesize();
});

describe('the person ledger table', () => {
  it('is on demand, recoverable to a point in time, protected from deletion and kept with the stack', () => {
    const { template } = synthesized;
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: Match.objectLike({ SSEEnabled: true }),
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('has the member index (who depends on member X) and the email index', () => {
    const { template } = synthesized;
    template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({ IndexName: 'byMember', KeySchema: [{ AttributeName: 'memberKey', KeyType: 'HASH' }] }),
        Match.objectLike({ IndexName: 'byEmail', KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }] }),
      ]),
    });
  });

  it('gives the function only UpdateItem and PutItem on the table, and its name in LEDGER_TABLE_NAME', () => {
    const { template, stack } = synthesized;
    const tableLogicalId = stack.getLogicalId(stack.ledger.table.node.defaultChild as never);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'PersonLedgerLeaseAndCommit',
            Effect: 'Allow',
            Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'],
            Resource: { 'Fn::GetAtt': [tableLogicalId, 'Arn'] },
          },
        ]),
      },
    });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toMatch(/dynamodb:(Scan|DeleteItem|\*)/);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ LEDGER_TABLE_NAME: { Ref: tableLogicalId } }) },
    });
  });

  it('outputs the table name (for npm run person -- --table NAME)', () => {
    synthesized.template.hasOutput('LedgerTableName', {});
  });

  it('alarms on the first ledger error, to the alarm topic', () => {
    synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'LedgerErrors',
      Namespace: 'EcbnProvisioner',
      Threshold: 1,
      AlarmActions: [Match.anyValue()],
    });
  });

  it('shows ledger throttles, errors and stale events on the dashboard', () => {
    const dashboards = JSON.stringify(synthesized.template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toContain('Person ledger: throttles per minute');
    expect(dashboards).toContain('Person ledger: errors per minute');
    expect(dashboards).toContain('RecordsStale');
    expect(dashboards).toContain('ThrottledRequests');
  });

  it('lets ecbn.reconcile through the event-source filter', () => {
    const { template } = synthesize({ filterAtSource: 'true' });
    // The filter lists type prefixes, not whole names: evaluate it as Lambda would (the audit's own mapping has none).
    const mapping = Object.values(
      template.findResources('AWS::Lambda::EventSourceMapping', {
        Properties: { FilterCriteria: Match.anyValue() },
      }),
    )[0] as { Properties: { FilterCriteria: { Filters: { Pattern: string }[] } } } | undefined;
    const filters = (mapping?.Properties.FilterCriteria.Filters ?? []).map(
      (filter) => JSON.parse(filter.Pattern) as FilterPattern,
    );

    expect(filters.length).toBeGreaterThan(0);
    expect(lambdaWouldInvoke(filters, JSON.stringify({ eventType: 'ecbn.reconcile', eventId: 'r-1' }))).toBe(true);
  });
});
