/**
 * The person ledger on DynamoDB: single-item conditional writes only (no transactions), so it runs the same on AWS and
 * on dynalite locally. Two calls per record in the common case:
 *
 * 1. `acquire`: one `UpdateItem` that takes the person's lease if it is free or expired
 *    (`ConditionExpression`) and returns the item (`ReturnValues: ALL_NEW`), creating it for a first event;
 * 2. `finish`: one `UpdateItem` that writes decision, watermark, placement and the history entry and removes the lease,
 *    only while this record still holds it.
 *
 * Every 20th history entry of a person also costs one `PutItem` (an archive item). A lease another record holds is a
 * `LedgerBusyError` (deferred briefly); throttling, 5xx and network failures are `LedgerUnavailableError`
 * (transient); a missing table or a denied action is `LedgerAccessError` (configuration).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type * as z from 'zod';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { LedgerAccessError, LedgerBusyError, LedgerUnavailableError, describeError } from '../errors.js';
import { callbackMemberKey } from '../rules/zone-match.js';
import { webexIdKey } from '../webex/ids.js';
import { archiveExpiresAtSeconds, nextHistory } from './history.js';
import {
  ARCHIVE_SK_PREFIX,
  EMAIL_INDEX,
  MEMBER_INDEX,
  PERSON_SK,
  archiveItemSchema,
  archiveSk,
  personItemSchema,
  personPk,
  placementItemSchema,
  toLedgerState,
} from './item.js';
import type {
  HistoryEntry,
  LedgerCommit,
  LedgerDependent,
  LedgerPersonRecord,
  LedgerPlacement,
  PersonLedger,
} from './types.js';

/** How long a record waits (deferred through the queue) when another record holds the person's lease. */
export const LEDGER_BUSY_DEFER_SECONDS = 2;
/** BatchGetItem reads at most 100 keys per call. */
const BATCH_GET_MAX = 100;

export interface DynamoLedgerOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly now: () => number;
  /** Counts every DynamoDB request (bench `ledgerCallsPerEvent`). */
  readonly onCall?: (operation: string) => void;
}

/** {@link PersonLedger} plus the operator reads of `npm run person`. */
export interface DynamoLedger extends PersonLedger {
  readPerson(personId: string): Promise<LedgerPersonRecord | undefined>;
  /** Person ids recorded with this email (compared lower-cased). */
  findPersonIdsByEmail(email: string): Promise<string[]>;
}

/**
 * @example
 * const ledger = createDynamoLedger({ client: new DynamoDBClient({}), tableName: 'ecbn-ledger', now: Date.now });
 * const lease = await ledger.acquire(personId, 'msg-1', Date.now() + 60_000);
 */
export function createDynamoLedger(options: DynamoLedgerOptions): DynamoLedger {
  const documents = DynamoDBDocumentClient.from(options.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const TableName = options.tableName;
  const send = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    options.onCall?.(operation);
    try {
      return await run();
    } catch (error) {
      throw toLedgerError(operation, error);
    }
  };

  const writeArchive = async (pk: string, entries: readonly HistoryEntry[]): Promise<void> => {
    await send('PutItem', () =>
      documents.send(
        new PutCommand({
          TableName,
          Item: { pk, sk: archiveSk(entries), entries, expiresAt: archiveExpiresAtSeconds(entries) },
        }),
      ),
    );
  };

  return {
    async acquire(personId, owner, until) {
      const now = options.now();
      let answer;
      try {
        options.onCall?.('UpdateItem');
        answer = await documents.send(
          new UpdateCommand({
            TableName,
            Key: { pk: personPk(personId), sk: PERSON_SK },
            UpdateExpression: 'SET leaseOwner = :owner, leaseUntil = :until, personId = if_not_exists(personId, :pid)',
            ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now OR leaseOwner = :owner',
            ExpressionAttributeValues: { ':owner': owner, ':until': until, ':now': now, ':pid': personId },
            ReturnValues: 'ALL_NEW',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) {
          throw new LedgerBusyError(
            'Another record holds this person (one writer per person)',
            LEDGER_BUSY_DEFER_SECONDS,
          );
        }
        throw toLedgerError('UpdateItem', error);
      }
      const state = toLedgerState(parseItem(personItemSchema, answer.Attributes));
      return { personId, owner, until, state };
    },

    async finish(lease, commit) {
      const pk = personPk(lease.personId);
      const history = nextHistory(lease.state.history, commit.history, options.now());
      if (history.archive.length > 0) await writeArchive(pk, history.archive);
      const { UpdateExpression, ExpressionAttributeValues } = commitExpression(commit, history.keep);
      try {
        options.onCall?.('UpdateItem');
        await documents.send(
          new UpdateCommand({
            TableName,
            Key: { pk, sk: PERSON_SK },
            UpdateExpression,
            ConditionExpression: 'leaseOwner = :owner',
            ExpressionAttributeValues: { ...ExpressionAttributeValues, ':owner': lease.owner },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) {
          throw new LedgerUnavailableError('The person lease expired before the outcome was recorded');
        }
        throw toLedgerError('UpdateItem', error);
      }
    },

    async readPlacements(personIds) {
      const pks = [...new Set(personIds.map(personPk))];
      const placements = new Map<string, LedgerPlacement>();
      for (let i = 0; i < pks.length; i += BATCH_GET_MAX) {
        let keys: Record<string, unknown>[] | undefined = pks
          .slice(i, i + BATCH_GET_MAX)
          .map((pk) => ({ pk, sk: PERSON_SK }));
        // UnprocessedKeys (throttling, 16 MB) are asked again; each round is one call.
        while (keys !== undefined && keys.length > 0) {
          const request: Record<string, unknown>[] = keys;
          const answer = await send('BatchGetItem', () =>
            documents.send(
              new BatchGetCommand({
                RequestItems: {
                  [TableName]: { Keys: request, ProjectionExpression: 'personId, placement' },
                },
              }),
            ),
          );
          for (const raw of answer.Responses?.[TableName] ?? []) {
            const item = parseItem(placementItemSchema, raw);
            if (item.placement) placements.set(webexIdKey(item.personId), stripPlacement(item.placement));
          }
          keys = answer.UnprocessedKeys?.[TableName]?.Keys;
        }
      }
      return placements;
    },

    async listDependents(memberId) {
      const items = await queryAll(send, documents, {
        TableName,
        IndexName: MEMBER_INDEX,
        KeyConditionExpression: 'memberKey = :member',
        ExpressionAttributeValues: { ':member': callbackMemberKey({ id: memberId }) },
      });
      return items.map((raw) => {
        const item = parseItem(placementItemSchema, raw);
        const dependent: LedgerDependent = { personId: item.personId };
        if (item.placement) dependent.locationId = item.placement.locationId;
        return dependent;
      });
    },

    async readPerson(personId) {
      const pk = personPk(personId);
      const answer = await send('GetItem', () =>
        documents.send(new GetCommand({ TableName, Key: { pk, sk: PERSON_SK }, ConsistentRead: true })),
      );
      if (answer.Item === undefined) return undefined;
      const state = toLedgerState(parseItem(personItemSchema, answer.Item));
      const archives = await queryAll(send, documents, {
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': ARCHIVE_SK_PREFIX },
      });
      const archived = archives.flatMap((raw) => parseItem(archiveItemSchema, raw).entries);
      return { state, history: [...archived, ...state.history].sort((a, b) => a.at - b.at) };
    },

    async findPersonIdsByEmail(email) {
      const items = await queryAll(send, documents, {
        TableName,
        IndexName: EMAIL_INDEX,
        KeyConditionExpression: 'email = :email',
        ExpressionAttributeValues: { ':email': email.trim().toLowerCase() },
      });
      return items.map((raw) => parseItem(placementItemSchema, raw).personId);
    },
  };
}

/** The commit's UpdateExpression: SET what it carries, REMOVE the lease (and the member pointer when asked). */
function commitExpression(
  commit: LedgerCommit,
  history: readonly HistoryEntry[],
): { UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> } {
  const values: Record<string, unknown> = { ':history': history, ':updatedAt': commit.history.at };
  const set = ['history = :history', 'updatedAt = :updatedAt'];
  const remove = ['leaseOwner', 'leaseUntil'];
  if (commit.newest) {
    set.push('newestAt = :newestAt', 'newestEventId = :newestEventId', 'newestEventType = :newestEventType');
    values[':newestAt'] = commit.newest.at;
    values[':newestEventId'] = commit.newest.eventId;
    values[':newestEventType'] = commit.newest.eventType;
  }
  if (commit.placement) {
    set.push('placement = :placement');
    values[':placement'] = commit.placement;
  }
  if (commit.decision) {
    set.push('decision = :decision');
    values[':decision'] = commit.decision;
  }
  if (commit.memberKey === null) remove.push('memberKey');
  else if (commit.memberKey !== undefined) {
    set.push('memberKey = :memberKey');
    values[':memberKey'] = commit.memberKey;
  }
  if (commit.orgId !== undefined) {
    set.push('orgId = :orgId');
    values[':orgId'] = commit.orgId;
  }
  if (commit.email !== undefined) {
    set.push('email = :email');
    values[':email'] = commit.email.trim().toLowerCase();
  }
  return { UpdateExpression: `SET ${set.join(', ')} REMOVE ${remove.join(', ')}`, ExpressionAttributeValues: values };
}

type Send = <T>(operation: string, run: () => Promise<T>) => Promise<T>;

/** Every page of a Query (one call per page; an index of one member's dependents is one page in practice). */
async function queryAll(
  send: Send,
  documents: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const answer = await send('Query', () =>
      documents.send(new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) })),
    );
    items.push(...(answer.Items ?? []));
    start = answer.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

function parseItem<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new LedgerUnavailableError(
      `A ledger item does not have the expected shape: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  return parsed.data;
}

function stripPlacement(placement: { locationId: string; building?: string | undefined; floor?: string | undefined }) {
  const result: LedgerPlacement = { locationId: placement.locationId };
  if (placement.building !== undefined) result.building = placement.building;
  if (placement.floor !== undefined) result.floor = placement.floor;
  return result;
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function isConditionFailure(error: unknown): boolean {
  return errorName(error) === 'ConditionalCheckFailedException';
}

/** Errors that affect every record: the table is missing or the role may not use it. */
const ACCESS_ERRORS = new Set([
  'AccessDeniedException',
  'ResourceNotFoundException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
]);

/** One place that turns an SDK failure into the product's hierarchy (classified by `classifyError`). */
export function toLedgerError(operation: string, error: unknown): Error {
  if (
    error instanceof LedgerUnavailableError ||
    error instanceof LedgerAccessError ||
    error instanceof LedgerBusyError
  ) {
    return error;
  }
  const name = errorName(error);
  const message = `DynamoDB ${operation} failed: ${describeError(error, 160)}`;
  if (name !== undefined && ACCESS_ERRORS.has(name)) return new LedgerAccessError(message, { cause: error });
  return new LedgerUnavailableError(message, { cause: error });
}
