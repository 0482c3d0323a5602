/**
 * `POST /v1/access_token` with `grant_type=refresh_token` (https://developer.webex.com/docs/integrations, "Using the
 * Refresh Token"; reference §4): form-encoded `grant_type, client_id, client_secret, refresh_token` →
 * `{access_token, expires_in, refresh_token, refresh_token_expires_in, token_type, scope}`.
 *
 * Built on the Webex client's pieces (`HttpTransport`, `resolveBaseUrl`, `mapHttpError`/`mapTransportError`, the
 * `TrackingID` convention) rather than a second client: the HTTP core itself only sends bearer-authenticated JSON
 * GET/PUT. No retry here: a rotation step that fails is retried by Secrets Manager, and the CLI reports at once.
 * Errors never hold a credential: Webex's description, the status and the tracking id only.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { WebexResponseError, type WebexRequestInfo } from '../errors.js';
import { formatInputIssues, inputIssuesOf, terseErrorMap } from '../events/zod-issues.js';
import { pathBelowBase, resolveBaseUrl } from '../webex/base-url.js';
import { DEFAULT_TIMEOUT_MS, DEFAULT_TRACKING_ID_PREFIX } from '../webex/client.js';
import { answeredTrackingId, mapHttpError, mapTransportError } from '../webex/error-mapping.js';
import type { HttpTransport } from '../webex/types.js';

/** The client credentials and refresh token sent. */
export interface RefreshCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

/** Webex's answer, parsed. `refreshToken` and its lifetime are absent when Webex did not send them. */
export interface RefreshedTokens {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly refreshToken: string | undefined;
  readonly refreshTokenExpiresInSeconds: number | undefined;
  /** Space-separated scopes, when Webex sent them. */
  readonly scope: string | undefined;
  readonly trackingId: string;
}

export interface TokenRefreshOptions {
  /** @default 'https://webexapis.com/v1' */
  readonly baseUrl?: string;
  /** @default the global fetch */
  readonly transport?: HttpTransport;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

/** Lenient: Webex may add fields; the four we store must be there and typed. */
const accessTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().int().nonnegative().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});

const ROUTE = '/access_token';

/**
 * @example
 * const tokens = await refreshWebexToken({ clientId, clientSecret, refreshToken }, { baseUrl: sim.baseUrl });
 * tokens.expiresInSeconds; // 1209599
 */
export async function refreshWebexToken(
  credentials: RefreshCredentials,
  options: TokenRefreshOptions = {},
): Promise<RefreshedTokens> {
  const baseUrl = resolveBaseUrl(options.baseUrl);
  const url = new URL(`${baseUrl.href.replace(/\/+$/, '')}${ROUTE}`);
  const transport = options.transport ?? ((target, init) => fetch(target, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const request: WebexRequestInfo = {
    method: 'POST',
    path: pathBelowBase(url, baseUrl),
    trackingId: `${DEFAULT_TRACKING_ID_PREFIX}_${randomUUID()}_1`,
  };
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    refresh_token: credentials.refreshToken,
  }).toString();

  const signal = AbortSignal.timeout(timeoutMs);
  let status: number;
  let headers: Parameters<typeof answeredTrackingId>[0];
  let text: string;
  try {
    const response = await transport(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        TrackingID: request.trackingId,
      },
      body,
      signal,
      redirect: 'manual',
    });
    status = response.status;
    headers = response.headers;
    text = await response.text();
  } catch (error) {
    throw mapTransportError({
      error,
      request,
      timedOut: signal.aborted,
      timeoutMs,
      secret: credentials.refreshToken,
    });
  }
  if (status < 200 || status > 299) {
    throw mapHttpError({ status, headers, bodyText: text, request, now: now(), secret: credentials.refreshToken });
  }
  const answered = { ...request, trackingId: answeredTrackingId(headers, undefined, request.trackingId) };
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new WebexResponseError(answered, status, 'the body is not JSON');
  }
  const parsed = accessTokenResponseSchema.safeParse(json, { error: terseErrorMap });
  if (!parsed.success) {
    throw new WebexResponseError(answered, status, formatInputIssues(inputIssuesOf(parsed.error)).join('; '));
  }
  return {
    accessToken: parsed.data.access_token,
    expiresInSeconds: parsed.data.expires_in,
    refreshToken: parsed.data.refresh_token,
    refreshTokenExpiresInSeconds: parsed.data.refresh_token_expires_in,
    scope: parsed.data.scope,
    trackingId: answered.trackingId,
  };
}
