/**
 * The public surface of the Webex Calling client: import from here, not from the files behind it.
 *
 * @example
 * import { createWebexClient } from './webex/index.js';
 * const webex = createWebexClient({ getToken });
 */
export { createWebexClient, DEFAULT_TIMEOUT_MS, DEFAULT_TRACKING_ID_PREFIX, MAX_PAGES } from './client.js';
export { DEFAULT_WEBEX_BASE_URL, isLoopbackHost, resolveBaseUrl } from './base-url.js';
export {
  createNodeTransport,
  DEFAULT_IDLE_SOCKET_TIMEOUT_MS,
  type NodeTransport,
  type NodeTransportOptions,
} from './node-transport.js';
export {
  DEFAULT_RETRY_POLICY,
  NoRetryReason,
  RETRYABLE_METHODS,
  backoffDelayMs,
  decideRetry,
  isRetryableMethod,
  parseRetryAfter,
  resolveRetryPolicy,
  type ResolvedRetryPolicy,
  type RetryContext,
  type RetryDecision,
} from './retry-policy.js';
export { parseNextLink, resolveNextPageUrl, type NextPageUrl } from './pagination.js';
export { mapHttpError, mapTransportError, parseWebexErrorBody, type WebexErrorDetail } from './error-mapping.js';
export { REDACTED, redactSecret, sanitizeCause } from './redaction.js';
export type * from './types.js';
export * from './models.js';
export * from './ids.js';
