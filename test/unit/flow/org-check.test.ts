import { describe, expect, it } from 'vitest';
import { processRecord } from '../../../lambda/flow/process-record.js';
import { checkEventOrg, checkPersonOrg } from '../../../lambda/flow/org-check.js';
import { DisallowedOrgError } from '../../../lambda/errors.js';
import { onboardingEventFactory, toBody } from '../../helpers/event-factories.js';
import { FLOW_NOW, flowHarness, webexPersonFactory } from '../../helpers/flow-harness.js';
import { otherEncodingOf, personEcbnFactory, testIds } from '../../helpers/rules-factories.js';
import { sqsRecord } from '../../helpers/sqs-factories.js';

const deadline = FLOW_NOW + 50_000;
const allowOrg1 = { settings: { allowedOrgIds: [testIds.org(1)] } };
const eventRecord = (overrides: Parameters<typeof onboardingEventFactory>[0] = {}) =>
  sqsRecord(toBody(onboardingEventFactory({ workplace: undefined, ...overrides })));

describe('the ALLOWED_ORG_IDS check on the person', () => {
  it('dead-letters an event without orgId whose person belongs to another organisation', async () => {
    const { deps, webex, queue } = flowHarness(
      { person: webexPersonFactory({ orgId: testIds.org(2) }), ecbn: personEcbnFactory({ selected: 'NONE' }) },
      allowOrg1,
    );
    const report = await processRecord(eventRecord({ orgId: undefined }), deps, { deadline });
    expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent', reportAsFailed: false });
    expect(report.error).toContain('ALLOWED_ORG_IDS');
    expect(webex.updates).toEqual([]);
    expect(queue.deadLetter).toHaveBeenCalledOnce();
  });

  it('dead-letters an event naming an allowed orgId when the person belongs to another organisation', async () => {
    const { deps, webex } = flowHarness(
      { person: webexPersonFactory({ orgId: testIds.org(2) }), ecbn: personEcbnFactory({ selected: 'NONE' }) },
      { settings: { allowedOrgIds: [testIds.org(1), testIds.org(2)] } },
    );
    const report = await processRecord(eventRecord({ orgId: testIds.org(1) }), deps, { deadline });
    expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent' });
    expect(report.error).toContain('ALLOWED_ORG_IDS');
    expect(webex.updates).toEqual([]);
  });

  it('dead-letters a person the People API gives without orgId when the allowlist is set', async () => {
    const { deps, webex } = flowHarness(
      { person: webexPersonFactory({ orgId: undefined }), ecbn: personEcbnFactory({ selected: 'NONE' }) },
      allowOrg1,
    );
    const report = await processRecord(eventRecord({ orgId: undefined }), deps, { deadline });
    expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent' });
    expect(report.error).toContain('ALLOWED_ORG_IDS');
    expect(webex.updates).toEqual([]);
  });

  it('updates a person of an allowed organisation when the event has no orgId', async () => {
    const { deps, webex } = flowHarness(
      { person: webexPersonFactory(), ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }) },
      allowOrg1,
    );
    const report = await processRecord(eventRecord({ orgId: undefined }), deps, { deadline });
    expect(report.outcome).toBe('updated');
    expect(webex.updates).toHaveLength(1);
  });

  it('leaves the person of any organisation alone when no allowlist is set (the token decides)', async () => {
    const { deps } = flowHarness({
      person: webexPersonFactory({ orgId: testIds.org(2) }),
      ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }),
    });
    const report = await processRecord(eventRecord({ orgId: undefined }), deps, { deadline });
    expect(report.outcome).toBe('updated');
  });
});

describe('checkEventOrg', () => {
  it.each([
    { name: 'no allowlist', eventOrgId: testIds.org(9), allowed: [], throws: false },
    {
      name: 'no orgId on the event (the person is checked later)',
      eventOrgId: undefined,
      allowed: [testIds.org(1)],
      throws: false,
    },
    { name: 'an allowed org', eventOrgId: testIds.org(1), allowed: [testIds.org(1)], throws: false },
    {
      name: 'an allowed org in another encoding',
      eventOrgId: otherEncodingOf(testIds.org(1)),
      allowed: [testIds.org(1)],
      throws: false,
    },
    { name: 'an org not listed', eventOrgId: testIds.org(2), allowed: [testIds.org(1)], throws: true },
  ])('$name → refused: $throws', ({ eventOrgId, allowed, throws }) => {
    const act = () => checkEventOrg(eventOrgId, allowed);
    if (throws) expect(act).toThrow(DisallowedOrgError);
    else expect(act).not.toThrow();
  });
});

describe('checkPersonOrg', () => {
  it.each([
    { name: 'no allowlist', personOrgId: testIds.org(2), eventOrgId: undefined, allowed: [], throws: false },
    {
      name: 'person in an allowed org',
      personOrgId: testIds.org(1),
      eventOrgId: undefined,
      allowed: [testIds.org(1)],
      throws: false,
    },
    {
      name: 'person and event org the same in two encodings',
      personOrgId: otherEncodingOf(testIds.org(1)),
      eventOrgId: testIds.org(1),
      allowed: [testIds.org(1)],
      throws: false,
    },
    {
      name: 'person in another org',
      personOrgId: testIds.org(2),
      eventOrgId: undefined,
      allowed: [testIds.org(1)],
      throws: true,
    },
    {
      name: 'person org allowed but not the event org',
      personOrgId: testIds.org(2),
      eventOrgId: testIds.org(1),
      allowed: [testIds.org(1), testIds.org(2)],
      throws: true,
    },
    {
      name: 'person without orgId',
      personOrgId: undefined,
      eventOrgId: undefined,
      allowed: [testIds.org(1)],
      throws: true,
    },
  ])('$name → refused: $throws', ({ personOrgId, eventOrgId, allowed, throws }) => {
    const act = () => checkPersonOrg({ personOrgId, eventOrgId }, allowed);
    if (throws) expect(act).toThrow(/ALLOWED_ORG_IDS/);
    else expect(act).not.toThrow();
  });
});
