import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  classifyError,
  describeError,
  ErrorClass,
  WebexHttpError,
  WebexNetworkError,
  WebexTimeoutError,
} from '../../../lambda/errors.js';
import { createWebexClient } from '../../../lambda/webex/client.js';
import { createNodeTransport, type NodeTransport } from '../../../lambda/webex/node-transport.js';
import type { HttpTransportRequest, WebexClientOptions } from '../../../lambda/webex/types.js';
import { PERSON_ID, personEcbnBody } from '../../helpers/webex-bodies.js';
import { CANARY_TOKEN } from '../../helpers/webex-client-harness.js';

/** What the test server saw of one request. */
interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A `node:http` server on 127.0.0.1 that answers with `respond` and counts the connections it accepted. */
interface TestServer {
  readonly origin: string;
  readonly requests: SeenRequest[];
  /** Server-side sockets, in the order the client opened them. */
  readonly sockets: Socket[];
}

const servers: Server[] = [];
const transports: NodeTransport[] = [];

afterEach(async () => {
  for (const transport of transports.splice(0)) transport.destroy();
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
});

async function startServer(respond: (req: SeenRequest, res: ServerResponse) => void): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const sockets: Socket[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      respond(seen, res);
    });
  });
  server.on('connection', (socket) => sockets.push(socket));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, sockets };
}

function newTransport(options: Parameters<typeof createNodeTransport>[0] = {}): NodeTransport {
  const transport = createNodeTransport(options);
  transports.push(transport);
  return transport;
}

function get(headers: Record<string, string> = {}): HttpTransportRequest {
  return { method: 'GET', headers, signal: new AbortController().signal, redirect: 'manual' };
}

/** A strict client on the node transport, without retries unless a test says otherwise. */
function clientOn(server: TestServer, transport: NodeTransport, overrides: Partial<WebexClientOptions> = {}) {
  return createWebexClient({
    baseUrl: `${server.origin}/v1`,
    getToken: async () => CANARY_TOKEN,
    transport,
    schemaMode: 'strict',
    retry: { limit: 0 },
    ...overrides,
  });
}

/** Every way an error can be turned into text by a logger, a DLQ attribute or a test report. */
function renderings(error: unknown): string {
  return [
    String(error),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    describeError(error, 10_000),
  ].join('\n');
}

/** Resolves when `socket` has closed. */
function closed(socket: Socket | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (socket === undefined || socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

describe('createNodeTransport: answers', () => {
  it('gives the status, the headers under any case, and the body as UTF-8 text', async () => {
    // Prepare: a multi-byte body sent in two chunks that split a character.
    const text = JSON.stringify({ name: 'Zoë Ñúñez 東京' });
    const bytes = Buffer.from(text, 'utf8');
    const split = bytes.indexOf(Buffer.from('ë', 'utf8')) + 1;
    const server = await startServer((_req, res) => {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        TrackingID: 'ROUTERGW_abc',
        'Content-Length': bytes.length,
      });
      res.write(bytes.subarray(0, split));
      setImmediate(() => res.end(bytes.subarray(split)));
    });
    const transport = newTransport();

    // Act
    const response = await transport(new URL(`${server.origin}/v1/people/x?callingData=true`), get());
    const body = await response.text();

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('TrackingID')).toBe('ROUTERGW_abc');
    expect(response.headers.get('trackingid')).toBe('ROUTERGW_abc');
    expect(response.headers.get('CONTENT-TYPE')).toBe('application/json');
    expect(response.headers.get('Retry-After')).toBeNull();
    expect(body).toBe(text);
  });

  it('joins a repeated header with a comma, as fetch does', async () => {
    // Prepare
    const server = await startServer((_req, res) => {
      res.setHeader('Link', ['<https://a.example/1>; rel="next"', '<https://a.example/0>; rel="prev"']);
      res.end('{}');
    });

    // Act
    const response = await newTransport()(new URL(`${server.origin}/v1/x`), get());

    // Assess
    expect(response.headers.get('link')).toBe('<https://a.example/1>; rel="next", <https://a.example/0>; rel="prev"');
  });

  it('sends the method, path with query, and headers it is given', async () => {
    // Prepare
    const server = await startServer((_req, res) => res.end('{}'));

    // Act
    await newTransport()(
      new URL(`${server.origin}/v1/people?email=a%40b.example&callingData=true`),
      get({ Authorization: `Bearer ${CANARY_TOKEN}`, TrackingID: 'ECBNP_1_1', Accept: 'application/json' }),
    );

    // Assess
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        url: '/v1/people?email=a%40b.example&callingData=true',
        headers: expect.objectContaining({
          authorization: `Bearer ${CANARY_TOKEN}`,
          trackingid: 'ECBNP_1_1',
          accept: 'application/json',
        }),
        body: '',
      }),
    ]);
  });

  it('sends a PUT body with its Content-Length (not chunked)', async () => {
    // Prepare
    const server = await startServer((_req, res) => res.writeHead(204).end());
    const body = JSON.stringify({
      selected: 'LOCATION_MEMBER_NUMBER',
      locationMemberId: 'Y2lzY29zcGFyazovL3VzL1BMQUNF',
    });

    // Act
    const response = await newTransport()(new URL(`${server.origin}/v1/ecbn`), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body,
      signal: new AbortController().signal,
      redirect: 'manual',
    });

    // Assess
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });
    expect(server.requests[0]?.headers['transfer-encoding']).toBeUndefined();
  });

  it('answers error statuses instead of rejecting, and never follows a redirect', async () => {
    // Prepare
    const server = await startServer((req, res) => {
      if (req.url.endsWith('/moved')) res.writeHead(302, { Location: `/v1/elsewhere` }).end();
      else res.writeHead(503, { 'Retry-After': '7' }).end('{"message":"busy"}');
    });
    const transport = newTransport();

    // Act
    const unavailable = await transport(new URL(`${server.origin}/v1/busy`), get());
    const moved = await transport(new URL(`${server.origin}/v1/moved`), get());

    // Assess
    expect([unavailable.status, unavailable.headers.get('retry-after'), await unavailable.text()]).toEqual([
      503,
      '7',
      '{"message":"busy"}',
    ]);
    expect([moved.status, moved.headers.get('location')]).toEqual([302, '/v1/elsewhere']);
    expect(server.requests.map((r) => r.url)).toEqual(['/v1/busy', '/v1/moved']);
  });

  it('serves the whole client: a GET parsed and a PUT answered 204', async () => {
    // Prepare
    const server = await startServer((req, res) => {
      if (req.method === 'PUT') res.writeHead(204, { TrackingID: 'ROUTERGW_put' }).end();
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(personEcbnBody()));
    });
    const client = clientOn(server, newTransport());

    // Act
    const ecbn = await client.getPersonEcbn(PERSON_ID);
    await client.updatePersonEcbn(PERSON_ID, { selected: 'LOCATION_ECBN' });

    // Assess
    expect(ecbn).toEqual(personEcbnBody());
    expect(server.requests.map((r) => [r.method, r.body])).toEqual([
      ['GET', ''],
      ['PUT', '{"selected":"LOCATION_ECBN"}'],
    ]);
  });
});

describe('createNodeTransport: keep-alive', () => {
  it('reuses one connection for requests one after another', async () => {
    // Prepare
    const server = await startServer((_req, res) => res.end('{}'));
    const transport = newTransport();

    // Act
    for (let i = 0; i < 4; i += 1) {
      const response = await transport(new URL(`${server.origin}/v1/x/${i}`), get());
      await response.text();
    }

    // Assess
    expect(server.requests).toHaveLength(4);
    expect(server.sockets).toHaveLength(1);
  });

  it('opens a connection per request in flight, and reuses them afterwards', async () => {
    // Prepare
    const server = await startServer((_req, res) => setImmediate(() => res.end('{}')));
    const transport = newTransport();
    const three = () =>
      Promise.all([1, 2, 3].map((i) => transport(new URL(`${server.origin}/v1/x/${i}`), get()).then((r) => r.text())));

    // Act
    await three();
    await three();

    // Assess
    expect(server.requests).toHaveLength(6);
    expect(server.sockets).toHaveLength(3);
  });

  it('keeps no more sockets than maxSockets: further requests wait for one', async () => {
    // Prepare
    const server = await startServer((_req, res) => setImmediate(() => res.end('{}')));
    const transport = newTransport({ maxSockets: 1 });

    // Act
    const bodies = await Promise.all(
      [1, 2, 3].map((i) => transport(new URL(`${server.origin}/v1/x/${i}`), get()).then((r) => r.text())),
    );

    // Assess
    expect(bodies).toEqual(['{}', '{}', '{}']);
    expect(server.sockets).toHaveLength(1);
  });

  it('opens a new connection per request when keepAlive is off', async () => {
    // Prepare
    const server = await startServer((_req, res) => res.end('{}'));
    const transport = newTransport({ keepAlive: false });

    // Act
    for (let i = 0; i < 2; i += 1) await (await transport(new URL(`${server.origin}/v1/x`), get())).text();

    // Assess
    expect(server.sockets).toHaveLength(2);
  });

  it('closes a socket left idle longer than idleSocketTimeoutMs', async () => {
    // Prepare
    const server = await startServer((_req, res) => res.end('{}'));
    const transport = newTransport({ idleSocketTimeoutMs: 10 });
    await (await transport(new URL(`${server.origin}/v1/x`), get())).text();

    // Act: the client closes its idle socket on its own; the server sees the close.
    await closed(server.sockets[0]);
    await (await transport(new URL(`${server.origin}/v1/x`), get())).text();

    // Assess
    expect(server.sockets).toHaveLength(2);
  });

  it('does not cut a busy request whose answer takes longer than the idle timeout', async () => {
    // Prepare
    const server = await startServer((_req, res) => setTimeout(() => res.end('{"late":true}'), 50));
    const transport = newTransport({ idleSocketTimeoutMs: 5 });

    // Act
    const response = await transport(new URL(`${server.origin}/v1/slow`), get());

    // Assess
    expect(await response.text()).toBe('{"late":true}');
  });

  it('closes every socket on destroy()', async () => {
    // Prepare
    const server = await startServer((_req, res) => res.end('{}'));
    const transport = newTransport();
    await (await transport(new URL(`${server.origin}/v1/x`), get())).text();

    // Act
    transport.destroy();
    await closed(server.sockets[0]);

    // Assess
    expect(server.sockets[0]?.destroyed).toBe(true);
  });
});

describe('createNodeTransport: failures through the client', () => {
  it('ends a request the server never answers with WebexTimeoutError, and drops its connection', async () => {
    // Prepare: a real (tiny) per-attempt timer, as in the fetch tests; the server holds the request.
    const server = await startServer(() => undefined);
    const client = clientOn(server, newTransport(), { timeoutMs: 20 });

    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);
    await closed(server.sockets[0]);

    // Assess
    expect(error).toBeInstanceOf(WebexTimeoutError);
    expect(classifyError(error)).toBe(ErrorClass.TRANSIENT);
    expect((error as Error).message).toContain('No answer from Webex within 20 ms');
    expect(server.sockets[0]?.destroyed).toBe(true);
  });

  it('ends an answer whose body stalls with WebexTimeoutError', async () => {
    // Prepare: headers and half a body, then nothing.
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 100 });
      res.write('{"selected":');
    });
    const client = clientOn(server, newTransport(), { timeoutMs: 20 });

    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(WebexTimeoutError);
  });

  it('rejects at once with the abort reason when the signal is already aborted, connecting nowhere', async () => {
    // Prepare
    const server = await startServer((_req, res) => res.end('{}'));
    const controller = new AbortController();
    controller.abort();

    // Act
    const error: unknown = await newTransport()(new URL(`${server.origin}/v1/x`), {
      ...get(),
      signal: controller.signal,
    }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(server.sockets).toHaveLength(0);
  });

  it.each([
    {
      case: 'a connection reset before the answer',
      respond: (_req: SeenRequest, res: ServerResponse) => res.socket?.resetAndDestroy(),
      code: 'ECONNRESET',
    },
    {
      case: 'a connection closed before the answer',
      respond: (_req: SeenRequest, res: ServerResponse) => res.socket?.destroy(),
      code: 'ECONNRESET',
    },
  ])('maps $case to a transient WebexNetworkError ($code) without the token', async ({ respond, code }) => {
    // Prepare
    const server = await startServer(respond);
    const client = clientOn(server, newTransport());

    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(WebexNetworkError);
    expect(classifyError(error)).toBe(ErrorClass.TRANSIENT);
    expect((error as Error).cause).toMatchObject({ code });
    expect(renderings(error)).not.toContain(CANARY_TOKEN);
  });

  it('maps a body cut short by the server to a WebexNetworkError without the token', async () => {
    // Prepare
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 100 });
      res.write('{"selected":', () => res.socket?.destroy());
    });
    const client = clientOn(server, newTransport());

    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(WebexNetworkError);
    expect(renderings(error)).not.toContain(CANARY_TOKEN);
  });

  it('maps a refused connection to a WebexNetworkError (ECONNREFUSED) without the token', async () => {
    // Prepare: a port that was just released.
    const server = await startServer(() => undefined);
    const origin = server.origin;
    await new Promise<void>((resolve) => servers.splice(0)[0]?.close(() => resolve()));
    const client = clientOn({ origin, requests: [], sockets: [] }, newTransport());

    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(WebexNetworkError);
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(renderings(error)).not.toContain(CANARY_TOKEN);
  });

  it('retries a reset GET on a fresh connection and succeeds', async () => {
    // Prepare
    let calls = 0;
    const server = await startServer((_req, res) => {
      calls += 1;
      if (calls === 1) res.socket?.resetAndDestroy();
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(personEcbnBody()));
    });
    const client = clientOn(server, newTransport(), { retry: { limit: 1 }, sleep: async () => undefined });

    // Act
    const ecbn = await client.getPersonEcbn(PERSON_ID);

    // Assess
    expect(ecbn.selected).toBe(personEcbnBody().selected);
    expect(server.sockets).toHaveLength(2);
  });

  it('maps a 3xx to a WebexHttpError instead of following it', async () => {
    // Prepare
    const server = await startServer((_req, res) => res.writeHead(307, { Location: 'http://127.0.0.1:9/steal' }).end());
    const client = clientOn(server, newTransport());

    // Act
    const error: unknown = await client.getPersonEcbn(PERSON_ID).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(WebexHttpError);
    expect(error).toMatchObject({ status: 307 });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses plain http to a host that is not loopback, before connecting', async () => {
    // Prepare
    const transport = newTransport();

    // Act
    const error: unknown = await transport(new URL('http://webexapis.com/v1/people/me'), get()).catch(
      (caught: unknown) => caught,
    );

    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('not loopback');
  });

  it.each([
    { options: { maxSockets: 0 }, message: 'maxSockets' },
    { options: { idleSocketTimeoutMs: 0 }, message: 'idleSocketTimeoutMs' },
  ])('refuses a bad option: $message', ({ options, message }) => {
    // Act / Assess
    expect(() => createNodeTransport(options)).toThrow(new RegExp(message));
  });
});
