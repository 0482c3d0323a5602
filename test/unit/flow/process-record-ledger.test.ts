/**
 * The per-record flow with the person ledger (in memory here; on dynalite in test/integration/ledger-ordering.test.ts):
 * the newest event wins, the workplace is remembered, one writer per person, reconcile events.
 */
import { describe, expect, it } from 'vitest';
import { processRecord } from '../../../lambda/flow/process-record.js';
import type { LedgerState } from '../../../lambda/ledger/types.js';
import { onboardingEventFactory, toBody } from '../../helpers/event-factories.js';
import { FLOW_NOW, flowHarness, webexPersonFactory } from '../../helpers/flow-harness.js';
import {
  availableNumberFactory,
  locationDocumentFactory,
  personEcbnFactory,
  rulesFactory,
  testIds,
  zoneDocumentFactory,
} from '../../helpers/rules-factories.js';
import { sqsRecord } from '../../helpers/sqs-factories.js';

const deadline = FLOW_NOW + 50_000;
const zoneRules = () => rulesFactory({ locations: [locationDocumentFactory({ zones: [zoneDocumentFactory()] })] });
const record = (overrides: Parameters<typeof onboardingEventFactory>[0] = {}) =>
  sqsRecord(toBody(onboardingEventFactory(overrides)));
const onZoneFloor = (): LedgerState => ({
  personId: testIds.person(1),
  newest: { at: Date.parse('2026-11-29T09:00:00Z'), eventId: 'hr-created', eventType: 'user.created' },
  placement: { locationId: testIds.location(1), building: 'B2', floor: '3' },
  history: [],
});
const zoneScript = (selected: 'LOCATION_ECBN' | 'LOCATION_MEMBER_NUMBER' = 'LOCATION_ECBN') => ({
  person: webexPersonFactory(),
  ecbn: personEcbnFactory({
    selected,
    directLineInfo: {},
    ...(selected === 'LOCATION_MEMBER_NUMBER' ? { locationMemberId: testIds.place(1) } : {}),
  }),
  availableNumbers: [availableNumberFactory()],
});

describe('processRecord with the person ledger', () => {
  it('acknowledges an older move after a newer one as stale, without any Webex write', async () => {
    // Prepare: moved to B2/3 at 10:00 was applied; the move to B1/1 stamped 09:00 arrives last.
    const { deps, webex, ledger, queue } = flowHarness(zoneScript('LOCATION_MEMBER_NUMBER'), { rules: zoneRules() });
    ledger.seed({
      ...onZoneFloor(),
      newest: { at: Date.parse('2026-11-29T10:00:00Z'), eventId: 'hr-new', eventType: 'user.moved' },
    });
    // Act
    const report = await processRecord(
      record({
        eventType: 'user.moved',
        eventId: 'hr-old',
        occurredAt: '2026-11-29T09:00:00Z',
        workplace: { building: 'B1', floor: '1' },
      }),
      deps,
      { deadline },
    );
    // Assess
    expect(report).toMatchObject({ outcome: 'stale', reportAsFailed: false });
    expect(report.reason).toMatch(/older than event hr-new/);
    expect(webex.updates).toEqual([]);
    expect(queue.deadLetter).not.toHaveBeenCalled();
    expect(ledger.state(testIds.person(1))?.newest?.eventId).toBe('hr-new');
    expect(ledger.state(testIds.person(1))?.history.map((h) => h.outcome)).toEqual(['stale']);
  });

  it('dead-letters an event dated days ahead instead of letting it make every later event for the person stale', async () => {
    // Prepare: a producer's typo puts the move in 2062 (a watermark there would acknowledge every later event as stale).
    const { deps, webex, ledger, queue } = flowHarness(zoneScript(), { rules: zoneRules() });
    ledger.seed(onZoneFloor());
    // Act
    const report = await processRecord(
      record({ eventType: 'user.moved', eventId: 'hr-typo', occurredAt: '2062-11-29T09:00:00Z' }),
      deps,
      { deadline },
    );
    // Assess
    expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent' });
    expect(report.error).toMatch(/occurredAt/);
    expect(queue.deadLetter).toHaveBeenCalledTimes(1);
    expect(webex.updates).toEqual([]);
    expect(ledger.state(testIds.person(1))?.newest?.eventId).toBe('hr-created');
  });

  it('keeps the zone member for an update without workplace (HR changed the department)', async () => {
    const { deps, webex, ledger } = flowHarness(zoneScript('LOCATION_MEMBER_NUMBER'), { rules: zoneRules() });
    ledger.seed(onZoneFloor());
    const report = await processRecord(record({ eventType: 'user.updated', workplace: undefined }), deps, { deadline });
    expect(report).toMatchObject({ outcome: 'unchanged', workplaceFrom: 'ledger' });
    expect(report.reason).toMatch(/^zone /);
    expect(webex.updates).toEqual([]);
    expect(ledger.state(testIds.person(1))?.placement).toEqual(onZoneFloor().placement);
  });

  it('drops the person from the zone when HR sends an empty workplace', async () => {
    const { deps, webex, ledger } = flowHarness(zoneScript('LOCATION_MEMBER_NUMBER'), { rules: zoneRules() });
    ledger.seed(onZoneFloor());
    const report = await processRecord(record({ eventType: 'user.updated', workplace: {} }), deps, { deadline });
    expect(report).toMatchObject({
      outcome: 'updated',
      wanted: { selected: 'LOCATION_ECBN' },
      workplaceFrom: 'cleared',
    });
    expect(webex.updates).toHaveLength(1);
    expect(ledger.state(testIds.person(1))?.placement).toEqual({ locationId: testIds.location(1) });
  });

  it('forgets the workplace once the person is at another Webex Calling location', async () => {
    const { deps, ledger } = flowHarness(
      { ...zoneScript('LOCATION_MEMBER_NUMBER'), person: webexPersonFactory({ locationId: testIds.location(2) }) },
      { rules: zoneRules() },
    );
    ledger.seed(onZoneFloor());
    const report = await processRecord(record({ eventType: 'user.updated', workplace: undefined }), deps, { deadline });
    expect(report).toMatchObject({ outcome: 'updated', wanted: { selected: 'LOCATION_ECBN' }, workplaceFrom: 'none' });
  });

  it('defers briefly, without reading or writing the ECBN, while another record holds the person', async () => {
    const { deps, webex, ledger, queue } = flowHarness(zoneScript(), { rules: zoneRules() });
    ledger.holdLease(testIds.person(1), FLOW_NOW + 30_000);
    const report = await processRecord(record(), deps, { deadline });
    expect(report).toMatchObject({ outcome: 'deferred', reportAsFailed: true, errorClass: 'transient' });
    expect(report.deferSeconds).toBeLessThanOrEqual(4);
    expect(webex.calls.map((c) => c.operation)).toEqual(['getPerson']);
    expect(queue.defer).toHaveBeenCalledTimes(1);
  });

  it('defers (never decides without the ordering check) when the ledger is throttled', async () => {
    const { deps, webex, ledger } = flowHarness(zoneScript(), { rules: zoneRules() });
    ledger.failNext();
    const report = await processRecord(record(), deps, { deadline });
    expect(report).toMatchObject({ outcome: 'deferred', errorClass: 'transient', ledgerFailed: true });
    expect(webex.updates).toEqual([]);
  });

  it('records would-update in a dry run without moving the watermark', async () => {
    const { deps, webex, ledger } = flowHarness(zoneScript(), { rules: zoneRules(), settings: { dryRun: true } });
    const report = await processRecord(record(), deps, { deadline });
    expect(report.outcome).toBe('would-update');
    expect(webex.updates).toEqual([]);
    expect(ledger.state(testIds.person(1))?.newest).toBeUndefined();
    expect(ledger.state(testIds.person(1))?.history.map((h) => h.outcome)).toEqual(['would-update']);
  });

  it('works as before for the first event of a person, and remembers it', async () => {
    const { deps, webex, ledger } = flowHarness(zoneScript(), { rules: zoneRules() });
    const report = await processRecord(record(), deps, { deadline });
    expect(report.outcome).toBe('updated');
    expect(webex.updates).toHaveLength(1);
    expect(ledger.state(testIds.person(1))).toMatchObject({
      newest: { eventId: 'hr-7f3c2a', eventType: 'user.created' },
      placement: { locationId: testIds.location(1), building: 'B2', floor: '3' },
      decision: { outcome: 'updated', wanted: { selected: 'LOCATION_MEMBER_NUMBER' } },
    });
  });

  it('defers the record when the ledger cannot record an outcome after the PUT', async () => {
    const { deps, ledger } = flowHarness(zoneScript(), { rules: zoneRules() });
    const finish = ledger.finish.bind(ledger);
    ledger.finish = async (lease, commit) => {
      ledger.failNext();
      return finish(lease, commit);
    };
    const report = await processRecord(record(), deps, { deadline });
    expect(report).toMatchObject({ outcome: 'deferred', ledgerFailed: true });
  });

  describe('ecbn.reconcile', () => {
    const reconcile = (occurredAt: string, extra: Record<string, unknown> = {}) =>
      sqsRecord(
        JSON.stringify({
          eventType: 'ecbn.reconcile',
          eventId: 'reconcile-a1-p1',
          occurredAt,
          person: { id: testIds.person(1) },
          locationId: testIds.location(1),
          reconcile: { auditId: 'a1', observed: { selected: 'NONE' }, wanted: { selected: 'LOCATION_ECBN' } },
          ...extra,
        }),
      );

    it('is acted on even when ACCEPTED_EVENT_TYPES does not list it, and decides from the ledger placement', async () => {
      const { deps, ledger } = flowHarness(zoneScript(), {
        rules: zoneRules(),
        settings: { acceptedEventTypes: ['user.created'] },
      });
      ledger.seed(onZoneFloor());
      const report = await processRecord(reconcile('2026-11-29T09:30:00Z'), deps, { deadline });
      expect(report).toMatchObject({ outcome: 'updated', eventType: 'ecbn.reconcile', workplaceFrom: 'ledger' });
      expect(report.wanted).toEqual({ selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(1) });
    });

    it('never moves the watermark, so an older HR event that is newer than the last one still applies', async () => {
      const { deps, ledger } = flowHarness(zoneScript(), { rules: zoneRules() });
      ledger.seed(onZoneFloor());
      await processRecord(reconcile('2026-11-29T09:30:00Z'), deps, { deadline });
      expect(ledger.state(testIds.person(1))?.newest?.eventId).toBe('hr-created');
      const hr = await processRecord(
        record({ eventType: 'user.moved', eventId: 'hr-late', occurredAt: '2026-11-29T09:10:00Z' }),
        deps,
        { deadline },
      );
      expect(hr.outcome).not.toBe('stale');
      expect(ledger.state(testIds.person(1))?.history.map((h) => h.eventType)).toEqual([
        'ecbn.reconcile',
        'user.moved',
      ]);
    });

    it('treats a reconcile spelt in another case as a reconcile: the watermark stays where it was', async () => {
      // Event types are compared ignoring case (lambda/events/event-type.ts): ` ECBN.Reconcile` is a reconcile.
      const { deps, ledger } = flowHarness(zoneScript(), { rules: zoneRules() });
      ledger.seed(onZoneFloor());
      const report = await processRecord(reconcile('2026-11-29T09:30:00Z', { eventType: 'ECBN.Reconcile' }), deps, {
        deadline,
      });
      expect(report.outcome).toBe('updated');
      expect(ledger.state(testIds.person(1))?.newest?.eventId).toBe('hr-created');
      expect(ledger.state(testIds.person(1))?.placement).toEqual(onZoneFloor().placement);
    });

    it('is stale when an HR event newer than the audit read was applied', async () => {
      const { deps, webex, ledger } = flowHarness(zoneScript(), { rules: zoneRules() });
      ledger.seed(onZoneFloor());
      const report = await processRecord(reconcile('2026-11-29T08:00:00Z'), deps, { deadline });
      expect(report.outcome).toBe('stale');
      expect(webex.updates).toEqual([]);
    });

    it("uses the audit's workplace only for the location the audit saw", async () => {
      const { deps } = flowHarness(
        { ...zoneScript(), person: webexPersonFactory({ locationId: testIds.location(2) }) },
        { rules: zoneRules() },
      );
      const report = await processRecord(
        reconcile('2026-11-29T09:30:00Z', { workplace: { building: 'B2', floor: '3' } }),
        deps,
        { deadline },
      );
      expect(report).toMatchObject({
        outcome: 'unchanged',
        workplaceFrom: 'none',
        wanted: { selected: 'LOCATION_ECBN' },
      });
    });

    it('dead-letters a reconcile without a person id', async () => {
      const { deps, queue } = flowHarness(zoneScript(), { rules: zoneRules() });
      const body = JSON.stringify({
        eventType: 'ecbn.reconcile',
        eventId: 'r-1',
        person: { email: 'ana.lima@example.com' },
      });
      const report = await processRecord(sqsRecord(body), deps, { deadline });
      expect(report).toMatchObject({ outcome: 'dead-lettered', errorClass: 'permanent' });
      expect(queue.deadLetter).toHaveBeenCalledTimes(1);
    });
  });
});
