import { describe, expect, it } from 'vitest';
import { confirmMemberApplied } from '../../../lambda/flow/member-read-back.js';
import { processRecord } from '../../../lambda/flow/process-record.js';
import { fakeWebexClient } from '../../helpers/fake-webex-client.js';
import { onboardingEventFactory, toBody } from '../../helpers/event-factories.js';
import { FLOW_NOW, flowHarness, webexPersonFactory } from '../../helpers/flow-harness.js';
import {
  availableNumberFactory,
  locationDocumentFactory,
  otherEncodingOf,
  personEcbnFactory,
  rulesFactory,
  testIds,
  zoneDocumentFactory,
} from '../../helpers/rules-factories.js';
import { sqsRecord } from '../../helpers/sqs-factories.js';

const deadline = FLOW_NOW + 50_000;
const zoneRules = () => rulesFactory({ locations: [locationDocumentFactory({ zones: [zoneDocumentFactory()] })] });
const zonedPerson = (readBackMemberQuality?: 'INVALID') => ({
  person: webexPersonFactory(),
  ecbn: personEcbnFactory({ selected: 'LOCATION_ECBN', directLineInfo: {} }),
  availableNumbers: [availableNumberFactory()],
  ...(readBackMemberQuality === undefined ? {} : { readBackMemberQuality }),
});

describe('the read-back after a zone member is put', () => {
  const record = () => sqsRecord(toBody(onboardingEventFactory()));

  it('does not read back a member this record listed itself (the list is as fresh as a read-back)', async () => {
    const { deps, webex } = flowHarness(zonedPerson(), { rules: zoneRules() });
    const report = await processRecord(record(), deps, { deadline });
    expect(report.outcome).toBe('updated');
    expect(webex.calls.map((call) => call.operation).at(-1)).toBe('updatePersonEcbn');
  });

  it('reads back a member put from cached candidates, and keeps the update when Webex rates it usable', async () => {
    const { deps, webex } = flowHarness(zonedPerson(), { rules: zoneRules() });
    await processRecord(record(), deps, { deadline });
    webex.updates.length = 0; // the ECBN was cleared by hand: the next record puts the member again
    const report = await processRecord(record(), deps, { deadline });
    expect(report.outcome).toBe('updated');
    expect(webex.calls.map((call) => call.operation).slice(-2)).toEqual(['updatePersonEcbn', 'getPersonEcbn']);
  });

  it('puts the location ECBN when Webex accepted a cached member but reads it back INVALID (number gone inactive)', async () => {
    const { deps, webex } = flowHarness(zonedPerson('INVALID'), { rules: zoneRules() });
    await processRecord(record(), deps, { deadline });
    webex.updates.length = 0; // the ECBN was cleared by hand: the next record puts the (now inactive) member again
    const report = await processRecord(record(), deps, { deadline });
    expect(report).toMatchObject({ outcome: 'fallback-updated', wanted: { selected: 'LOCATION_ECBN' } });
    expect(report.reason).toMatch(/zone member refused: read back not applied/);
    expect(webex.updates.map((update) => update.setting.selected)).toEqual(['LOCATION_MEMBER_NUMBER', 'LOCATION_ECBN']);
  });

  it('accepts the member read back in another encoding of the same id', async () => {
    const webex = fakeWebexClient({
      ecbn: personEcbnFactory({
        selected: 'LOCATION_MEMBER_NUMBER',
        locationMemberInfo: { memberId: otherEncodingOf(testIds.place(1)), quality: 'RECOMMENDED' },
      }),
    });
    await expect(
      confirmMemberApplied(webex, testIds.person(1), testIds.place(1), {}, () => undefined),
    ).resolves.toBeUndefined();
  });

  it('lets the accepted PUT stand when the read-back itself fails, and says so', async () => {
    const failure = new Error('read-back timed out');
    const webex = fakeWebexClient({ failOnce: { getPersonEcbn: [failure] } });
    const unverified: unknown[] = [];
    await confirmMemberApplied(webex, testIds.person(1), testIds.place(1), {}, (why) => unverified.push(why));
    expect(unverified).toEqual([failure]);
  });

  it('refuses a read-back that names another member', async () => {
    const webex = fakeWebexClient({
      ecbn: personEcbnFactory({
        selected: 'LOCATION_MEMBER_NUMBER',
        locationMemberInfo: { memberId: testIds.place(2), quality: 'RECOMMENDED' },
      }),
    });
    await expect(confirmMemberApplied(webex, testIds.person(1), testIds.place(1), {}, () => undefined)).rejects.toThrow(
      /another ECBN/,
    );
  });
});
