/**
 * The DynamoDB ledger against dynalite (the real DynamoDB protocol, conditional writes included): leases, commits, the
 * reads the audit uses (`readPlacements`, `listDependents`) and the operator reads of `npm run person`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerBusyError, LedgerUnavailableError, classifyError } from '../../lambda/errors.js';
import { HISTORY_IN_ITEM_MAX } from '../../lambda/ledger/history.js';
import { createDynamoLedger, type DynamoLedger } from '../../lambda/ledger/dynamo-ledger.js';
import type { HistoryEntry, LedgerCommit } from '../../lambda/ledger/types.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../local/aws/index.js';
import { otherEncodingOf, testIds } from '../helpers/rules-factories.js';

let dynamo: LocalDynamoDb;
let clock = Date.parse('2026-11-29T10:00:00Z');
let ledger: DynamoLedger;
const calls: string[] = [];

beforeAll(async () => {
  dynamo = await startLocalDynamoDb();
  ledger = createDynamoLedger({
    client: dynamo.client,
    tableName: dynamo.tableName,
    now: () => clock,
    onCall: (operation) => calls.push(operation),
  });
});
afterAll(async () => {
  await dynamo.stop();
});

const entry = (eventId: string, outcome = 'updated'): HistoryEntry => ({
  at: clock,
  eventAt: clock - 1000,
  eventId,
  eventType: 'user.moved',
  outcome,
  trackingIds: ['T-1'],
});
const applied = (personN: number, member: number | undefined, eventId: string): LedgerCommit => ({
  history: entry(eventId),
  newest: { at: clock - 1000, eventId, eventType: 'user.moved' },
  placement: { locationId: testIds.location(1), building: 'B2', floor: '3' },
  decision: {
    wanted:
      member === undefined
        ? { selected: 'LOCATION_ECBN' }
        : { selected: 'LOCATION_MEMBER_NUMBER', locationMemberId: testIds.place(member) },
    reason: 'zone San Jose HQ/B2/3',
    outcome: 'updated',
    trackingIds: ['T-1'],
    at: clock,
    eventId,
  },
  memberKey: member === undefined ? null : `PLACE/${memberUuid(member)}`,
  email: `Person.${personN}@Example.com`,
});
const memberUuid = (n: number) => `00000000-0000-4000-8000-a${String(n).padStart(11, '0')}`;

describe('the DynamoDB person ledger', () => {
  it('creates a first person with one lease call and one commit call', async () => {
    calls.length = 0;
    const lease = await ledger.acquire(testIds.person(1), 'owner-a', clock + 60_000);
    expect(lease.state).toEqual({ personId: testIds.person(1), history: [] });
    await ledger.finish(lease, applied(1, 1, 'hr-1'));
    expect(calls).toEqual(['UpdateItem', 'UpdateItem']);
  });

  it('treats two encodings of one person id as one person', async () => {
    const lease = await ledger.acquire(otherEncodingOf(testIds.person(1)), 'owner-b', clock + 60_000);
    expect(lease.state.newest?.eventId).toBe('hr-1');
    await ledger.finish(lease, { history: entry('hr-2', 'stale') });
  });

  it('refuses a second writer while the lease holds, and lets it in once the lease expired (a crashed holder)', async () => {
    await ledger.acquire(testIds.person(2), 'crashed', clock + 10_000);
    const busy = ledger.acquire(testIds.person(2), 'other', clock + 60_000);
    await expect(busy).rejects.toBeInstanceOf(LedgerBusyError);
    await expect(busy).rejects.toSatisfy((error) => classifyError(error) === 'transient');
    clock += 10_001;
    const lease = await ledger.acquire(testIds.person(2), 'other', clock + 60_000);
    await ledger.finish(lease, applied(2, undefined, 'hr-3'));
  });

  it('refuses a commit from a holder whose lease was taken over', async () => {
    const stale = await ledger.acquire(testIds.person(3), 'slow', clock + 1_000);
    clock += 1_001;
    await ledger.acquire(testIds.person(3), 'fast', clock + 60_000);
    await expect(ledger.finish(stale, applied(3, 1, 'hr-4'))).rejects.toBeInstanceOf(LedgerUnavailableError);
  });

  it('reads placements by person id in one batched call', async () => {
    calls.length = 0;
    const placements = await ledger.readPlacements([
      otherEncodingOf(testIds.person(1)),
      testIds.person(2),
      testIds.person(9),
    ]);
    expect([...placements.keys()].sort()).toEqual([
      `PEOPLE/00000000-0000-4000-8000-e00000000001`,
      `PEOPLE/00000000-0000-4000-8000-e00000000002`,
    ]);
    expect(placements.get('PEOPLE/00000000-0000-4000-8000-e00000000001')).toEqual({
      locationId: testIds.location(1),
      building: 'B2',
      floor: '3',
    });
    expect(calls).toEqual(['BatchGetItem']);
  });

  it('lists who depends on a zone member with one query, whatever the encoding asked with', async () => {
    calls.length = 0;
    const dependents = await ledger.listDependents(otherEncodingOf(testIds.place(1)));
    expect(dependents).toEqual([{ personId: testIds.person(1), locationId: testIds.location(1) }]);
    expect(calls).toEqual(['Query']);
    expect(await ledger.listDependents(testIds.place(2))).toEqual([]);
  });

  it('finds a person by email, lower-cased', async () => {
    expect(await ledger.findPersonIdsByEmail('PERSON.1@example.COM')).toEqual([testIds.person(1)]);
  });

  it('keeps every history entry, moving old ones to archive items', async () => {
    for (let i = 0; i < HISTORY_IN_ITEM_MAX + 5; i += 1) {
      clock += 1;
      const lease = await ledger.acquire(testIds.person(4), `o-${i}`, clock + 60_000);
      await ledger.finish(lease, { history: entry(`hr-h${i}`, 'unchanged') });
    }
    const person = await ledger.readPerson(testIds.person(4));
    expect(person?.history.map((h) => h.eventId)).toEqual(
      Array.from({ length: HISTORY_IN_ITEM_MAX + 5 }, (_, i) => `hr-h${i}`),
    );
    expect(person?.state.history.length).toBeLessThanOrEqual(HISTORY_IN_ITEM_MAX);
  });

  it('reports a throttled table as a transient ledger failure', async () => {
    dynamo.throttleNext(100);
    const attempt = ledger.acquire(testIds.person(5), 'o', clock + 60_000);
    await expect(attempt).rejects.toBeInstanceOf(LedgerUnavailableError);
    dynamo.throttleNext(0);
  });
});

describe('the local DynamoDB in its own thread (bench, soak)', () => {
  it('serves the ledger like the in-process one and stops cleanly', async () => {
    // Prepare
    const threaded = await startLocalDynamoDb({ thread: true });
    try {
      const threadLedger = createDynamoLedger({
        client: threaded.client,
        tableName: threaded.tableName,
        now: () => clock,
      });
      // Act
      const lease = await threadLedger.acquire(testIds.person(7), 'o', clock + 60_000);
      await threadLedger.finish(lease, applied(7, 2, 'hr-7'));
      // Assess
      expect(await threadLedger.listDependents(testIds.place(2))).toEqual([
        { personId: testIds.person(7), locationId: testIds.location(1) },
      ]);
      expect(() => threaded.throttleNext(1)).toThrow(/in-process/);
    } finally {
      await threaded.stop();
    }
  });
});
