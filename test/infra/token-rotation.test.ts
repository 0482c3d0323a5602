import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidSettingsError, parseSettings } from '../../infra/settings.js';
import { TOKEN_ROTATION_SERVICE_NAME } from '../../lambda/observability/service-identity.js';
import type { EcbnStack } from '../../infra/ecbn-stack.js';
import {
  ACCESS_TOKEN_SECONDS_TO_EXPIRY_METRIC,
  REFRESH_TOKEN_SECONDS_TO_EXPIRY_METRIC,
  TOKEN_ROTATION_FAILED_METRIC,
} from '../../lambda/token-rotation/rotation-metrics.js';
import { PLACEHOLDER_SECRET_NAME, synthesize } from './helpers/synth.js';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function rotationIds(stack: EcbnStack, template: Template) {
  const functions = template.findResources('AWS::Lambda::Function', {
    Properties: { Environment: { Variables: { POWERTOOLS_SERVICE_NAME: TOKEN_ROTATION_SERVICE_NAME } } },
  }) as Resources;
  const [fn = ''] = Object.keys(functions);
  const roleRef = (functions[fn]?.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return { fn, role: roleRef, stack };
}

describe('the Webex token rotation in the stack', () => {
  let template: Template;
  let ids: ReturnType<typeof rotationIds>;

  beforeAll(() => {
    const synthesized = synthesize({ tokenRotationHours: '6' });
    template = synthesized.template;
    ids = rotationIds(synthesized.stack, template);
  });

  it('rotates the existing secret on its schedule, once at deploy too, and never creates a secret', () => {
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationLambdaARN: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
      RotationRules: { ScheduleExpression: 'rate(6 hours)' },
      RotateImmediatelyOnUpdate: true,
    });
    const [schedule] = Object.values(template.findResources('AWS::SecretsManager::RotationSchedule') as Resources);
    expect(JSON.stringify(schedule?.Properties?.SecretId)).toMatch(new RegExp(`secret:${PLACEHOLDER_SECRET_NAME}"`));
    expect(template.findResources('AWS::SecretsManager::Secret')).toEqual({});
  });

  it('lets only Secrets Manager of this account invoke the function', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
      Principal: 'secretsmanager.amazonaws.com',
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
  });

  it('grants the four rotation actions on this secret only, and nothing on "*" but X-Ray', () => {
    const policies = template.findResources('AWS::IAM::Policy') as Resources;
    const statements = Object.values(policies)
      .filter((policy) => JSON.stringify(policy.Properties?.Roles) === JSON.stringify([{ Ref: ids.role }]))
      .flatMap((policy) => (policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
    const secretStatement = statements.find((statement) => statement.Sid === 'RotateWebexTokenSecret');
    expect([secretStatement?.Action].flat().sort()).toEqual([
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecretVersionStage',
    ]);
    expect(JSON.stringify(secretStatement?.Resource)).toContain(`secret:${PLACEHOLDER_SECRET_NAME}-??????`);
    const onEverything = statements.filter((statement) => statement.Resource === '*');
    expect(onEverything.flatMap((statement) => [statement.Action].flat()).sort()).toEqual([
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
  });

  it.each([
    [TOKEN_ROTATION_FAILED_METRIC, 'Sum', 1, 'GreaterThanOrEqualToThreshold', 'notBreaching', 3600],
    [ACCESS_TOKEN_SECONDS_TO_EXPIRY_METRIC, 'Minimum', 3600 + 6 * 3600, 'LessThanThreshold', 'breaching', 6 * 3600],
    [
      REFRESH_TOKEN_SECONDS_TO_EXPIRY_METRIC,
      'Minimum',
      14 * 86_400 + 6 * 3600,
      'LessThanThreshold',
      'notBreaching',
      6 * 3600,
    ],
  ])('alarms on %s (%s %d, %s)', (metricName, statistic, threshold, comparison, missing, period) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'EcbnProvisioner',
      MetricName: metricName,
      Dimensions: [{ Name: 'service', Value: TOKEN_ROTATION_SERVICE_NAME }],
      Statistic: statistic,
      Threshold: threshold,
      ComparisonOperator: comparison,
      TreatMissingData: missing,
      Period: period,
      AlarmActions: [Match.anyValue()],
    });
  });

  it('passes the Webex base URL and the Powertools names to the function', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          WEBEX_API_BASE_URL: 'https://webexapis.com/v1',
          POWERTOOLS_METRICS_NAMESPACE: 'EcbnProvisioner',
        }),
      },
    });
  });
});

describe('token rotation settings', () => {
  it('can be switched off: no rotation function, no schedule', () => {
    const { template } = synthesize({ tokenRotation: 'false' });
    expect(template.findResources('AWS::SecretsManager::RotationSchedule')).toEqual({});
  });

  it.each([
    [
      'fewer than 4 hours (the Secrets Manager minimum)',
      { tokenRotationHours: '3' },
      /tokenRotationHours: must be at least 4/,
    ],
    [
      'more than half the access-token lifetime',
      { tokenRotationHours: '8', webexAccessTokenLifetimeHours: '12' },
      /at most half/,
    ],
    [
      '1-hour tokens, which a 4-hour rotation cannot keep alive',
      { webexAccessTokenLifetimeHours: '1' },
      /at most half/,
    ],
  ])('refuses %s', (_name, settings, message) => {
    const attempt = () => parseSettings({ secretName: 'ecbn/webex-token', ...settings });
    expect(attempt).toThrow(InvalidSettingsError);
    expect(attempt).toThrow(message);
  });

  it('defaults to every 8 hours, assuming 14-day access tokens', () => {
    const settings = parseSettings({ secretName: 'ecbn/webex-token' });
    expect(settings).toMatchObject({ tokenRotation: true, tokenRotationHours: 8, webexAccessTokenLifetimeHours: 336 });
  });
});
