/**
 * The Webex token's secret: `{"accessToken": "..."}` (preferred, room for refresh metadata later) or a bare token
 * string. `@middy/secrets-manager` hands us the JSON-parsed `SecretString` (or the raw string when it is not JSON).
 */
import * as z from 'zod';
import { ConfigurationVariableError } from '../errors.js';

const tokenText = z
  .string()
  .trim()
  .min(1)
  .refine((text) => !/\s/.test(text), 'must not contain white space');

const secretValueSchema = z.union([z.looseObject({ accessToken: tokenText }), tokenText]);

/**
 * Extracts the access token. The error never echoes the secret.
 *
 * @example
 * tokenFromSecretValue({ accessToken: 'abc' }); // 'abc'
 * tokenFromSecretValue('abc'); // 'abc'
 */
export function tokenFromSecretValue(value: unknown): string {
  const parsed = secretValueSchema.safeParse(typeof value === 'string' ? parseMaybeJson(value) : value);
  if (!parsed.success) {
    throw new ConfigurationVariableError(
      'The Webex token secret must hold {"accessToken": "<token>"} or the bare token string',
    );
  }
  return typeof parsed.data === 'string' ? parsed.data : parsed.data.accessToken;
}

function parseMaybeJson(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('"')) return trimmed;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}
