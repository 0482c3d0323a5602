/**
 * The Webex client's production transport: `node:https` (plain `node:http` only for loopback test servers) with a
 * keep-alive `Agent`, answering with the small {@link HttpTransportResponse} the core reads instead of a WHATWG
 * `Response`.
 *
 * Why not the global `fetch`: per request, undici's `fetch` builds `Request`, `Headers`, `Response` and a body stream
 * and runs the Fetch spec's steps; on this product's 2.7 small requests per event that cost more CPU than the handler's
 * own work (Lambda bills that CPU time). `npm run bench` measures the handler's CPU per event against a bare keep-alive
 * client sending the same requests (`handlerCpuRatio`); the figures live in `bench/results.json` and the performance
 * docs, not here: they change with the machine.
 *
 * Behaviour the core relies on (`http-core.ts`):
 * - the promise rejects only when no complete answer could be read: a refused, reset or closed connection, or the
 *   `signal` aborting (the request and its socket are destroyed; the core knows it was its own timer and raises
 *   `WebexTimeoutError`). Every HTTP status is an answer;
 * - `text()` gives the whole body as UTF-8 and rejects when the connection fails before the body's end;
 * - redirects are never followed; errors are Node's own socket errors (`code` such as `ECONNRESET`) and never carry
 *   the request or its headers (the core still passes them through `sanitizeCause`).
 *
 * Docs: https://nodejs.org/api/http.html#class-httpagent, https://nodejs.org/api/http.html#httprequesturl-options-callback
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isLoopbackHost } from './base-url.js';
import type { HttpTransport, HttpTransportRequest, HttpTransportResponse } from './types.js';

/**
 * How long an idle keep-alive socket is kept: under the usual 5 s idle limit of servers and load balancers (undici
 * uses 4 s too), so a socket is rarely reused just as the server closes it. A server's `Keep-Alive: timeout=N` hint
 * shortens it further (Node's agent reads it). A reuse that loses that race anyway fails with `ECONNRESET`, a
 * `WebexNetworkError` the retry policy retries.
 */
export const DEFAULT_IDLE_SOCKET_TIMEOUT_MS = 4_000;

export interface NodeTransportOptions {
  /** Reuse connections between requests (TLS handshakes cost far more than a request). @default true */
  readonly keepAlive?: boolean;
  /**
   * Most sockets open at once per host; further requests wait in the agent (their per-attempt timer runs meanwhile).
   * @default Infinity (as `fetch`): the handler has at most `MAX_PARALLEL_RECORDS` requests in flight anyway
   */
  readonly maxSockets?: number;
  /** Most idle sockets kept per host. @default 256 (Node's default) */
  readonly maxFreeSockets?: number;
  /** An idle socket is closed after this long. @default DEFAULT_IDLE_SOCKET_TIMEOUT_MS */
  readonly idleSocketTimeoutMs?: number;
}

/** An {@link HttpTransport} that can close its sockets (tests, local tools). */
export interface NodeTransport extends HttpTransport {
  /** Closes every socket, idle or busy; requests in flight fail. The transport must not be used afterwards. */
  destroy(): void;
}

/**
 * Creates the keep-alive transport. One per client: each has its own agents, hence its own pool of sockets.
 *
 * @example
 * const webex = createWebexClient({ getToken, transport: createNodeTransport() });
 *
 * @example
 * const transport = createNodeTransport({ maxSockets: 10 });
 * const answer = await transport(new URL('https://webexapis.com/v1/people/me'), {
 *   method: 'GET', headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000), redirect: 'manual',
 * });
 * answer.status; // 200
 * answer.headers.get('TrackingID'); // case-insensitive
 * JSON.parse(await answer.text());
 * transport.destroy();
 */
export function createNodeTransport(options: NodeTransportOptions = {}): NodeTransport {
  const maxSockets = options.maxSockets ?? Number.POSITIVE_INFINITY;
  const idleSocketTimeoutMs = options.idleSocketTimeoutMs ?? DEFAULT_IDLE_SOCKET_TIMEOUT_MS;
  if (!(maxSockets >= 1)) throw new TypeError(`maxSockets must be at least 1, got ${maxSockets}`);
  if (!(idleSocketTimeoutMs > 0)) {
    throw new TypeError(`idleSocketTimeoutMs must be a positive number of milliseconds, got ${idleSocketTimeoutMs}`);
  }
  const agentOptions: http.AgentOptions = {
    keepAlive: options.keepAlive ?? true,
    maxSockets,
    ...(options.maxFreeSockets === undefined ? {} : { maxFreeSockets: options.maxFreeSockets }),
    // The agent's socket timeout closes sockets idle in its pool; a busy request is bounded by the core's signal.
    timeout: idleSocketTimeoutMs,
    // The most recently used socket first: the fewest sockets stay warm, the others time out.
    scheduling: 'lifo',
  };
  const httpsAgent = new https.Agent(agentOptions);
  const httpAgent = new http.Agent(agentOptions);

  const send = (url: URL, init: HttpTransportRequest): Promise<HttpTransportResponse> =>
    new Promise((resolve, reject) => {
      const { signal } = init;
      if (signal.aborted) {
        reject(abortReason(signal));
        return;
      }
      const secure = url.protocol === 'https:';
      // The base URL check already refuses this; kept here too because the token must never cross plain HTTP.
      if (!secure && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
        reject(new TypeError(`Refusing to send a request over ${url.protocol} to a host that is not loopback`));
        return;
      }
      const request = (secure ? https : http).request({
        agent: secure ? httpsAgent : httpAgent,
        protocol: url.protocol,
        // `URL.hostname` keeps IPv6 brackets; the socket wants the bare address.
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port === '' ? undefined : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: init.method,
        headers: init.headers,
      });

      let settled = false;
      let readingBody: ((error: Error) => void) | undefined;
      const onAbort = (): void => {
        request.destroy(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const done = (): void => signal.removeEventListener('abort', onAbort);

      // `on`, not `once`: a second 'error' without a listener would crash the process.
      request.on('error', (error: Error) => {
        done();
        // Before the answer: the request fails. While its body is read: `text()` fails.
        if (!settled) {
          settled = true;
          reject(error);
        } else {
          readingBody?.(error);
        }
      });
      request.once('response', (response: IncomingMessage) => {
        settled = true;
        const body = readBody(response, (fail) => (readingBody = fail));
        void body.then(done, done);
        resolve({
          status: response.statusCode ?? 0,
          headers: headerReader(response.headers),
          text: () => body,
        });
      });
      request.end(init.body);
    });

  return Object.assign(send, {
    destroy(): void {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  });
}

/**
 * The body as UTF-8 text, collected from the moment the answer arrives (the caller reads it right after). Rejects when
 * the connection ends before the body does, or through `registerFailure` (the request failed, e.g. aborted).
 */
function readBody(response: IncomingMessage, registerFailure: (fail: (error: Error) => void) => void): Promise<string> {
  const body = new Promise<string>((resolve, reject) => {
    let text = '';
    registerFailure(reject);
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
    });
    response.once('end', () => resolve(text));
    response.on('error', reject);
    response.once('close', () => {
      if (!response.complete) reject(new Error('The connection closed before the end of the response body'));
    });
  });
  // A body nobody reads (the caller gave up) must not become an unhandled rejection; readers still see the failure.
  body.catch(() => undefined);
  return body;
}

/** Case-insensitive lookup over Node's lower-cased header object; repeated headers are joined with `, `. */
function headerReader(headers: IncomingHttpHeaders): HttpTransportResponse['headers'] {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** What an aborted request rejects with: the signal's reason (an `AbortError`), as `fetch` does. */
function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}
