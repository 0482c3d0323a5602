/**
 * Token secrets for tests, holding canaries (`CANARY-<WORD>-<hex>`): CI fails when one appears in test output.
 */
import { randomBytes } from 'node:crypto';
import type { OAuthTokenSecret } from '../../lambda/token/token-secret.js';

/** A fresh canary, e.g. `CANARY-REFRESH-1a2b3c4d5e6f`. */
export function canary(word: string): string {
  return `CANARY-${word}-${randomBytes(6).toString('hex')}`;
}

/** An OAuth secret whose every credential is a canary; times relative to `now`. */
export function oauthSecret(overrides: Partial<OAuthTokenSecret> = {}, now = new Date()): OAuthTokenSecret {
  return {
    type: 'oauth',
    clientId: canary('CLIENTID'),
    clientSecret: canary('CLIENTSECRET'),
    refreshToken: canary('REFRESH'),
    accessToken: canary('ACCESS'),
    expiresAt: new Date(now.getTime() + 14 * 24 * 3600_000).toISOString(),
    refreshTokenExpiresAt: new Date(now.getTime() + 90 * 24 * 3600_000).toISOString(),
    ...overrides,
  };
}
