/**
 * The simulator's OAuth side: clients (an integration or a service app: client id, secret, scopes), the refresh
 * tokens a full admin's authorisation gives them, and `POST /v1/access_token` with `grant_type=refresh_token`
 * (reference §4 and §8: form-encoded `grant_type=refresh_token&client_id&client_secret&refresh_token` →
 * `{access_token, expires_in, refresh_token, refresh_token_expires_in, token_type, scope}`).
 *
 * Documented: the request and response fields; lifetimes come from each response (`expires_in`); the service-app
 * example has `expires_in` 3600 and `refresh_token_expires_in` 7776000 (the defaults here).
 * INFERRED (not stated in the Webex docs consulted):
 * - a refresh answers the same refresh token with its remaining lifetime (the official `webex/integration-refresh`
 *   README: refreshing "will often leave the value, including the expire time, unchanged"); `rotateRefreshTokens`
 *   issues a new one instead, so clients are tested for both;
 * - an access token stays valid until its own expiry after a refresh issues the next one;
 * - error statuses follow RFC 6749 §5.2 (an unknown client or wrong secret → 401, an unknown, expired or revoked
 *   refresh token → 400, a missing parameter or another grant → 400), with Webex's error body shape;
 * - `scope` is the client's scopes joined by spaces.
 */
import { randomBytes } from 'node:crypto';
import type { TokenRegistry } from './auth.js';

/** An OAuth client the simulator knows. */
export interface SimOAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scopes: readonly string[];
  /** `expires_in` of the access tokens it gets. @default 3600 (the service-app example) */
  readonly accessTokenLifetimeSeconds?: number;
  /** `refresh_token_expires_in` of its refresh tokens. @default 7776000 (90 days) */
  readonly refreshTokenLifetimeSeconds?: number;
  /** Answer every refresh with a new refresh token (INFERRED alternative). @default false */
  readonly rotateRefreshTokens?: boolean;
}

/** What the authorisation (or a refresh) gives: tokens and their expiry times (epoch ms). */
export interface SimGrant {
  readonly accessToken: string;
  readonly accessTokenExpiresAtMs: number;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAtMs: number;
}

/** The 200 body of `POST /v1/access_token`. */
export interface AccessTokenResponse {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  token_type: 'Bearer';
  scope: string;
}

/** Why a refresh was refused: status and text, answered in Webex's error body. */
export interface RefreshRefusal {
  readonly status: 400 | 401;
  readonly message: string;
}

interface RefreshGrant {
  readonly clientId: string;
  readonly expiresAtMs: number;
}

const DEFAULT_ACCESS_SECONDS = 3600;
const DEFAULT_REFRESH_SECONDS = 7_776_000;

/** A new random credential (crypto, never the seeded `random`: it is a secret). */
function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export class OAuthIssuer {
  readonly #tokens: TokenRegistry;
  readonly #now: () => number;
  readonly #clients = new Map<string, SimOAuthClient>();
  readonly #refreshTokens = new Map<string, RefreshGrant>();
  /** Access tokens issued to each client, so revoking a client's authorisation revokes them too. */
  readonly #accessTokens = new Map<string, string[]>();

  constructor(tokens: TokenRegistry, now: () => number) {
    this.#tokens = tokens;
    this.#now = now;
  }

  addClient(client: SimOAuthClient): void {
    if (!client.clientId || !client.clientSecret) throw new Error('An OAuth client needs an id and a secret');
    this.#clients.set(client.clientId, { ...client, scopes: [...client.scopes] });
  }

  /**
   * What a full admin's authorisation in Control Hub (service app) or the authorization-code exchange (integration)
   * hands the client: a first access token and a refresh token.
   */
  authorize(clientId: string): SimGrant {
    const client = this.#clients.get(clientId);
    if (client === undefined) throw new Error('Unknown OAuth client');
    const refreshToken = newSecret('SIMREFRESH');
    const refreshTokenExpiresAtMs =
      this.#now() + lifetime(client.refreshTokenLifetimeSeconds, DEFAULT_REFRESH_SECONDS) * 1000;
    this.#refreshTokens.set(refreshToken, { clientId, expiresAtMs: refreshTokenExpiresAtMs });
    return { ...this.#issueAccessToken(client), refreshToken, refreshTokenExpiresAtMs };
  }

  /** Revokes a refresh token (the admin deauthorised the app); the access tokens of its client are revoked too. */
  revokeRefreshToken(refreshToken: string): void {
    const grant = this.#refreshTokens.get(refreshToken);
    this.#refreshTokens.delete(refreshToken);
    if (grant === undefined) return;
    for (const token of this.#accessTokens.get(grant.clientId) ?? []) this.#tokens.revoke(token);
    this.#accessTokens.delete(grant.clientId);
  }

  /**
   * `grant_type=refresh_token`: the next access token, or why not.
   *
   * @example
   * issuer.refresh(new URLSearchParams({ grant_type: 'refresh_token', client_id, client_secret, refresh_token }));
   */
  refresh(form: URLSearchParams): AccessTokenResponse | RefreshRefusal {
    const grantType = form.get('grant_type');
    const clientId = form.get('client_id');
    const clientSecret = form.get('client_secret');
    const refreshToken = form.get('refresh_token');
    if (grantType !== 'refresh_token') return { status: 400, message: 'Unsupported grant_type' };
    if (!clientId || !clientSecret || !refreshToken) {
      return { status: 400, message: 'client_id, client_secret and refresh_token are required' };
    }
    const client = this.#clients.get(clientId);
    if (client === undefined || client.clientSecret !== clientSecret) {
      return { status: 401, message: 'Invalid client_id or client_secret' };
    }
    const grant = this.#refreshTokens.get(refreshToken);
    const now = this.#now();
    if (grant === undefined || grant.clientId !== clientId || grant.expiresAtMs <= now) {
      return { status: 400, message: 'The refresh token is invalid, expired or revoked' };
    }

    let nextRefresh = refreshToken;
    let nextRefreshExpiresAtMs = grant.expiresAtMs;
    if (client.rotateRefreshTokens === true) {
      this.#refreshTokens.delete(refreshToken);
      nextRefresh = newSecret('SIMREFRESH');
      nextRefreshExpiresAtMs = now + lifetime(client.refreshTokenLifetimeSeconds, DEFAULT_REFRESH_SECONDS) * 1000;
      this.#refreshTokens.set(nextRefresh, { clientId, expiresAtMs: nextRefreshExpiresAtMs });
    }
    const access = this.#issueAccessToken(client);
    return {
      access_token: access.accessToken,
      expires_in: Math.round((access.accessTokenExpiresAtMs - now) / 1000),
      refresh_token: nextRefresh,
      refresh_token_expires_in: Math.max(0, Math.floor((nextRefreshExpiresAtMs - now) / 1000)),
      token_type: 'Bearer',
      scope: client.scopes.join(' '),
    };
  }

  #issueAccessToken(client: SimOAuthClient): Pick<SimGrant, 'accessToken' | 'accessTokenExpiresAtMs'> {
    const accessToken = newSecret('SIMACCESS');
    const accessTokenExpiresAtMs =
      this.#now() + lifetime(client.accessTokenLifetimeSeconds, DEFAULT_ACCESS_SECONDS) * 1000;
    this.#tokens.add({ token: accessToken, scopes: client.scopes, expiresAtMs: accessTokenExpiresAtMs });
    const issued = this.#accessTokens.get(client.clientId) ?? [];
    issued.push(accessToken);
    this.#accessTokens.set(client.clientId, issued);
    return { accessToken, accessTokenExpiresAtMs };
  }
}

function lifetime(seconds: number | undefined, fallback: number): number {
  const value = seconds ?? fallback;
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`A token lifetime must be > 0 s, got ${value}`);
  return value;
}
