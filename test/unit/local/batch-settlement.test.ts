import { describe, expect, it } from 'vitest';
import { settleBatch, type InvocationOutcome } from '../../../local/aws/poller/batch-settlement.js';

const BATCH = ['id-a', 'id-b', 'id-c'] as const;

const returned = (value: unknown): InvocationOutcome => ({ kind: 'returned', value });
const failures = (...ids: unknown[]) => ({ batchItemFailures: ids.map((itemIdentifier) => ({ itemIdentifier })) });

describe('settleBatch', () => {
  it.each([
    { case: 'undefined (no response)', value: undefined },
    { case: 'null', value: null },
    { case: 'an empty object', value: {} },
    { case: 'batchItemFailures: null', value: { batchItemFailures: null } },
    { case: 'an empty batchItemFailures list', value: { batchItemFailures: [] } },
    { case: 'an object without batchItemFailures', value: { statusCode: 200 } },
  ])('deletes every record when the handler returns $case', ({ value }) => {
    // Prepare / Act
    const settlement = settleBatch(returned(value), BATCH);

    // Assess
    expect(settlement).toMatchObject({ deleteIds: BATCH, retainIds: [] });
    expect(settlement.wholeBatchFailure).toBeUndefined();
  });

  it('deletes the records not listed and keeps the listed ones', () => {
    // Prepare / Act
    const settlement = settleBatch(returned(failures('id-b')), BATCH);

    // Assess
    expect(settlement).toEqual({
      deleteIds: ['id-a', 'id-c'],
      retainIds: ['id-b'],
      detail: '1 of 3 record(s) reported failed',
    });
  });

  it('keeps every record when every record is listed, even twice', () => {
    // Prepare / Act
    const settlement = settleBatch(returned(failures('id-a', 'id-b', 'id-c', 'id-a')), BATCH);

    // Assess
    expect(settlement).toMatchObject({ deleteIds: [], retainIds: BATCH });
    expect(settlement.wholeBatchFailure).toBeUndefined();
  });

  it.each([
    { case: 'an empty itemIdentifier', value: failures('') },
    { case: 'a null itemIdentifier', value: failures(null) },
    { case: 'an undefined itemIdentifier (dropped by JSON)', value: failures(undefined) },
    { case: 'a numeric itemIdentifier', value: failures(42) },
    { case: 'an itemIdentifier not in the batch', value: failures('id-a', 'id-zzz') },
    { case: 'a bad key name', value: { batchItemFailures: [{ messageId: 'id-a' }] } },
    { case: 'a bare string entry', value: { batchItemFailures: ['id-a'] } },
    { case: 'batchItemFailures that is not a list', value: { batchItemFailures: 'id-a' } },
    { case: 'a string response', value: 'ok' },
    { case: 'a list response', value: [{ itemIdentifier: 'id-a' }] },
    { case: 'a boolean response', value: true },
  ])('fails the whole batch on $case', ({ value }) => {
    // Prepare / Act
    const settlement = settleBatch(returned(value), BATCH);

    // Assess
    expect(settlement).toMatchObject({ deleteIds: [], retainIds: BATCH, wholeBatchFailure: 'invalid-response' });
  });

  it('fails the whole batch when the handler throws, naming the error but not its stack', () => {
    // Prepare
    const error = new TypeError('boom');

    // Act
    const settlement = settleBatch({ kind: 'threw', error }, BATCH);

    // Assess
    expect(settlement).toEqual({
      deleteIds: [],
      retainIds: BATCH,
      wholeBatchFailure: 'handler-threw',
      detail: 'handler threw TypeError: boom',
    });
  });

  it('fails the whole batch when the handler times out', () => {
    // Prepare / Act
    const settlement = settleBatch({ kind: 'timed-out', timeoutMs: 3000 }, BATCH);

    // Assess
    expect(settlement).toMatchObject({
      deleteIds: [],
      retainIds: BATCH,
      wholeBatchFailure: 'timed-out',
      detail: 'handler did not finish within 3000 ms',
    });
  });

  it('fails the whole batch as an invocation error when the response cannot be serialised', () => {
    // Prepare
    const circular: Record<string, unknown> = { batchItemFailures: [] };
    circular.self = circular;

    // Act
    const settlement = settleBatch(returned(circular), BATCH);

    // Assess
    expect(settlement).toMatchObject({ deleteIds: [], retainIds: BATCH, wholeBatchFailure: 'handler-threw' });
  });

  it('reads the response as JSON, as the runtime serialises it (toJSON applies)', () => {
    // Prepare
    const response = { toJSON: () => failures('id-c') };

    // Act
    const settlement = settleBatch(returned(response), BATCH);

    // Assess
    expect(settlement).toMatchObject({ deleteIds: ['id-a', 'id-b'], retainIds: ['id-c'] });
  });
});
