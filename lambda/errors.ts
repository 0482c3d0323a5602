/**
 * The one error hierarchy of ecbn-provisioner, and the one function that classifies a failure.
 *
 * Every failure the product can meet is an {@link EcbnError} subclass (or is wrapped into one), and
 * {@link classifyError} is the only place that decides what happens to it:
 *
 * - `permanent`: retrying cannot help (bad input, unknown person, invalid rule, a refused update). The record goes to
 *   the dead-letter queue with its reason.
 * - `transient`: the same request may succeed later (429, 423, 5xx, timeouts, network). The record is deferred
 *   through the queue's visibility timeout.
 * - `configuration`: the token or its scopes are wrong (401/403). This affects every message, not this one: the record
 *   is deferred and an error-level alarm fires, so a bad token never dead-letters a whole backlog in minutes.
 *
 * Messages never contain the Webex token: HTTP errors carry method, path (no query) and tracking id only.
 */

/** How a failure is handled; see {@link classifyError}. */
export const ErrorClass = {
  /** Retrying cannot help: dead-letter with the reason. */
  PERMANENT: 'permanent',
  /** May succeed later: defer through the queue. */
  TRANSIENT: 'transient',
  /** Token or scopes wrong (401/403): defer and alarm; affects every message. */
  CONFIGURATION: 'configuration',
} as const;
export type ErrorClass = (typeof ErrorClass)[keyof typeof ErrorClass];

/** Base class of every error the product raises on purpose. */
export abstract class EcbnError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Input, rules and configuration
// ---------------------------------------------------------------------------------------------------------------

/** An SQS message body that is not a valid onboarding event. `message` names the field path. */
export class InvalidEventError extends EcbnError {}

/** The event names an organisation that `ALLOWED_ORG_IDS` does not list. */
export class DisallowedOrgError extends EcbnError {}

/** The rules file does not parse or breaks a semantic check; `issues` lists every problem with its path. */
export class InvalidRulesError extends EcbnError {
  readonly issues: readonly string[];
  constructor(issues: readonly string[], source = 'rules file', options?: ErrorOptions) {
    super(`${source} is invalid: ${issues.join('; ')}`, options);
    this.issues = issues;
  }
}

/**
 * The Webex token could not be read from Secrets Manager, or the secret has the wrong shape. Like a 401 it affects
 * every message, not one: records are deferred (and alarmed on), never dead-lettered early.
 */
export class TokenUnavailableError extends EcbnError {}

/**
 * The token secret was read but does not hold one of the documented forms (`lambda/token/token-secret.ts`). The
 * message names what is wrong (field paths, expected types), never the value. A subclass of
 * {@link TokenUnavailableError}: it is classified the same way (configuration).
 */
export class TokenSecretInvalidError extends TokenUnavailableError {}

/** An environment variable is missing or malformed (fails the cold start; names the variable). */
export class ConfigurationVariableError extends EcbnError {}

/**
 * The person is unknown to Webex or has no Webex Calling location yet (HR events often arrive before the calling
 * licence). Retried until the event is `PERSON_NOT_READY_RETRY_MINUTES` old, then dead-lettered.
 */
export class PersonNotReadyError extends EcbnError {}

/** The person's wanted ECBN was refused by Webex and no documented fallback applies. */
export class EcbnUpdateRefusedError extends EcbnError {}

/**
 * Webex accepted a zone member but reads it back as unusable: another member, or quality `INVALID` (its number went
 * inactive after the candidates were read). Handled like a refused member: the documented fallback is put instead.
 */
export class MemberNotAppliedError extends EcbnError {}

/**
 * The record was not started: the invocation is near its deadline, or the container's rate-limit gate is closed.
 * `retryAfterSeconds` says when to look again.
 */
export class RecordNotStartedError extends EcbnError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Person ledger (DynamoDB)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Another record holds this person's lease (one writer per person): the record is deferred briefly through the queue,
 * never dropped. `retryAfterSeconds` is the short deferral.
 */
export class LedgerBusyError extends EcbnError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * The ledger could not be read or written (throttled, unreachable, 5xx, a lease lost to expiry): transient. The record
 * is deferred, never decided without the ordering check. The SDK error is the `cause`.
 */
export class LedgerUnavailableError extends EcbnError {}

/**
 * The ledger table is missing or the function may not use it (`AccessDeniedException`, `ResourceNotFoundException`):
 * like a bad token it affects every record, so it is a configuration failure (deferred and alarmed).
 */
export class LedgerAccessError extends EcbnError {}

// ---------------------------------------------------------------------------------------------------------------
// Webex API
// ---------------------------------------------------------------------------------------------------------------

/** Where a Webex call went; never holds the query string (it may name people) nor the token. */
export interface WebexRequestInfo {
  readonly method: string;
  /** Path relative to the API base, without query string, e.g. `/telephony/config/people/{id}/emergencyCallbackNumber`. */
  readonly path: string;
  /** The `TrackingID` we sent, or the one Webex answered with when it differs. */
  readonly trackingId: string;
}

/** Any failure talking to the Webex API. */
export abstract class WebexError extends EcbnError {
  readonly method: string;
  readonly path: string;
  readonly trackingId: string;
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined;

  constructor(message: string, request: WebexRequestInfo, status?: number, options?: ErrorOptions) {
    super(`${message} (${request.method} ${request.path}, TrackingID ${request.trackingId})`, options);
    this.method = request.method;
    this.path = request.path;
    this.trackingId = request.trackingId;
    this.status = status;
  }
}

/** Webex answered with an HTTP error status. `errorCode`/`description` come from the Webex error body when present. */
export class WebexHttpError extends WebexError {
  readonly errorCode: number | undefined;
  readonly description: string | undefined;

  constructor(
    status: number,
    request: WebexRequestInfo,
    detail: { errorCode?: number | undefined; description?: string | undefined } = {},
    options?: ErrorOptions,
  ) {
    const code = detail.errorCode === undefined ? '' : ` [${detail.errorCode}]`;
    const text = detail.description === undefined ? '' : `: ${detail.description}`;
    super(`Webex answered ${status}${code}${text}`, request, status, options);
    this.errorCode = detail.errorCode;
    this.description = detail.description;
  }
}

/** 400: the request was invalid (e.g. a member that is not an available ECBN number). */
export class WebexBadRequestError extends WebexHttpError {}
/** 401: the token is missing, expired or revoked. */
export class WebexAuthenticationError extends WebexHttpError {}
/** 403: the token lacks a scope or role, or may not manage the `orgId`. */
export class WebexForbiddenError extends WebexHttpError {}
/** 404: the person, location or path does not exist. */
export class WebexNotFoundError extends WebexHttpError {}

/** 429: rate limited. `retryAfterSeconds` comes from the `Retry-After` header when Webex sent one. */
export class WebexRateLimitedError extends WebexHttpError {
  readonly retryAfterSeconds: number | undefined;
  constructor(
    request: WebexRequestInfo,
    retryAfterSeconds: number | undefined,
    detail: { errorCode?: number; description?: string } = {},
  ) {
    super(429, request, detail);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 423: the resource is temporarily locked; `Retry-After` may be present. */
export class WebexLockedError extends WebexHttpError {
  readonly retryAfterSeconds: number | undefined;
  constructor(
    request: WebexRequestInfo,
    retryAfterSeconds: number | undefined,
    detail: { errorCode?: number; description?: string } = {},
  ) {
    super(423, request, detail);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 5xx (and 408): the service failed; `retryAfterSeconds` is set when a 503 carried `Retry-After`. */
export class WebexServerError extends WebexHttpError {
  readonly retryAfterSeconds: number | undefined;
  constructor(
    status: number,
    request: WebexRequestInfo,
    retryAfterSeconds?: number,
    detail: { errorCode?: number; description?: string } = {},
  ) {
    super(status, request, detail);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The connection failed (reset, refused, DNS). The original error is the `cause`. */
export class WebexNetworkError extends WebexError {
  constructor(request: WebexRequestInfo, options?: ErrorOptions) {
    super('Network error talking to Webex', request, undefined, options);
  }
}

/** No answer within the per-request timeout or before the caller's deadline. */
export class WebexTimeoutError extends WebexError {
  constructor(request: WebexRequestInfo, timeoutMs: number, options?: ErrorOptions) {
    super(`No answer from Webex within ${timeoutMs} ms`, request, undefined, options);
  }
}

/** A 2xx answer whose body does not match the documented schema even leniently. */
export class WebexResponseError extends WebexError {
  constructor(request: WebexRequestInfo, status: number, issues: string, options?: ErrorOptions) {
    super(`Unexpected Webex response body: ${issues}`, request, status, options);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Classification
// ---------------------------------------------------------------------------------------------------------------

/** Seconds the server asked us to wait, if this error carries a `Retry-After`. */
export function retryAfterSecondsOf(error: unknown): number | undefined {
  if (
    error instanceof WebexRateLimitedError ||
    error instanceof WebexLockedError ||
    error instanceof WebexServerError ||
    error instanceof RecordNotStartedError ||
    error instanceof LedgerBusyError
  ) {
    return error.retryAfterSeconds;
  }
  return undefined;
}

/**
 * The single decision of what a failure means. Everything else (client retries, queue deferral, dead-lettering,
 * alarms) asks this function.
 *
 * Unknown errors (programming bugs, unexpected SDK errors) are `permanent`: they are dead-lettered at once with their
 * message as the reason and alarmed on, instead of being retried blindly (the same stance as ky's
 * "Only retry known retriable error types").
 *
 * @example
 * classifyError(new WebexRateLimitedError(req, 5)); // 'transient'
 * classifyError(new WebexForbiddenError(403, req)); // 'configuration'
 */
export function classifyError(error: unknown): ErrorClass {
  if (
    error instanceof WebexAuthenticationError ||
    error instanceof WebexForbiddenError ||
    error instanceof TokenUnavailableError ||
    error instanceof LedgerAccessError
  ) {
    return ErrorClass.CONFIGURATION;
  }
  if (
    error instanceof WebexRateLimitedError ||
    error instanceof WebexLockedError ||
    error instanceof WebexServerError ||
    error instanceof WebexNetworkError ||
    error instanceof WebexTimeoutError ||
    error instanceof PersonNotReadyError ||
    error instanceof RecordNotStartedError ||
    error instanceof LedgerBusyError ||
    error instanceof LedgerUnavailableError
  ) {
    return ErrorClass.TRANSIENT;
  }
  return ErrorClass.PERMANENT;
}

/** True when the same request may succeed if simply sent again later. */
export function isTransient(error: unknown): boolean {
  return classifyError(error) === ErrorClass.TRANSIENT;
}

/** A short, single-line description safe for logs and DLQ attributes (no token; bounded length). */
export function describeError(error: unknown, maxLength = 256): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : typeof error === 'string' ? error : 'Unknown error';
  // Belt and braces: no error we build holds a token, but a foreign one (SDK, fetch) might echo a header.
  const oneLine = text
    .replace(/Bearer\s+[^\s,;"']+/gi, 'Bearer [REDACTED]')
    .replace(/\s+/g, ' ')
    .trim();
  return oneLine.length > maxLength ? `${oneLine.slice(0, maxLength - 1)}…` : oneLine;
}
