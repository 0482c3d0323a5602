/**
 * A real DynamoDB peer on 127.0.0.1: dynalite (pure Node, in memory, the DynamoDB JSON protocol; conditional writes and
 * `ConditionalCheckFailedException` as on AWS; no transactions, which the ledger does not use) with the ledger table
 * created through the DynamoDB API, exactly as a deployment would.
 *
 * A thin front lets tests make the table misbehave the way AWS can: answer `ThrottlingException` for the next N
 * requests (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
 *
 * With `thread: true` dynalite runs in its own worker thread instead (no front): its CPU — several times the SDK's per
 * request — then stays off the thread that runs the handler, as a real DynamoDB's does. The bench and the soak use it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
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
  /** Run dynalite in a worker thread (no `throttleNext`, no `requestCount`, no `onRequest`). @default false */
  thread?: boolean;
  /**
   * Sees every request as sent (`X-Amz-Target` and JSON body), before it is answered: the bench records the ledger's
   * requests to send them again with a bare client (its CPU floor).
   */
  onRequest?: (request: LocalDynamoDbRequest) => void;
}

/** One DynamoDB JSON-protocol request, as it arrived. */
export interface LocalDynamoDbRequest {
  /** e.g. `DynamoDB_20120810.UpdateItem` */
  readonly target: string;
  readonly body: string;
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
  if (options.thread === true) {
    if (options.onRequest !== undefined)
      throw new Error('onRequest needs the in-process local DynamoDB (thread: false)');
    return startInThread(options);
  }
  const store = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const serve = store.listeners('request')[0] as Parameters<typeof createServer>[1] & object;
  let throttled = 0;
  let requests = 0;
  const { onRequest } = options;
  const front: Server = createServer((request, response) => {
    requests += 1;
    // Listening before dynalite does: both see every chunk (dynalite attaches its listeners synchronously below).
    if (onRequest !== undefined) recordBody(request, onRequest);
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

function recordBody(request: IncomingMessage, onRequest: (request: LocalDynamoDbRequest) => void): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.once('end', () => {
    const target = request.headers['x-amz-target'];
    onRequest({ target: typeof target === 'string' ? target : '', body: Buffer.concat(chunks).toString('utf8') });
  });
}

/** dynalite in a worker thread; the worker is plain CommonJS (`eval`), so it needs no TypeScript loader. */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const dynalite = require(workerData.dynalitePath);
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.on('error', (error) => parentPort.postMessage({ error: String(error) }));
server.listen(workerData.port, workerData.host, () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => server.close(() => parentPort.close()));
`;

async function startInThread(options: LocalDynamoDbOptions): Promise<LocalDynamoDb> {
  const worker = new Worker(THREAD_CODE, {
    eval: true,
    workerData: {
      dynalitePath: createRequire(import.meta.url).resolve('dynalite'),
      port: options.port ?? 0,
      host: LOOPBACK_HOST,
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; error?: string }) =>
      message.port === undefined ? reject(new Error(message.error ?? 'dynalite did not start')) : resolve(message.port),
    );
  });
  const endpoint = `http://${LOOPBACK_HOST}:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_AWS_REGION, credentials: localAwsCredentials() });
  const tableName = options.tableName ?? DEFAULT_LEDGER_TABLE_NAME;
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      client.destroy();
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      // A keep-alive connection can hold dynalite's close open: the thread ends either way.
      const timer = setTimeout(() => void worker.terminate(), 1_000);
      await exited;
      clearTimeout(timer);
    })();
    return stopped;
  };
  try {
    await client.send(new CreateTableCommand(ledgerTableDefinition(tableName)));
  } catch (error) {
    await stop();
    throw error;
  }
  const unsupported = (what: string) => () => {
    throw new Error(`${what} needs the in-process local DynamoDB (thread: false)`);
  };
  return {
    endpoint,
    tableName,
    client,
    throttleNext: unsupported('throttleNext'),
    requestCount: unsupported('requestCount'),
    stop,
  };
}
