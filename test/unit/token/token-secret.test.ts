import { describe, expect, it } from 'vitest';
import { TokenSecretInvalidError, TokenUnavailableError, classifyError } from '../../../lambda/errors.js';
import { parseTokenSecret, serializeOAuthSecret } from '../../../lambda/token/token-secret.js';
import { canary, oauthSecret } from '../../helpers/token-secret-factories.js';

const TOKEN = canary('TOKEN');

/** Runs the parse and returns its error, asserting it never holds any of the given secrets. */
function rejection(text: string | undefined, secrets: readonly string[] = [TOKEN]): TokenSecretInvalidError {
  let caught: unknown;
  try {
    parseTokenSecret(text);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TokenSecretInvalidError);
  const message = (caught as Error).message;
  for (const secret of secrets) expect(message).not.toContain(secret);
  return caught as TokenSecretInvalidError;
}

describe('the static token secret', () => {
  it.each([
    ['a JSON object with accessToken', JSON.stringify({ accessToken: TOKEN })],
    ['a JSON object with accessToken and other fields', JSON.stringify({ accessToken: TOKEN, note: 'trial' })],
    ['a JSON string', JSON.stringify(TOKEN)],
    ['a bare token', TOKEN],
    ['a bare token with surrounding white space', `  ${TOKEN}\n`],
  ])('reads %s', (_name, text) => {
    expect(parseTokenSecret(text)).toEqual({ kind: 'static', accessToken: TOKEN });
  });

  it.each([
    ['an empty text', '', /must not be empty/],
    ['JSON-looking text that is not JSON', `{accessToken:${TOKEN}}`, /not valid JSON/],
    ['an object without accessToken', JSON.stringify({ token: TOKEN }), /accessToken: required/],
    [
      'an accessToken that is a number',
      JSON.stringify({ accessToken: 42 }),
      /accessToken: expected string, got number/,
    ],
    ['a token with inner white space', `${TOKEN} extra`, /no white space/],
    ['a JSON array', JSON.stringify([TOKEN]), /expected a mapping \(object\), got array/],
    ['no SecretString', undefined, /no SecretString/],
  ])('refuses %s, naming what is wrong without the secret', (_name, text, reason) => {
    expect(rejection(text).message).toMatch(reason);
  });
});

describe('the OAuth token secret', () => {
  it('reads every field and hands out its access token', () => {
    // Prepare
    const secret = oauthSecret();
    // Act
    const parsed = parseTokenSecret(serializeOAuthSecret(secret));
    // Assert
    expect(parsed).toEqual({ kind: 'oauth', accessToken: secret.accessToken, oauth: secret });
  });

  it.each([
    ['a missing refresh token', { refreshToken: undefined }, /refreshToken: required/],
    ['a client id that is a number', { clientId: 7 }, /clientId: expected string, got number/],
    ['an expiry that is not ISO 8601', { expiresAt: 'next tuesday' }, /expiresAt: invalid datetime/],
    ['an unknown type', { type: 'saml' }, /type: expected "oauth"/],
    ['an unknown field', { refresh_token: 'x' }, /refresh_token: unknown field/],
  ])('refuses %s, naming the field without any credential', (_name, overrides, reason) => {
    // Prepare
    const secret = oauthSecret();
    const text = JSON.stringify({ ...secret, ...overrides });
    // Act
    const error = rejection(text, [secret.accessToken, secret.refreshToken, secret.clientSecret, secret.clientId]);
    // Assert
    expect(error.message).toMatch(reason);
  });

  it('serializes the same secret to the same text whatever the field order', () => {
    const secret = oauthSecret();
    const reordered = { ...secret, type: 'oauth' as const, accessToken: secret.accessToken };
    expect(serializeOAuthSecret(reordered)).toBe(serializeOAuthSecret(secret));
  });
});

describe('a malformed secret', () => {
  it('is a configuration failure, like an unreadable one', () => {
    const error = rejection('{');
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect(classifyError(error)).toBe('configuration');
  });
});
