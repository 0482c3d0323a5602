/**
 * PURE: the OAuth secret after a refresh. The access token and its expiry come from the answer (`expires_in` is
 * authoritative, reference §4); the refresh token is the one Webex returned, or the one we had when Webex returned
 * none, with its expiry from `refresh_token_expires_in` (or the one we had).
 */
import { TokenSecretInvalidError } from '../errors.js';
import type { OAuthTokenSecret } from './token-secret.js';
import type { RefreshedTokens } from './webex-token-refresh.js';

/** What was refreshed: the client, and the refresh token with its known expiry (unknown at first setup). */
export interface RefreshedFrom {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt?: string | undefined;
}

/**
 * @example
 * oauthSecretAfterRefresh(current.oauth, refreshed, Date.now()).expiresAt; // now + expires_in, ISO 8601
 */
export function oauthSecretAfterRefresh(
  from: RefreshedFrom,
  refreshed: RefreshedTokens,
  nowMs: number,
): OAuthTokenSecret {
  const refreshToken = refreshed.refreshToken ?? from.refreshToken;
  const refreshTokenExpiresAt =
    refreshed.refreshTokenExpiresInSeconds !== undefined
      ? new Date(nowMs + refreshed.refreshTokenExpiresInSeconds * 1000).toISOString()
      : refreshToken === from.refreshToken
        ? from.refreshTokenExpiresAt
        : undefined;
  if (refreshTokenExpiresAt === undefined) {
    throw new TokenSecretInvalidError(
      'Webex returned no refresh_token_expires_in: the refresh token expiry is unknown',
    );
  }
  return {
    type: 'oauth',
    clientId: from.clientId,
    clientSecret: from.clientSecret,
    refreshToken,
    accessToken: refreshed.accessToken,
    expiresAt: new Date(nowMs + refreshed.expiresInSeconds * 1000).toISOString(),
    refreshTokenExpiresAt,
  };
}
