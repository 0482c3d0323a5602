/**
 * The ledger's half of the handler-CPU floor: the person-ledger requests the handler sent (recorded as they arrived
 * at dynalite, `X-Amz-Target` and JSON body), sent again by a bare `DynamoDBClient` — the lightest client a Lambda
 * would use for them: low-level commands whose input is the wire JSON as it is (no DocumentClient marshalling), the
 * SDK's default keep-alive `node:http(s)` handler, signing, retries and endpoint resolution as any SDK call has them.
 *
 * One person's requests go in their recorded order (take the lease, then commit under it, so every conditional write
 * succeeds again: the lease owner is the same); different people's go in parallel lanes, as the handler's records do.
 */
import {
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type PutItemCommandInput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import * as z from 'zod';

/** One recorded ledger request (see `LocalDynamoDbRequest`). */
export interface RecordedLedgerRequest {
  readonly target: string;
  readonly body: string;
}

/** The only operations on the handler's hot path (an archive PutItem every 20th history entry of a person). */
const COMMANDS = {
  // The JSON protocol's body is the command input as it is (awsJson1_0: members and AttributeValues unchanged).
  'DynamoDB_20120810.UpdateItem': (client: DynamoDBClient, input: object) =>
    client.send(new UpdateItemCommand(input as UpdateItemCommandInput)),
  'DynamoDB_20120810.PutItem': (client: DynamoDBClient, input: object) =>
    client.send(new PutItemCommand(input as PutItemCommandInput)),
} as const;

const keyedBodySchema = z.looseObject({
  Key: z.looseObject({ pk: z.looseObject({ S: z.string() }) }).optional(),
  Item: z.looseObject({ pk: z.looseObject({ S: z.string() }) }).optional(),
});

/** The partition key of a recorded UpdateItem/PutItem body (`Key.pk` or `Item.pk`), if it has one. */
export function ledgerRequestPk(input: unknown): string | undefined {
  const parsed = keyedBodySchema.safeParse(input);
  return parsed.success ? (parsed.data.Key?.pk.S ?? parsed.data.Item?.pk.S) : undefined;
}

/** A request ready to send: its person's partition key and the command input (parsed once, off the clock). */
export interface PreparedLedgerRequest {
  readonly pk: string;
  readonly target: keyof typeof COMMANDS;
  readonly input: object;
}

/**
 * Parses recorded requests into per-person sequences (recorded order kept). Throws on an operation the floor does not
 * know: a floor silently missing requests would flatter the handler's ratio.
 *
 * @example
 * const people = ledgerSequences(recorded); // [[acquire, commit], [acquire, commit], ...]
 */
export function ledgerSequences(requests: readonly RecordedLedgerRequest[]): PreparedLedgerRequest[][] {
  const byPerson = new Map<string, PreparedLedgerRequest[]>();
  for (const request of requests) {
    if (!(request.target in COMMANDS)) throw new Error(`The bare DynamoDB client does not send ${request.target}`);
    const input = JSON.parse(request.body) as object;
    const pk = ledgerRequestPk(input);
    if (pk === undefined) throw new Error(`A recorded ${request.target} has no pk`);
    const sequence = byPerson.get(pk) ?? [];
    sequence.push({ pk, target: request.target as keyof typeof COMMANDS, input });
    byPerson.set(pk, sequence);
  }
  return [...byPerson.values()];
}

/**
 * Sends each person's requests in order, `parallel` people at a time. Resolves with the number of requests that
 * failed (should be 0).
 *
 * @example
 * const failed = await sendWithBareDynamoDb(client, ledgerSequences(recorded), 5);
 */
export async function sendWithBareDynamoDb(
  client: DynamoDBClient,
  people: readonly (readonly PreparedLedgerRequest[])[],
  parallel: number,
): Promise<number> {
  let next = 0;
  let failed = 0;
  const lane = async (): Promise<void> => {
    while (next < people.length) {
      const sequence = people[next] ?? [];
      next += 1;
      for (const request of sequence) {
        try {
          await COMMANDS[request.target](client, request.input);
        } catch {
          failed += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  return failed;
}
