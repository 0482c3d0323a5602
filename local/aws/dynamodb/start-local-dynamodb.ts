/**
 * A real DynamoDB peer on 127.0.0.1: dynalite (pure Node, in memory, the DynamoDB JSON protocol; conditional writes and
 * `ConditionalCheckFailedException` as on AWS; no transactions, which the ledger does not use) with the ledger table
 * created through the DynamoDB API, exactly as a deployment would.
 *
 * A thin front lets tests make the table misbehave the way AWS can: answer `ThrottlingException` for the next N
 * requests (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { LOCAL_AWS_REGION, LOOPBACK_HOST, localAwsCredentials } from '../local-aws-defaults.js';
import { ledgerTableDefinition } from './ledger-table-definition.js';

/** Options of {@link startLocalDynamoDb}. */
export interface LocalDynamoDbOptions {
  /** TCP port; `0` (the default) lets the OS pick a free one. */
  port?: number;
  /** The ledger table's name. @default 'ecbn-provisioner-ledger' */
  tableName?: string;
}

/** A running local DynamoDB with the ledger table. */
export interface LocalDynamoDb {
  /** `http://127.0.0.1:<port>`: the client's `endpoint` (or `AWS_ENDPOINT_URL_DYNAMODB`). */
  readonly endpoint: string;
  readonly tableName: string;
  /** A client bound to {@link endpoint} with dummy credentials. Destroyed by {@link stop}. */
  readonly client: DynamoDBClient;
  /** The next `count` requests are answered `ThrottlingException` (HTTP 400), as a throttled table answers. */
  throttleNext(count: number): void;
  /** Requests served (throttled ones included). */
  requestCount(): number;
  /** Closes every connection and the server; idempotent. */
  stop(): Promise<void>;
}

export const DEFAULT_LEDGER_TABLE_NAME = 'ecbn-provisioner-ledger';

/**
 * @example
 * const dynamo = await startLocalDynamoDb();
 * const ledger = createDynamoLedger({ client: dynamo.client, tableName: dynamo.tableName, now: Date.now });
 */
export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const store = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const serve = store.listeners('request')[0] as Parameters<typeof createServer>[1] & object;
  let throttled = 0;
  let requests = 0;
  const front: Server = createServer((request, response) => {
    requests += 1;
    if (throttled > 0) {
      throttled -= 1;
      request.resume();
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(
        JSON.stringify({
          __type: 'com.amazon.coral.availability#ThrottlingException',
          message: 'Rate of requests exceeds the allowed throughput.',
        }),
      );
      return;
    }
    serve(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(options.port ?? 0, LOOPBACK_HOST, () => resolve());
  });
  const { port } = front.address() as AddressInfo;
  const endpoint = `http://${LOOPBACK_HOST}:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_AWS_REGION, credentials: localAwsCredentials() });
  const tableName = options.tableName ?? DEFAULT_LEDGER_TABLE_NAME;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    client.destroy();
    front.closeAllConnections();
    await new Promise<void>((resolve) => front.close(() => resolve()));
    // dynalite's close also closes its in-memory store.
    await new Promise<void>((resolve) => store.close(() => resolve()));
  };
  try {
    await client.send(new CreateTableCommand(ledgerTableDefinition(tableName)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoint,
    tableName,
    client,
    throttleNext(count) {
      throttled = count;
    },
    requestCount: () => requests,
    stop,
  };
}
