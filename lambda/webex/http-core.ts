/**
 * The one HTTP core of the Webex client, on an injectable transport (`fetch` or the keep-alive `node:https` one of
 * `node-transport.ts`): headers, `TrackingID`, per-attempt timeout clipped
 * to the caller's deadline, error mapping and retries. Operations (`client.ts`) build URLs and parse bodies; this file
 * knows nothing about ECBN.
 *
 * Headers on every attempt (https://developer.webex.com/docs/basics):
 * - `Authorization: Bearer <token>`: `getToken()` is awaited per attempt, so a rotated token is picked up by a retry;
 * - `TrackingID: <prefix>_<uuid>_<attempt>`: one uuid per request (each page of a list is a request), the attempt
 *   number appended, so Webex support can find every attempt of one request from one id (wxc_sdk sends
 *   `SIMPLE_<uuid>`);
 * - `Accept: application/json`, and `Content-Type: application/json` when there is a body (PUT).
 *
 * Redirects are not followed (`redirect: 'manual'`): the Webex API does not redirect these operations, and a
 * followed redirect could carry the token to another host. A 3xx surfaces as a `WebexHttpError`.
 */
import { randomUUID } from 'node:crypto';
import {
  WebexResponseError,
  WebexTimeoutError,
  retryAfterSecondsOf,
  type WebexError,
  type WebexRequestInfo,
} from '../errors.js';
import { pathBelowBase } from './base-url.js';
import { answeredTrackingId, mapHttpError, mapTransportError } from './error-mapping.js';
import { decideRetry, type ResolvedRetryPolicy } from './retry-policy.js';
import type { ClientLogger, HttpResponseHeaders, HttpTransport, WebexAttempt, WebexCallOptions } from './types.js';

/** Methods the core sends. Both are idempotent, hence retryable. */
export type HttpMethod = 'GET' | 'PUT';

/** Dependencies and settings of the core; `createWebexClient` fills the defaults. */
export interface HttpCoreOptions {
  readonly baseUrl: URL;
  readonly getToken: () => Promise<string>;
  /** Sends one attempt; the global `fetch` fits. */
  readonly transport: HttpTransport;
  readonly timeoutMs: number;
  readonly retry: ResolvedRetryPolicy;
  readonly logger?: ClientLogger | undefined;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly trackingIdPrefix: string;
  /** Source of the uuid part of `TrackingID`. @default crypto.randomUUID */
  readonly newUuid?: () => string;
}

/** One request (all its attempts). */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** Absolute URL under the base URL, with its query. */
  readonly url: URL;
  /** JSON-serialisable body (PUT). */
  readonly body?: unknown;
  readonly call?: WebexCallOptions | undefined;
}

/** A 2xx answer. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: HttpResponseHeaders;
  /** Parsed JSON, or `undefined` for an empty body (204). */
  readonly body: unknown;
  /** Method, path (no query) and the tracking id Webex answered with (or ours). */
  readonly request: WebexRequestInfo;
}

/** Sends requests; see the module comment. */
export interface HttpCore {
  send(request: HttpRequest): Promise<HttpResponse>;
}

type AttemptOutcome =
  | { readonly ok: true; readonly response: HttpResponse }
  | { readonly ok: false; readonly error: WebexError; readonly status: number | undefined };

/**
 * Creates the HTTP core.
 *
 * @example
 * const core = createHttpCore({ baseUrl: resolveBaseUrl(), getToken, transport: fetch, timeoutMs: 10_000,
 *   retry: DEFAULT_RETRY_POLICY, now: Date.now, sleep, random: Math.random, trackingIdPrefix: 'ECBNP' });
 * const { body } = await core.send({ method: 'GET', url: new URL('https://webexapis.com/v1/people/abc') });
 */
export function createHttpCore(options: HttpCoreOptions): HttpCore {
  const newUuid = options.newUuid ?? randomUUID;

  async function attemptOnce(request: HttpRequest, sent: WebexRequestInfo, timeoutMs: number): Promise<AttemptOutcome> {
    const token = await options.getToken();
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      TrackingID: sent.trackingId,
      Accept: 'application/json',
    };
    let payload: string | undefined;
    if (request.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(request.body);
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let status: number | undefined;
    let answered = sent;
    try {
      const response = await options.transport(request.url, {
        method: request.method,
        headers,
        ...(payload === undefined ? {} : { body: payload }),
        signal: controller.signal,
        redirect: 'manual',
      });
      status = response.status;
      answered = { ...sent, trackingId: answeredTrackingId(response.headers, undefined, sent.trackingId) };
      // The body is read under the same timer: a server that sends headers and then stalls is a timeout too.
      const bodyText = await response.text();
      if (status < 200 || status > 299) {
        const error = mapHttpError({
          status: response.status,
          headers: response.headers,
          bodyText,
          request: sent,
          now: options.now(),
          secret: token,
        });
        return { ok: false, error, status };
      }
      const body = parseJsonBody(bodyText);
      // A PUT's answer body is not used (204 is documented): once Webex accepted the change, an odd body must not
      // turn it into a failure.
      if (!body.ok && request.method === 'GET') {
        return { ok: false, error: new WebexResponseError(answered, status, body.reason), status };
      }
      const value = body.ok ? body.value : undefined;
      return { ok: true, response: { status, headers: response.headers, body: value, request: answered } };
    } catch (error) {
      return {
        ok: false,
        error: mapTransportError({ error, request: answered, timedOut, timeoutMs, secret: token }),
        status: undefined,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  function report(call: WebexCallOptions | undefined, attempt: WebexAttempt): void {
    call?.onAttempt?.(attempt);
  }

  return {
    async send(request: HttpRequest): Promise<HttpResponse> {
      const deadline = request.call?.deadline ?? Number.POSITIVE_INFINITY;
      const path = pathBelowBase(request.url, options.baseUrl);
      const requestTrackingId = `${options.trackingIdPrefix}_${newUuid()}`;
      let lastError: WebexError | undefined;

      for (let attempt = 1; ; attempt += 1) {
        const sent: WebexRequestInfo = { method: request.method, path, trackingId: `${requestTrackingId}_${attempt}` };
        const started = options.now();
        const remainingMs = deadline - started;
        if (remainingMs <= 0) {
          // No attempt starts at or after the deadline. After a failed attempt its error is the better answer.
          throw (
            lastError ??
            new WebexTimeoutError(sent, 0, {
              cause: new Error('The caller deadline passed before the request started'),
            })
          );
        }
        const timeoutMs = Math.min(options.timeoutMs, remainingMs);
        const outcome = await attemptOnce(request, sent, timeoutMs);
        const answeredId = outcome.ok ? outcome.response.request.trackingId : outcome.error.trackingId;
        report(request.call, {
          method: request.method,
          path,
          status: outcome.ok ? outcome.response.status : outcome.status,
          trackingId: answeredId,
          attempt,
          durationMs: options.now() - started,
          ...(outcome.ok ? {} : { retryAfterSeconds: retryAfterSecondsOf(outcome.error) }),
        });
        if (outcome.ok) return outcome.response;

        lastError = outcome.error;
        const decision = decideRetry(
          { method: request.method, error: outcome.error, attempt, now: options.now(), deadline },
          options.retry,
          options.random,
        );
        if (!decision.retry) throw outcome.error;
        options.logger?.debug?.('Webex request retried', {
          method: request.method,
          path,
          status: outcome.status,
          error: outcome.error.name,
          trackingId: answeredId,
          attempt,
          delayMs: decision.delayMs,
          basis: decision.basis,
        });
        await options.sleep(decision.delayMs);
      }
    },
  };
}

function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
}
