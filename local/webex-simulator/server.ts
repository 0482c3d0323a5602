/**
 * The HTTP server (node:http, loopback only): request pipeline, fault injection, start/stop.
 *
 * Pipeline per request: TrackingID → added latency → injected fault → 401 → 429 → 404/405 → 403 (scope, orgId) →
 * handler. Every answer carries a `TrackingID` header (the client's, echoed, or `ROUTERGW_<uuid>`); error bodies carry
 * it as `trackingId`.
 */
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeWebexId, encodeWebexId } from '../../lambda/webex/ids.js';
import { FULL_SCOPES, generateToken, hasScope, mayManageOrg, TokenRegistry } from './auth.js';
import {
  errorBody,
  forbidden,
  locked,
  malformed,
  methodNotAllowed,
  notFound,
  serverError,
  tooManyRequests,
  unauthorized,
} from './errors.js';
import { FaultInjector, type FaultKind } from './faults.js';
import { parseOrgFixture } from './org-fixture.js';
import { OrgState } from './org-state.js';
import { TokenBucket } from './rate-limit.js';
import { loggableQuery, RequestLog, type LoggedRequest } from './request-log.js';
import { OAuthIssuer } from './oauth.js';
import { ACCESS_TOKEN_PATH, answerAccessToken } from './routes/access-token.js';
import { matchRoute, type RouteMatch } from './routes/index.js';
import { isErrorAnswer, type RouteAnswer } from './routes/route.js';
import { responseTrackingId } from './tracking-id.js';
import type { SimulatorKnobs, WebexSimulator, WebexSimulatorOptions } from './types.js';

/** The cluster part of the spec's second example encoding (`ciscospark://urn:TEAM:us-east-1_int13/PLACE/…`). */
const ALTERNATE_CLUSTER = 'urn:TEAM:us-east-1_int13';
const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Resolves `true` after `ms`, or `false` at once when the simulator stops. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function routeKey(method: string, match: RouteMatch): string {
  if (match.kind === 'found') return `${method} ${match.route.template}`;
  if (match.kind === 'method-not-allowed') return `${method} ${match.template}`;
  return `${method} (no route)`;
}

const FAULT_STATUS: Partial<Record<FaultKind, 500 | 502 | 503 | 504>> = {
  status500: 500,
  status502: 502,
  status503: 503,
  status504: 504,
};

/**
 * Starts the simulator on 127.0.0.1.
 *
 * @example
 * const sim = await startWebexSimulator({ org: demoOrg, rateLimit: { requestsPerSecond: 50, burst: 10 } });
 * const client = createWebexClient({ baseUrl: sim.baseUrl, getToken: async () => sim.token });
 * // ...
 * await sim.stop();
 */
export async function startWebexSimulator(options: WebexSimulatorOptions): Promise<WebexSimulator> {
  const host = options.host ?? '127.0.0.1';
  if (options.maxPageSize !== undefined && !(Number.isInteger(options.maxPageSize) && options.maxPageSize >= 1)) {
    throw new RangeError(`maxPageSize must be an integer >= 1, got ${options.maxPageSize}`);
  }
  if (host !== '127.0.0.1') throw new Error('The Webex simulator only listens on 127.0.0.1');
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const org = parseOrgFixture(options.org);
  const state = new OrgState(org, { now });

  const tokens = new TokenRegistry(org.orgId, now);
  const oauth = new OAuthIssuer(tokens, now);
  for (const client of options.oauthClients ?? []) oauth.addClient(client);
  const token = options.token ?? generateToken();
  tokens.add({ token, scopes: FULL_SCOPES });
  for (const extra of options.tokens ?? []) tokens.add(extra);

  let bucket = options.rateLimit ? new TokenBucket(options.rateLimit, now) : undefined;
  const faults = new FaultInjector(options.faults, random);
  let latencyMs = validLatency(options.latencyMs ?? 0);
  const log = new RequestLog(options.requestLogLimit);
  const encodeOwnerId =
    options.reencodeOwnerIds === false
      ? (id: string) => id
      : memoize((id: string) => {
          const decoded = decodeWebexId(id);
          return decoded ? encodeWebexId(decoded.type, decoded.uuid, ALTERNATE_CLUSTER) : id;
        });
  const stopping = new AbortController();
  // Every delayed answer listens on this one signal (and removes itself): many at once is expected, not a leak.
  setMaxListeners(0, stopping.signal);
  let origin = '';

  /** Auth, rate limit, routing, scopes, orgId, handler: the answer of a request that is not faulted. */
  function answer(req: IncomingMessage, method: string, match: RouteMatch, url: URL, body: string): RouteAnswer {
    const caller = tokens.authenticate(req.headers.authorization);
    if (!caller) return unauthorized();
    const limit = bucket?.take();
    if (limit && !limit.allowed) return tooManyRequests(limit.retryAfterSeconds);
    if (match.kind === 'not-found') return notFound();
    if (match.kind === 'method-not-allowed') return methodNotAllowed();
    const { route, params } = match;
    if (!hasScope(caller, route.scope)) return forbidden();
    const requestedOrg = route.documentsOrgId ? url.searchParams.get('orgId')?.trim() || undefined : undefined;
    if (requestedOrg !== undefined && !mayManageOrg(caller, requestedOrg)) return forbidden();
    return route.handle({
      params,
      query: url.searchParams,
      url,
      body,
      state,
      orgId: requestedOrg ?? state.orgId,
      maxPageSize: options.maxPageSize,
      encodeOwnerId,
    });
  }

  function send(res: ServerResponse, result: RouteAnswer, trackingId: string): number {
    res.setHeader('TrackingID', trackingId);
    for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
    if (isErrorAnswer(result)) {
      res.setHeader('Content-Type', 'application/json;charset=UTF-8');
      res.writeHead(result.status).end(JSON.stringify(errorBody(result, trackingId)));
    } else if (result.status === 204) {
      res.writeHead(204).end();
    } else {
      res.setHeader('Content-Type', 'application/json;charset=UTF-8');
      res.writeHead(result.status).end(JSON.stringify(result.body));
    }
    return result.status;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const time = now();
    const trackingId = responseTrackingId(req.headers.trackingid);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', origin);
    const v1Path = url.pathname === '/v1' || url.pathname.startsWith('/v1/') ? url.pathname.slice(3) : undefined;
    const match: RouteMatch = v1Path === undefined ? { kind: 'not-found' } : matchRoute(method, v1Path);
    const isTokenEndpoint = v1Path === ACCESS_TOKEN_PATH;
    const route = isTokenEndpoint ? `${method} ${ACCESS_TOKEN_PATH}` : routeKey(method, match);
    log.count(route);
    const entry = { method, path: url.pathname, route, query: loggableQuery(url.searchParams), trackingId, time };
    const record = (rest: Pick<LoggedRequest, 'status'> & Partial<LoggedRequest>) => log.record({ ...entry, ...rest });

    const body = await readBody(req);
    if (latencyMs > 0 && !(await sleep(latencyMs, stopping.signal))) return;
    if (stopping.signal.aborted) return;

    const fault = faults.next();
    if (fault !== undefined) {
      if (method === 'PUT' && fault !== 'locked423' && body !== undefined && faults.appliesBeforeFault()) {
        answer(req, method, match, url, body);
      }
      const status = FAULT_STATUS[fault];
      if (status !== undefined) return record({ status: send(res, serverError(status), trackingId), fault });
      if (fault === 'locked423') {
        return record({ status: send(res, locked(faults.retryAfterSeconds), trackingId), fault });
      }
      if (fault === 'reset') {
        req.socket.resetAndDestroy();
        return record({ status: undefined, fault });
      }
      // 'hang': never answer; the client aborts, or stop() closes the socket.
      return record({ status: undefined, fault });
    }

    const result =
      body === undefined
        ? malformed()
        : isTokenEndpoint
          ? answerAccessToken(oauth, method, req.headers['content-type'], body)
          : answer(req, method, match, url, body);
    record({ status: send(res, result, trackingId) });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A simulator bug: answer 500 loudly rather than hang the client; the log says why.
      const message = error instanceof Error ? error.message : String(error);
      console.error('webex-simulator: internal error', error);
      const trackingId = responseTrackingId(req.headers.trackingid);
      if (!res.headersSent && !res.destroyed) send(res, serverError(500), trackingId);
      log.record({
        method: req.method ?? '',
        path: req.url?.split('?')[0] ?? '',
        route: 'internal-error',
        query: {},
        status: 500,
        trackingId,
        time: now(),
        internalError: message,
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;

  let stopped: Promise<void> | undefined;
  return {
    baseUrl: `${origin}/v1`,
    token,
    state,
    requestLog: log.entries,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        stopping.abort();
        server.close(() => resolve());
        // Hung answers and idle keep-alive sockets would keep close() waiting forever.
        server.closeAllConnections();
      });
      return stopped;
    },
    configure(knobs: SimulatorKnobs) {
      if (knobs.rateLimit === null) bucket = undefined;
      else if (knobs.rateLimit !== undefined) {
        if (bucket) bucket.reconfigure(knobs.rateLimit);
        else bucket = new TokenBucket(knobs.rateLimit, now);
      }
      if (knobs.faults !== undefined) faults.configure(knobs.faults ?? undefined);
      if (knobs.latencyMs !== undefined) latencyMs = validLatency(knobs.latencyMs);
    },
    addToken: (t) => tokens.add(t),
    revokeToken: (t) => tokens.revoke(t),
    addOAuthClient: (client) => oauth.addClient(client),
    authorizeOAuthClient: (clientId) => oauth.authorize(clientId),
    revokeRefreshToken: (refreshToken) => oauth.revokeRefreshToken(refreshToken),
    counters: () => log.counters(),
    resetCounters: () => log.resetCounters(),
    clearRequestLog: () => log.clear(),
  };
}

/** Owner ids are re-encoded on every available-numbers answer: remember them (they are the org's own ids). */
function memoize(encode: (id: string) => string): (id: string) => string {
  const memo = new Map<string, string>();
  return (id) => {
    let encoded = memo.get(id);
    if (encoded === undefined) memo.set(id, (encoded = encode(id)));
    return encoded;
  };
}

function validLatency(ms: number): number {
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`latencyMs must be >= 0, got ${ms}`);
  return ms;
}
