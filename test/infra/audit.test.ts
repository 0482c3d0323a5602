import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { InvalidSettingsError, parseSettings } from '../../infra/settings.js';
import { synthesize } from './helpers/synth.js';

function resourcesOf(template: Template, type: string): [string, { Properties?: Record<string, unknown> }][] {
  return Object.entries(template.findResources(type)) as [string, { Properties?: Record<string, unknown> }][];
}

describe('the deployed audit (infra/audit.ts)', () => {
  const { template } = synthesize();

  it('keeps reports in an encrypted, TLS-only, private bucket that expires them', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, Status: 'Enabled' })] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('starts daily at 02:00 UTC by default, putting a start message on the audit queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)',
      ScheduleExpressionTimezone: 'UTC',
      Target: Match.objectLike({ Input: '{"kind":"start"}' }),
    });
  });

  it('takes the schedule and its time zone from the settings, and none turns it off', () => {
    const custom = synthesize({ auditSchedule: 'cron(30 1 ? * MON-FRI *)', auditTimezone: 'Europe/Paris' }).template;
    const off = synthesize({ auditSchedule: 'none' }).template;

    custom.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 1 ? * MON-FRI *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
    });
    off.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });

  it('bounds the audit to one page per invocation and the configured concurrency, each worker paced', () => {
    const { template: t } = synthesize({ auditMaxConcurrency: '3', auditWebexCallsPerSecond: '7' });

    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: 3 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ AUDIT_WEBEX_CALLS_PER_SECOND: '7', AUDIT_FIX: 'false' }) },
    });
  });

  it('retries a failed page on its own and dead-letters it after 20 receives', () => {
    const auditQueues = resourcesOf(template, 'AWS::SQS::Queue').filter(([id]) => id.startsWith('AuditQueue'));

    expect(auditQueues).toHaveLength(1);
    expect(auditQueues[0]?.[1].Properties?.RedrivePolicy).toMatchObject({ maxReceiveCount: 20 });
  });

  it('may publish reconcile events on the source queue only with auditFix', () => {
    const statementsOf = (t: Template) =>
      JSON.stringify(resourcesOf(t, 'AWS::IAM::Policy').map(([, policy]) => policy.Properties?.PolicyDocument));
    const fixing = synthesize({ auditFix: 'true' }).template;

    expect(statementsOf(template)).not.toContain('PublishReconcileEvents');
    expect(statementsOf(fixing)).toContain('PublishReconcileEvents');
    fixing.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ AUDIT_FIX: 'true' }) },
    });
  });

  it('reads placements from the person ledger, read-only', () => {
    const worker = resourcesOf(template, 'AWS::Lambda::Function').find(([, fn]) =>
      JSON.stringify(fn.Properties?.Environment ?? {}).includes('AUDIT_BUCKET'),
    );
    const policies = JSON.stringify(
      resourcesOf(template, 'AWS::IAM::Policy').filter(([id]) => id.startsWith('AuditWorker')),
    );

    expect(JSON.stringify(worker?.[1].Properties?.Environment)).toContain('LEDGER_TABLE_NAME');
    expect(policies).toContain('dynamodb:BatchGetItem');
    expect(policies).not.toContain('dynamodb:PutItem');
  });

  it('alarms when drift or attention remains on two audits in a row', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 1,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'drift + attention' }),
        Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'DriftPeople' }) }) }),
      ]),
    });
  });

  it('names the queue and bucket in the outputs (the on-demand command needs the queue URL)', () => {
    const outputs = Object.keys(template.findOutputs('*'));

    expect(outputs.some((name) => name.includes('AuditQueueUrl'))).toBe(true);
    expect(outputs.some((name) => name.includes('AuditBucketName'))).toBe(true);
  });

  it('refuses a schedule that is not an EventBridge Scheduler expression', () => {
    expect(() => parseSettings({ secretName: 's', auditSchedule: 'daily' })).toThrow(InvalidSettingsError);
  });
});
