import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/create-app.js';
import { PERSON_ID_PLACEHOLDER } from '../../infra/saved-queries.js';
import { InvalidSettingsError } from '../../infra/settings.js';
import { synthesize } from './helpers/synth.js';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function queryDefinitions(template: Template): { name: string; query: string; logGroups: unknown }[] {
  return Object.values(template.findResources('AWS::Logs::QueryDefinition') as Resources).map((resource) => ({
    name: String(resource.Properties?.Name),
    query: String(resource.Properties?.QueryString),
    logGroups: resource.Properties?.LogGroupNames,
  }));
}

function dashboardBody(template: Template): string {
  const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard') as Resources)[0];
  return JSON.stringify(dashboard?.Properties?.DashboardBody);
}

describe('day-2 operations in the stack', () => {
  let template: Template;
  let logGroupId: string;
  beforeAll(() => {
    const synthesized = synthesize();
    template = synthesized.template;
    logGroupId = synthesized.stack.getLogicalId(synthesized.stack.provisioner.logGroup.node.defaultChild as CfnElement);
  });

  it.each([
    ['one person’s history by person id', 'person history', `personId = "${PERSON_ID_PLACEHOLDER}"`],
    ['the dead letters with their reasons', 'dead letters', 'outcome = "dead-lettered"'],
    ['the attention decisions', 'attention decisions', 'ispresent(attention)'],
    ['the stale events', 'stale events', 'outcome = "stale"'],
    ['the skipped events by type', 'skipped events', 'count(*) as events by eventType'],
  ])('saves a Logs Insights query for %s, on the function’s log group', (_case, name, filter) => {
    // Act
    const saved = queryDefinitions(template).find((definition) => definition.name.includes(name));

    // Assess
    expect(saved?.name).toMatch(/^EcbnProvisioner\//);
    expect(saved?.query).toContain(filter);
    expect(saved?.logGroups).toEqual([{ Ref: logGroupId }]);
  });

  it('shows the dead letters, attention decisions, stale and skipped events as log widgets on the dashboard', () => {
    // Act
    const body = dashboardBody(template);

    // Assess
    expect(body.match(/\\"type\\":\\"log\\"/g)).toHaveLength(4);
    for (const filter of [
      'outcome = \\\\\\"dead-lettered\\\\\\"',
      'ispresent(attention)',
      'outcome = \\\\\\"stale\\\\\\"',
    ]) {
      expect(body).toContain(filter);
    }
  });

  it('keeps a dead-letter queue depth widget next to the dead letters received', () => {
    const body = dashboardBody(template);
    expect(body).toContain('Dead-letter queue depth');
    expect(body).toContain('\\"ApproximateNumberOfMessagesVisible\\"');
    expect(body).toContain('\\"NumberOfMessagesSent\\"');
  });

  it('passes the log level to Powertools', () => {
    // Act
    const { template: debug } = synthesize({ logLevel: 'debug' });

    // Assess
    debug.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { POWERTOOLS_LOG_LEVEL: 'DEBUG' } },
    });
  });

  it('refuses a log level Powertools does not know, naming the setting', () => {
    expect(() => synthesize({ logLevel: 'LOUD' })).toThrow(InvalidSettingsError);
    expect(() => synthesize({ logLevel: 'LOUD' })).toThrow(/logLevel: must be one of TRACE, DEBUG, INFO/);
  });
});

describe('stages', () => {
  it('deploys -c stage=NAME as its own stack, EcbnProvisioner-NAME, with its own saved-query folder', () => {
    // Act
    const { stack, template } = synthesize({ stage: 'dev' });

    // Assess
    expect(stack.stackName).toBe('EcbnProvisioner-dev');
    expect(queryDefinitions(template).every((query) => query.name.startsWith('EcbnProvisioner-dev/'))).toBe(true);
  });

  it('keeps today’s stack name without a stage', () => {
    expect(synthesize().stack.stackName).toBe('EcbnProvisioner');
  });

  it('names no resource physically, so two stages never collide in one account and region', () => {
    // Act
    const { template } = synthesize({ stage: 'dev' });
    const resources = Object.values(template.toJSON().Resources as Resources);

    // Assess
    // (a property that is a reference to a generated name, like the event source's FunctionName, is fine)
    const named = resources.filter((resource) =>
      ['QueueName', 'FunctionName', 'TopicName', 'DashboardName', 'LogGroupName', 'RoleName', 'AlarmName'].some(
        (key) => typeof resource.Properties?.[key] === 'string',
      ),
    );
    expect(named).toEqual([]);
  });

  it('refuses a stage that cannot be part of a stack name', () => {
    expect(() => synthesize({ stage: 'dev_1' })).toThrow(/stage: must be 1-32 of A-Z a-z 0-9 and -/);
  });
});

describe('operator scripts', () => {
  it('has npm scripts to diff and deploy with the CDK CLI, and pins Node 20 for nvm', () => {
    // Act
    const scripts = (
      JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const nvmrc = readFileSync(path.join(PROJECT_ROOT, '.nvmrc'), 'utf8');

    // Assess
    expect(scripts.deploy).toBe('cdk deploy');
    expect(scripts.diff).toBe('cdk diff');
    expect(nvmrc.trim()).toBe('20');
  });
});
