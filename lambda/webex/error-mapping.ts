/**
 * Turns a failed HTTP attempt into the typed `Webex*Error` of `../errors.ts`.
 *
 * Status codes and their meaning: the 15 standard responses every ECBN operation documents
 * (https://developer.webex.com/docs/api/basics#api-errors; the body shapes are in docs/webex-simulator.md).
 * Error bodies look like `{message, errors:[{description, errorCode?}], trackingId, errorCode?}`; Webex Calling
 * descriptions carry the code in the text too: `[Error 25008] Missing Mandatory field name: {0}`.
 */
import {
  WebexAuthenticationError,
  WebexBadRequestError,
  WebexForbiddenError,
  WebexHttpError,
  WebexLockedError,
  WebexNetworkError,
  WebexNotFoundError,
  WebexRateLimitedError,
  WebexServerError,
  WebexTimeoutError,
  type WebexError,
  type WebexRequestInfo,
} from '../errors.js';
import { LENIENT_SCHEMAS } from './models.js';
import { redactSecret, sanitizeCause } from './redaction.js';
import { parseRetryAfter } from './retry-policy.js';
import type { HttpResponseHeaders } from './types.js';

/** What the client keeps from a Webex error body. */
export interface WebexErrorDetail {
  readonly errorCode?: number;
  readonly description?: string;
  readonly trackingId?: string;
}

/** Longest description kept in an error (bodies can be long; DLQ attributes and log lines are not). */
const MAX_DESCRIPTION_LENGTH = 500;

/**
 * Reads the Webex error body, if it is one. `errorCode` comes from `errors[0].errorCode`, else the top-level
 * `errorCode`, else the `[Error NNNN]` prefix of the description; `description` from `errors[0].description`, else
 * `message`. Any occurrence of `secret` is redacted.
 *
 * @example
 * parseWebexErrorBody('{"message":"x","errors":[{"description":"[Error 25008] Missing Mandatory field"}]}');
 * // { errorCode: 25008, description: '[Error 25008] Missing Mandatory field' }
 */
export function parseWebexErrorBody(bodyText: string, secret?: string): WebexErrorDetail {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    return {};
  }
  const parsed = LENIENT_SCHEMAS.errorBody.safeParse(json);
  if (!parsed.success) return {};
  const body = parsed.data;
  const first = body.errors?.find((item) => item.description !== undefined || item.errorCode !== undefined);
  const rawDescription = first?.description ?? body.message;
  const description =
    rawDescription === undefined ? undefined : redactSecret(rawDescription, secret).slice(0, MAX_DESCRIPTION_LENGTH);
  const codeInText = rawDescription === undefined ? undefined : /\[Error (\d+)\]/.exec(rawDescription)?.[1];
  const errorCode = first?.errorCode ?? body.errorCode ?? (codeInText === undefined ? undefined : Number(codeInText));
  return {
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(description === undefined ? {} : { description }),
    ...(body.trackingId === undefined ? {} : { trackingId: body.trackingId }),
  };
}

/** An HTTP error answer, as read by the HTTP core. */
export interface HttpErrorAnswer {
  readonly status: number;
  readonly headers: HttpResponseHeaders;
  readonly bodyText: string;
  /** Method, path and the `TrackingID` we sent. */
  readonly request: WebexRequestInfo;
  /** Current time (epoch ms) for an HTTP-date `Retry-After`. */
  readonly now: number;
  /** The token of this attempt, scrubbed from any echoed text. */
  readonly secret?: string;
}

/**
 * The `TrackingID` that identifies this exchange to Webex support: the response header (Webex answers `TrackingID`
 * or `Trackingid`; the lookup is case-insensitive), else the error body's `trackingId`, else the one we sent.
 */
export function answeredTrackingId(
  headers: HttpResponseHeaders,
  bodyTrackingId: string | undefined,
  sent: string,
): string {
  return headers.get('trackingid') ?? bodyTrackingId ?? sent;
}

/**
 * Maps a non-2xx answer to its error class.
 *
 * | status | error |
 * |---|---|
 * | 400 | `WebexBadRequestError` (errorCode, description) |
 * | 401 | `WebexAuthenticationError` |
 * | 403 | `WebexForbiddenError` |
 * | 404 | `WebexNotFoundError` |
 * | 408, 5xx | `WebexServerError` (retryAfterSeconds) |
 * | 423 | `WebexLockedError` (retryAfterSeconds) |
 * | 429 | `WebexRateLimitedError` (retryAfterSeconds) |
 * | other | `WebexHttpError` |
 *
 * @example
 * mapHttpError({ status: 429, headers: new Headers({ 'Retry-After': '3' }), bodyText: '', request, now: Date.now() });
 * // WebexRateLimitedError { retryAfterSeconds: 3 }
 */
export function mapHttpError(answer: HttpErrorAnswer): WebexHttpError {
  const detail = parseWebexErrorBody(answer.bodyText, answer.secret);
  const request: WebexRequestInfo = {
    ...answer.request,
    trackingId: answeredTrackingId(answer.headers, detail.trackingId, answer.request.trackingId),
  };
  const retryAfterSeconds = parseRetryAfter(answer.headers.get('retry-after'), answer.now);
  const { errorCode, description } = detail;
  const codes = {
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(description === undefined ? {} : { description }),
  };
  const { status } = answer;
  switch (status) {
    case 400:
      return new WebexBadRequestError(status, request, codes);
    case 401:
      return new WebexAuthenticationError(status, request, codes);
    case 403:
      return new WebexForbiddenError(status, request, codes);
    case 404:
      return new WebexNotFoundError(status, request, codes);
    case 423:
      return new WebexLockedError(request, retryAfterSeconds, codes);
    case 429:
      return new WebexRateLimitedError(request, retryAfterSeconds, codes);
    default:
      if (status === 408 || (status >= 500 && status <= 599)) {
        return new WebexServerError(status, request, retryAfterSeconds, codes);
      }
      return new WebexHttpError(status, request, codes);
  }
}

/** A `fetch` that rejected or a body that could not be read. */
export interface TransportFailure {
  readonly error: unknown;
  readonly request: WebexRequestInfo;
  /** True when our own per-attempt timer aborted the request. */
  readonly timedOut: boolean;
  /** The timeout this attempt had (after clipping to the deadline). */
  readonly timeoutMs: number;
  readonly secret?: string;
}

/**
 * Maps a transport failure: our abort → `WebexTimeoutError`, anything else → `WebexNetworkError`. The original error
 * becomes a sanitised `cause` (no request, no headers, no token).
 *
 * @example
 * mapTransportError({ error: new TypeError('fetch failed'), request, timedOut: false, timeoutMs: 10_000 });
 * // WebexNetworkError { cause: TypeError('fetch failed') }
 */
export function mapTransportError(failure: TransportFailure): WebexError {
  const cause = sanitizeCause(failure.error, failure.secret);
  return failure.timedOut
    ? new WebexTimeoutError(failure.request, failure.timeoutMs, { cause })
    : new WebexNetworkError(failure.request, { cause });
}
