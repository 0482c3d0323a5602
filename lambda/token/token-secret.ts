/**
 * The forms the Webex token's secret may hold, parsed once with zod:
 *
 * - static, for trials: `{"accessToken": "<token>"}` or the bare token string (a personal access token lasts 12 h);
 * - OAuth, for an integration or a service app: `{"type": "oauth", "clientId", "clientSecret", "refreshToken",
 *   "accessToken", "expiresAt", "refreshTokenExpiresAt"}` (times ISO 8601). The rotation function
 *   (`lambda/token-rotation/`) refreshes it at Webex (https://developer.webex.com/docs/integrations, "Using the Refresh
 *   Token") and stores the next version.
 *
 * A text that looks like JSON (starts with `{`, `[` or `"`) must be JSON: `{accessToken:abc}` is refused, never sent as a
 * bearer token. Errors name the field and what was expected, never a value (`TokenSecretInvalidError`). JSON.parse's
 * own message is not used either: newer V8 versions quote the start of the input in it.
 */
import * as z from 'zod';
import { formatInputIssues, inputIssuesOf, terseErrorMap } from '../events/zod-issues.js';
import { TokenSecretInvalidError } from '../errors.js';

const OAUTH_TYPE = 'oauth';

/** A token as sent in `Authorization: Bearer …`: one word of printable ASCII. */
const tokenText = z
  .string()
  .trim()
  .min(1)
  .regex(/^[\x21-\x7e]+$/, 'must be one word of printable ASCII (no white space)');

const isoTime = z.iso.datetime({ offset: true });

const staticSecretSchema = z.looseObject({ accessToken: tokenText });

const oauthSecretSchema = z.strictObject({
  type: z.literal(OAUTH_TYPE),
  clientId: tokenText,
  clientSecret: tokenText,
  refreshToken: tokenText,
  accessToken: tokenText,
  /** When the access token expires (Webex's `expires_in` added to the time it was issued). */
  expiresAt: isoTime,
  /** When the refresh token expires (`refresh_token_expires_in`); a new authorisation is needed after it. */
  refreshTokenExpiresAt: isoTime,
});

/** The OAuth form as stored in the secret. */
export type OAuthTokenSecret = z.infer<typeof oauthSecretSchema>;

/** What the function needs from any form; `oauth` is present for the OAuth form only. */
export type TokenSecret =
  | { readonly kind: 'static'; readonly accessToken: string }
  | { readonly kind: 'oauth'; readonly accessToken: string; readonly oauth: OAuthTokenSecret };

/**
 * Parses the secret's `SecretString`. Throws {@link TokenSecretInvalidError} naming what is wrong.
 *
 * @example
 * parseTokenSecret('{"accessToken":"abc"}'); // { kind: 'static', accessToken: 'abc' }
 * parseTokenSecret('abc'); // { kind: 'static', accessToken: 'abc' }
 * parseTokenSecret('{accessToken:abc}'); // throws: looks like JSON but does not parse
 */
export function parseTokenSecret(secretString: string | undefined): TokenSecret {
  if (secretString === undefined) throw invalid(['the secret has no SecretString (a binary secret is not supported)']);
  const text = secretString.trim();
  if (!/^[{["]/.test(text)) return { kind: 'static', accessToken: parseOrThrow(tokenText, text) };

  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw invalid(['starts like JSON but is not valid JSON']);
  }
  if (typeof json === 'string') return { kind: 'static', accessToken: parseOrThrow(tokenText, json) };
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && 'type' in json) {
    const oauth = parseOrThrow(oauthSecretSchema, json);
    return { kind: 'oauth', accessToken: oauth.accessToken, oauth };
  }
  return { kind: 'static', accessToken: parseOrThrow(staticSecretSchema, json).accessToken };
}

/**
 * The secret text of an OAuth secret: the fields in a fixed order, so equal secrets are equal strings.
 *
 * @example
 * serializeOAuthSecret(parsed.oauth); // '{"type":"oauth","clientId":…}'
 */
export function serializeOAuthSecret(secret: OAuthTokenSecret): string {
  const ordered: OAuthTokenSecret = {
    type: OAUTH_TYPE,
    clientId: secret.clientId,
    clientSecret: secret.clientSecret,
    refreshToken: secret.refreshToken,
    accessToken: secret.accessToken,
    expiresAt: secret.expiresAt,
    refreshTokenExpiresAt: secret.refreshTokenExpiresAt,
  };
  return JSON.stringify(ordered);
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value, { error: terseErrorMap });
  if (parsed.success) return parsed.data;
  throw invalid(formatInputIssues(inputIssuesOf(parsed.error)));
}

function invalid(problems: readonly string[]): TokenSecretInvalidError {
  // The problems first: describeError cuts long messages, and they are what the reader needs.
  return new TokenSecretInvalidError(
    `The Webex token secret is invalid: ${problems.join('; ')} (expected {"accessToken": "<token>"}, a bare token, ` +
      `or {"type": "oauth", "clientId", "clientSecret", "refreshToken", "accessToken", "expiresAt", ` +
      `"refreshTokenExpiresAt"})`,
  );
}
