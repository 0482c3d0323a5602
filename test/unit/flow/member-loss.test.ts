/**
 * A zone member that disappears (issue 11 §4): when a member counts as lost, the reconciles published for the people
 * the ledger says point at it, de-duplication, Webex's count, and that ordinary events cost no ledger Query.
 */
import { describe, expect, it } from 'vitest';
import { LedgerUnavailableError, WebexServerError } from '../../../lambda/errors.js';
import { MEMBER_LOST_EVENT_ID_PREFIX, memberLostReconcileEvent } from '../../../lambda/audit/reconcile-event.js';
import {
  createMemberLossWindow,
  isMemberLossReconcile,
  isZoneMemberPerson,
  lostZoneMember,
  reconcileDependents,
} from '../../../lambda/flow/member-loss.js';
import { processRecord } from '../../../lambda/flow/process-record.js';
import type { LedgerState } from '../../../lambda/ledger/types.js';
import type { ApplicableZone } from '../../../lambda/rules/zone-match.js';
import { webexIdKey } from '../../../lambda/webex/ids.js';
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
const byId: ApplicableZone = {
  locationId: testIds.location(1),
  building: 'B2',
  floor: '3',
  callbackMember: { id: testIds.place(1) },
  appliesTo: 'withoutDirectLine',
};
const byNumber: ApplicableZone = { ...byId, callbackMember: { phoneNumber: '+14085550134' } };

/** A person the function pointed at `memberId`. */
const pointedAt = (n: number, memberId: string): LedgerState => ({
  personId: testIds.person(n),
  placement: { locationId: testIds.location(1), building: 'B2', floor: '3' },
  memberKey: webexIdKey(memberId),
  history: [],
});

describe('lostZoneMember', () => {
  it.each([
    ['usable (ACTIVE, owned)', byId, [availableNumberFactory()], undefined],
    ['INACTIVE', byId, [availableNumberFactory({ state: 'INACTIVE' })], { cause: 'inactive' }],
    ['no longer among the available numbers', byId, [], { cause: 'gone' }],
    [
      'given by number and INACTIVE (its owner is the member)',
      byNumber,
      [availableNumberFactory({ state: 'INACTIVE' })],
      { cause: 'inactive' },
    ],
    ['given by number and gone (no id the ledger knows)', byNumber, [], undefined],
  ])('a member %s', (_case, zone, numbers, expected) => {
    const lost = lostZoneMember(zone, numbers);

    if (expected === undefined) expect(lost).toBeUndefined();
    else expect(lost).toEqual({ memberId: testIds.place(1), ...expected });
  });
});

describe('isZoneMemberPerson', () => {
  const rules = rulesFactory({
    locations: [
      locationDocumentFactory({
        zones: [
          zoneDocumentFactory({ callbackMember: { id: testIds.person(7) } }),
          zoneDocumentFactory({
            match: { building: 'B1', floor: '1' },
            callbackMember: { phoneNumber: '+14085550199' },
          }),
        ],
      }),
    ],
  });

  it.each([
    ['named by id (another encoding)', webexPersonFactory({ id: otherEncodingOf(testIds.person(7)) }), true],
    ['named by their direct number', webexPersonFactory({ id: testIds.person(8), directNumber: '+14085550199' }), true],
    ['not a member', webexPersonFactory({ id: testIds.person(9), directNumber: '+14085550100' }), false],
  ])('a person %s', (_case, person, expected) => {
    expect(isZoneMemberPerson(rules, person)).toBe(expected);
  });
});

describe('the member-loss reconcile event', () => {
  it('follows the ecbn.reconcile contract and is recognised (never starts another round)', () => {
    const event = memberLostReconcileEvent(
      { personId: testIds.person(2), locationId: testIds.location(1) },
      { memberId: testIds.place(1), seenAt: '2026-12-06T03:40:00.000Z', window: 42 },
    );

    expect(event).toMatchObject({
      eventType: 'ecbn.reconcile',
      occurredAt: '2026-12-06T03:40:00.000Z',
      person: { id: testIds.person(2) },
      locationId: testIds.location(1),
      reconcile: { observed: { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(1) } },
    });
    expect(event.eventId.startsWith(MEMBER_LOST_EVENT_ID_PREFIX)).toBe(true);
    expect(isMemberLossReconcile(event.eventId)).toBe(true);
    expect(isMemberLossReconcile('reconcile-2026-12-06-abcd-0123')).toBe(false);
  });
});

describe('createMemberLossWindow', () => {
  it('claims a member once per window (any id encoding), again in the next window', () => {
    let now = 0;
    const window = createMemberLossWindow(() => now, 1_000);

    const first = window.claim(testIds.place(1));
    const again = window.claim(otherEncodingOf(testIds.place(1)));
    const other = window.claim(testIds.place(2));
    now = 1_000;
    const next = window.claim(testIds.place(1));

    expect([first, again, other, next]).toEqual([0, undefined, 0, 1]);
  });
});

describe('reconcileDependents', () => {
  it('publishes one reconcile per dependent but the person of the record, and counts Webex dependents', async () => {
    const { deps, ledger, published } = flowHarness({});
    for (const n of [2, 3, 4]) ledger.seed(pointedAt(n, testIds.place(1)));
    ledger.seed(pointedAt(5, testIds.place(2)));

    const report = await reconcileDependents({ memberId: testIds.place(1), cause: 'inactive' }, deps, {
      exceptPersonId: testIds.person(4),
      call: {},
    });

    expect(report).toMatchObject({ dependents: 2, published: 2, mismatch: false });
    expect(published.map((body) => (JSON.parse(body) as { person: { id: string } }).person.id)).toEqual([
      testIds.person(2),
      testIds.person(3),
    ]);
    expect(ledger.dependentQueries.count).toBe(1);
  });

  it('reports a mismatch when Webex counts more people on a person member than the ledger knows', async () => {
    const { deps, ledger, webex } = flowHarness({});
    ledger.seed(pointedAt(2, testIds.person(7)));
    webex.getPersonEcbnDependencies = async () => ({
      isLocationEcbnDefault: false,
      isSelfEcbnDefault: false,
      dependentMemberCount: 3,
    });

    const report = await reconcileDependents({ memberId: testIds.person(7), cause: 'user.moved' }, deps, { call: {} });

    expect(report).toMatchObject({ dependents: 1, webexCount: 3, mismatch: true });
  });

  it('queries and publishes nothing for a member already handled in the window', async () => {
    const { deps, ledger, published } = flowHarness({});
    ledger.seed(pointedAt(2, testIds.place(1)));
    await reconcileDependents({ memberId: testIds.place(1), cause: 'inactive' }, deps, { call: {} });

    const second = await reconcileDependents({ memberId: testIds.place(1), cause: 'refused' }, deps, { call: {} });

    expect(second).toMatchObject({ duplicate: true, published: 0 });
    expect(ledger.dependentQueries.count).toBe(1);
    expect(published).toHaveLength(1);
  });

  it('reports (never throws) when the queue refuses the reconciles', async () => {
    const { deps, ledger } = flowHarness({});
    ledger.seed(pointedAt(2, testIds.place(1)));
    const refusing = {
      ...deps,
      memberLoss: {
        ...deps.memberLoss,
        publisher: { publish: () => Promise.reject(new Error('SQS refused 1 of 1 message(s): AccessDenied')) },
      },
    };

    const report = await reconcileDependents({ memberId: testIds.place(1), cause: 'inactive' }, refusing, {
      call: {},
    });

    expect(report).toMatchObject({ dependents: 1, published: 0 });
    expect(report.error).toContain('AccessDenied');
  });

  it('tries again at the next sighting in the window when publishing failed (a failure claims nothing)', async () => {
    const { deps, ledger, published } = flowHarness({});
    ledger.seed(pointedAt(2, testIds.place(1)));
    const refusing = {
      ...deps,
      memberLoss: { ...deps.memberLoss, publisher: { publish: () => Promise.reject(new Error('SQS unavailable')) } },
    };
    await reconcileDependents({ memberId: testIds.place(1), cause: 'inactive' }, refusing, { call: {} });

    const second = await reconcileDependents({ memberId: testIds.place(1), cause: 'inactive' }, deps, { call: {} });

    expect(second).toMatchObject({ dependents: 1, published: 1 });
    expect(second.duplicate).toBeUndefined();
    expect(published).toHaveLength(1);
  });
});

describe('processRecord and a lost member', () => {
  const zoneRules = () => rulesFactory({ locations: [locationDocumentFactory({ zones: [zoneDocumentFactory()] })] });
  const onFloor = (availableNumbers = [availableNumberFactory()]) => ({
    person: webexPersonFactory(),
    ecbn: personEcbnFactory({ selected: 'LOCATION_ECBN', directLineInfo: {} }),
    availableNumbers,
  });
  const event = (overrides: Parameters<typeof onboardingEventFactory>[0] = {}) =>
    sqsRecord(toBody(onboardingEventFactory({ workplace: { building: 'B2', floor: '3' }, ...overrides })));

  it('costs an ordinary event no ledger Query (lease and commit only)', async () => {
    const { deps, ledger, published } = flowHarness(onFloor(), { rules: zoneRules() });
    ledger.seed(pointedAt(2, testIds.place(1)));

    const report = await processRecord(event(), deps, { deadline });

    expect(report.outcome).toBe('updated');
    expect(report.memberLoss).toBeUndefined();
    expect(ledger.dependentQueries.count).toBe(0);
    expect(published).toEqual([]);
  });

  it('reconciles the others on the floor when its fresh read shows the member INACTIVE', async () => {
    const { deps, ledger, published } = flowHarness(onFloor([availableNumberFactory({ state: 'INACTIVE' })]), {
      rules: zoneRules(),
    });
    ledger.seed(pointedAt(2, testIds.place(1)));

    const report = await processRecord(event(), deps, { deadline });

    expect(report.memberLoss).toMatchObject({ cause: 'inactive', dependents: 1, published: 1 });
    expect(published).toHaveLength(1);
  });

  it('still reconciles the others when the record that saw the member INACTIVE cannot commit (its retry reads the cache)', async () => {
    const { deps, ledger, published } = flowHarness(onFloor([availableNumberFactory({ state: 'INACTIVE' })]), {
      rules: zoneRules(),
    });
    ledger.seed(pointedAt(2, testIds.place(1)));
    const failingCommit = {
      ...deps,
      ledger: {
        ...deps.ledger,
        finish: () => Promise.reject(new LedgerUnavailableError('DynamoDB UpdateItem failed')),
      },
    };

    const report = await processRecord(event(), failingCommit, { deadline });

    expect(report.outcome).toBe('deferred');
    expect(report.memberLoss).toMatchObject({ cause: 'inactive', dependents: 1, published: 1 });
    expect(published).toHaveLength(1);
  });

  it('still reconciles the others when the record that saw the member INACTIVE then fails at Webex', async () => {
    const { deps, ledger, published } = flowHarness(
      {
        ...onFloor([availableNumberFactory({ state: 'INACTIVE' })]),
        ecbn: personEcbnFactory({ selected: 'NONE', directLineInfo: {} }),
        updateErrors: [
          new WebexServerError(503, {
            method: 'PUT',
            path: '/telephony/config/people/p/emergencyCallbackNumber',
            trackingId: 't',
          }),
        ],
      },
      { rules: zoneRules() },
    );
    ledger.seed(pointedAt(2, testIds.place(1)));

    const report = await processRecord(event(), deps, { deadline });

    expect(report.outcome).toBe('deferred');
    expect(report.memberLoss).toMatchObject({ cause: 'inactive', dependents: 1, published: 1 });
    expect(published).toHaveLength(1);
  });

  it('does not start another round from a member-loss reconcile (its zone read is fresh all the same)', async () => {
    const { deps, ledger, published, webex } = flowHarness(onFloor([availableNumberFactory({ state: 'INACTIVE' })]), {
      rules: zoneRules(),
    });
    ledger.seed(pointedAt(1, testIds.place(1)));
    ledger.seed(pointedAt(2, testIds.place(1)));
    const reconcile = memberLostReconcileEvent(
      { personId: testIds.person(1) },
      { memberId: testIds.place(1), seenAt: new Date(FLOW_NOW).toISOString(), window: 1 },
    );

    const report = await processRecord(sqsRecord(toBody(reconcile)), deps, { deadline });

    expect(report.outcome).toBe('unchanged');
    expect(webex.calls.map((call) => call.operation)).toContain('listPersonEcbnAvailableNumbers');
    expect(report.memberLoss).toBeUndefined();
    expect(published).toEqual([]);
  });

  it('acts on user.deleted only for the people pointed at the person: no lease, no Webex write', async () => {
    const { deps, ledger, published, webex } = flowHarness({});
    ledger.seed(pointedAt(2, testIds.person(1)));

    const report = await processRecord(event({ eventType: 'user.deleted', person: { id: testIds.person(1) } }), deps, {
      deadline,
    });

    expect(report).toMatchObject({ outcome: 'skipped', memberLoss: { cause: 'user.deleted', dependents: 1 } });
    expect(published).toHaveLength(1);
    expect(webex.updates).toEqual([]);
    expect(ledger.commits).toEqual([]);
  });

  it('skips a user.deleted without person.id (a deleted person cannot be looked up by email)', async () => {
    const { deps, ledger } = flowHarness({});

    const report = await processRecord(
      event({ eventType: 'user.deleted', person: { email: 'ana.lima@example.com' } }),
      deps,
      { deadline },
    );

    expect(report).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('without person.id') });
    expect(ledger.dependentQueries.count).toBe(0);
  });
});
