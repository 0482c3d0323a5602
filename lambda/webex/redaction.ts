/**
 * Keeping the Webex access token out of every error, `cause` and log line the client produces.
 *
 * The client never copies request headers into an error. What it cannot control is text that comes from elsewhere:
 * a `fetch` rejection (undici's `TypeError: fetch failed` and its nested `cause`), or an error body Webex echoes back.
 * Those pass through here: foreign errors are rebuilt as plain `Error`s (name, message, `code`, nested `cause`, and
 * nothing else, so no `Request`, headers or sockets ride along) and every text has the token scrubbed.
 * The same stance as octokit's `RequestError`, which copies the request with `authorization` replaced by
 * `[REDACTED]` (octokit/request-error.js `src/index.ts`).
 */

/** What a removed secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** How deep a `cause` chain is copied; deeper links are dropped (undici nests at most two). */
const MAX_CAUSE_DEPTH = 3;

/**
 * Removes `secret` and anything that looks like a bearer credential from `text`.
 *
 * @example
 * redactSecret('Bearer abc.def failed for abc.def', 'abc.def'); // 'Bearer [REDACTED] failed for [REDACTED]'
 */
export function redactSecret(text: string, secret: string | undefined): string {
  const withoutSecret = secret ? text.split(secret).join(REDACTED) : text;
  return withoutSecret.replace(/Bearer\s+(?!\[REDACTED\])[^\s,;"']+/gi, `Bearer ${REDACTED}`);
}

/**
 * A copy of a foreign error that is safe to attach as `cause`: same name, redacted message, string `code` (e.g.
 * `ECONNRESET`) and a sanitised `cause` chain; every other property (a `Request`, headers, a socket) is dropped.
 *
 * @example
 * const cause = sanitizeCause(new TypeError('fetch failed', { cause: socketError }), token);
 * new WebexNetworkError(request, { cause });
 */
export function sanitizeCause(error: unknown, secret: string | undefined, depth = 0): Error {
  const name = error instanceof Error ? error.name : 'Error';
  const rawMessage = error instanceof Error ? error.message : typeof error === 'string' ? error : 'Non-error thrown';
  const message = redactSecret(rawMessage, secret);
  const nested =
    error instanceof Error && error.cause !== undefined && depth + 1 < MAX_CAUSE_DEPTH
      ? sanitizeCause(error.cause, secret, depth + 1)
      : undefined;
  const copy = new Error(message, nested === undefined ? undefined : { cause: nested });
  // Non-enumerable, as on a native error: JSON and loggers show the copy like the original.
  Object.defineProperty(copy, 'name', { value: name, enumerable: false, writable: true, configurable: true });
  // The stack is rebuilt from the sanitised name and message only; the original one is dropped with its text.
  copy.stack = `${name}: ${message}`;
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  if (typeof code === 'string') Object.assign(copy, { code: redactSecret(code, secret) });
  return copy;
}
