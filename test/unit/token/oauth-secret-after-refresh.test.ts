import { describe, expect, it } from 'vitest';
import { TokenSecretInvalidError } from '../../../lambda/errors.js';
import { oauthSecretAfterRefresh } from '../../../lambda/token/oauth-secret-after-refresh.js';
import type { RefreshedTokens } from '../../../lambda/token/webex-token-refresh.js';
import { canary, oauthSecret } from '../../helpers/token-secret-factories.js';

const NOW = Date.parse('2026-12-06T00:00:00Z');
const current = oauthSecret({ refreshTokenExpiresAt: '2027-01-01T00:00:00.000Z' });

function refreshed(overrides: Partial<RefreshedTokens> = {}): RefreshedTokens {
  return {
    accessToken: canary('NEXTACCESS'),
    expiresInSeconds: 1_209_599,
    refreshToken: current.refreshToken,
    refreshTokenExpiresInSeconds: 86_400,
    scope: undefined,
    trackingId: 'ROUTERGW_x',
    ...overrides,
  };
}

describe('the OAuth secret after a refresh', () => {
  it.each([
    {
      case: 'the same refresh token with its remaining lifetime',
      answer: refreshed(),
      refreshToken: current.refreshToken,
      refreshTokenExpiresAt: '2026-12-07T00:00:00.000Z',
    },
    {
      case: 'no refresh token at all',
      answer: refreshed({ refreshToken: undefined, refreshTokenExpiresInSeconds: undefined }),
      refreshToken: current.refreshToken,
      refreshTokenExpiresAt: '2027-01-01T00:00:00.000Z',
    },
    {
      case: 'a new refresh token',
      answer: refreshed({ refreshToken: 'CANARY-NEWREFRESH-aa11', refreshTokenExpiresInSeconds: 7_776_000 }),
      refreshToken: 'CANARY-NEWREFRESH-aa11',
      refreshTokenExpiresAt: '2027-03-06T00:00:00.000Z',
    },
  ])('keeps the client and takes the access token and expiry from an answer with $case', (row) => {
    const next = oauthSecretAfterRefresh(current, row.answer, NOW);
    expect(next).toEqual({
      type: 'oauth',
      clientId: current.clientId,
      clientSecret: current.clientSecret,
      accessToken: row.answer.accessToken,
      expiresAt: '2026-12-19T23:59:59.000Z',
      refreshToken: row.refreshToken,
      refreshTokenExpiresAt: row.refreshTokenExpiresAt,
    });
  });

  it('refuses a new refresh token whose expiry Webex did not give', () => {
    const attempt = () =>
      oauthSecretAfterRefresh(
        current,
        refreshed({ refreshToken: 'CANARY-NEWREFRESH-bb22', refreshTokenExpiresInSeconds: undefined }),
        NOW,
      );
    expect(attempt).toThrow(TokenSecretInvalidError);
  });
});
