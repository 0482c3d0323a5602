/**
 * The ledger half of the bench's handler-CPU floor: the ledger's requests, recorded as dynalite received them, sent
 * again by a bare DynamoDBClient — every conditional write succeeds again and nothing is left out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoLedger } from '../../lambda/ledger/dynamo-ledger.js';
import type { HistoryEntry } from '../../lambda/ledger/types.js';
import { startLocalDynamoDb, type LocalDynamoDb, type LocalDynamoDbRequest } from '../../local/aws/index.js';
import { ledgerSequences, sendWithBareDynamoDb } from '../../local/bench/bare-dynamodb.js';
import { testIds } from '../helpers/rules-factories.js';

const clock = Date.parse('2026-11-29T10:00:00Z');
let dynamo: LocalDynamoDb | undefined;
afterEach(async () => {
  await dynamo?.stop();
  dynamo = undefined;
});

const entry = (eventId: string): HistoryEntry => ({
  at: clock,
  eventAt: clock - 1000,
  eventId,
  eventType: 'user.moved',
  outcome: 'updated',
  trackingIds: ['T-1'],
});

describe('the bench bare DynamoDB client (handlerCpuRatio floor, ledger half)', () => {
  it("groups the recorded requests per person in their order and sends them all again, each person's lease then commit", async () => {
    // Prepare: two people through the real ledger, every request recorded as it arrived
    const recorded: LocalDynamoDbRequest[] = [];
    dynamo = await startLocalDynamoDb({ onRequest: (request) => recorded.push(request) });
    const ledger = createDynamoLedger({ client: dynamo.client, tableName: dynamo.tableName, now: () => clock });
    for (const n of [1, 2]) {
      const lease = await ledger.acquire(testIds.person(n), `owner-${n}`, clock + 60_000);
      await ledger.finish(lease, { history: entry(`hr-${n}`) });
    }
    const ledgerRequests = recorded.filter((request) => request.target.endsWith('.UpdateItem'));
    const servedBefore = dynamo.requestCount();

    // Act
    const people = ledgerSequences(ledgerRequests);
    const failed = await sendWithBareDynamoDb(dynamo.client, people, 2);

    // Assert
    expect(people.map((sequence) => sequence.length)).toEqual([2, 2]);
    expect(people.every(([lease]) => JSON.stringify(lease?.input).includes('leaseOwner = :owner,'))).toBe(true);
    expect(failed).toBe(0);
    expect(dynamo.requestCount() - servedBefore).toBe(4);
  });

  it('refuses an operation it does not know rather than leave it out of the floor', () => {
    expect(() => ledgerSequences([{ target: 'DynamoDB_20120810.Query', body: '{}' }])).toThrow(/does not send/);
  });
});
