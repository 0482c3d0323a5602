/**
 * A zone member that disappears (issue 11 §4), end to end on 127.0.0.1 (fauxqs, dynalite, the Webex simulator, the
 * real handler): the people the function pointed at the member are reconciled to the documented fallback at once,
 * by the `ecbn.reconcile` events the function publishes itself, without further HR events.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { MEMBER_LOST_EVENT_ID_PREFIX } from '../../lambda/audit/reconcile-event.js';
import type { RecordReport } from '../../lambda/flow/record-report.js';
import { sameWebexId } from '../../lambda/webex/ids.js';
import { toBody } from '../helpers/event-factories.js';
import { DEMO, addNewHires, demoEvent, ecbnOf, memberSetting } from '../helpers/pipeline-demo.js';
import { DRAIN_TIMEOUT_MS, startPipelineUnderTest, type PipelineUnderTest } from '../helpers/pipeline-harness.js';
import { demoOrg, numberOf } from '../helpers/simulator-org.js';
import { useTempDirs } from '../helpers/temp-dirs.js';

const tempDir = useTempDirs('member-loss-');
const alice = DEMO.people.alice;
const LOCATION_ECBN = { selected: 'LOCATION_ECBN' } as const;

/** The demo rules plus a zone B9 floor 1 at San Jose HQ whose callback member is a person: Alice (direct line). */
async function rulesWithPersonMember(): Promise<string> {
  const rules = parse(readFileSync(new URL('../../config/ecbn-rules.yaml', import.meta.url), 'utf8')) as {
    locations: { locationId: string; zones: unknown[] }[];
  };
  const hq = rules.locations.find((location) => sameWebexId(location.locationId, DEMO.locations.hq));
  hq?.zones.push({ match: { building: 'B9', floor: '1' }, callbackMember: { id: alice } });
  const file = path.join(await tempDir(), 'rules.yaml');
  await writeFile(file, stringify(rules));
  return file;
}

/** Onboards extension-only new hires at HQ on `building`/`floor`; returns their ids once their ECBN is set. */
async function hiresAt(run: PipelineUnderTest, tag: string, count: number, building: string): Promise<string[]> {
  const hires = addNewHires(run.pipeline.webex, count * 2, tag).filter((_, index) => index % 2 === 0);
  await run.pipeline.publish(hires.map((hire) => toBody({ ...hire.event, workplace: { building, floor: '1' } })));
  await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });
  return hires.map((hire) => hire.personId);
}

const memberLossReconciles = (run: PipelineUnderTest): RecordReport[] =>
  run.reports.filter((report) => report.eventId?.startsWith(MEMBER_LOST_EVENT_ID_PREFIX) === true);

const lossReport = (run: PipelineUnderTest): RecordReport['memberLoss'] =>
  run.reports.find((report) => report.memberLoss !== undefined && report.memberLoss.duplicate !== true)?.memberLoss;

describe('Scenario: a zone member disappears', () => {
  it('reconciles the people on a phone whose number was deactivated, once an event sees it INACTIVE', async () => {
    // Prepare: three new hires on B1 floor 1 are pointed at the floor's phone; then its number is deactivated.
    const run = await startPipelineUnderTest();
    const dependents = await hiresAt(run, '81', 3, 'B1');
    for (const id of dependents)
      expect(ecbnOf(run.pipeline.webex, id, DEMO.phones.b1f1)).toEqual(memberSetting(DEMO.phones.b1f1));
    run.pipeline.webex.state.setNumberState(numberOf(demoOrg(), DEMO.phones.b1f1), 'INACTIVE');

    // Act: one more hire on that floor: its record sees the member INACTIVE (fresh read, or refused on read-back).
    const [trigger] = await hiresAt(run, '82', 1, 'B1');

    // Assess: the three earlier hires are on the documented fallback, by the function's own reconciles.
    for (const id of [...dependents, trigger ?? '']) expect(ecbnOf(run.pipeline.webex, id)).toEqual(LOCATION_ECBN);
    expect(lossReport(run)).toMatchObject({ dependents: 3, published: 3 });
    expect(sameWebexId(lossReport(run)?.memberId, DEMO.phones.b1f1)).toBe(true);
    const reconciles = memberLossReconciles(run);
    expect(reconciles.map((report) => report.outcome)).toEqual(['updated', 'updated', 'updated']);
    expect(reconciles.every((report) => report.memberLoss === undefined)).toBe(true);
    expect(await run.pipeline.readDeadLetters()).toEqual([]);
  });

  it('reconciles the people pointed at a person deleted by HR (user.deleted), with no write for that person', async () => {
    // Prepare: two hires on B9 floor 1 point at Alice; Webex Calling then loses Alice (no calling location).
    const run = await startPipelineUnderTest({ rulesFile: await rulesWithPersonMember() });
    const dependents = await hiresAt(run, '83', 2, 'B9');
    for (const id of dependents) expect(ecbnOf(run.pipeline.webex, id, alice)).toEqual(memberSetting(alice));
    run.pipeline.webex.state.updatePerson(alice, { locationId: null, directNumber: null, extension: null });

    // Act
    const [deleted] = await run.pipeline.publish([
      toBody(demoEvent({ eventType: 'user.deleted', person: { id: alice } })),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess
    expect(run.finalReport(deleted ?? '')).toMatchObject({
      outcome: 'skipped',
      memberLoss: { cause: 'user.deleted', dependents: 2, published: 2 },
    });
    for (const id of dependents) expect(ecbnOf(run.pipeline.webex, id)).toEqual(LOCATION_ECBN);
    const alicePuts = run.pipeline.webex.requestLog.filter(
      (entry) => entry.method === 'PUT' && entry.path.includes(encodeURIComponent(alice)),
    );
    expect(alicePuts).toEqual([]);
  });

  it('reports a mismatch when Webex counts more people on the member than the ledger knows (user.moved)', async () => {
    // Prepare: two hires point at Alice through the function; Carol was pointed at her by someone else.
    const run = await startPipelineUnderTest({ rulesFile: await rulesWithPersonMember() });
    const dependents = await hiresAt(run, '84', 2, 'B9');
    run.pipeline.webex.state.setPersonEcbn(DEMO.people.carol, {
      selected: 'LOCATION_MEMBER_NUMBER',
      locationMemberId: alice,
    });
    run.pipeline.webex.state.updatePerson(alice, { locationId: DEMO.locations.austin });

    // Act: HR says Alice moved.
    const [moved] = await run.pipeline.publish([
      toBody(demoEvent({ eventType: 'user.moved', person: { id: alice }, workplace: {} })),
    ]);
    await run.pipeline.drain({ timeoutMs: DRAIN_TIMEOUT_MS });

    // Assess: the ledger's two are reconciled; Webex counted three: the third is someone else's.
    expect(run.finalReport(moved ?? '')?.memberLoss).toMatchObject({
      cause: 'user.moved',
      dependents: 2,
      webexCount: 3,
      mismatch: true,
    });
    for (const id of dependents) expect(ecbnOf(run.pipeline.webex, id)).toEqual(LOCATION_ECBN);
  });
});
