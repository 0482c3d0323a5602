/**
 * Command line of `npm run token -- <init|status> [options]`. Pure: parsing and usage only.
 */
import { parseArgs } from 'node:util';

export type TokenArgs =
  | {
      readonly command: 'init';
      readonly secretId: string | undefined;
      readonly print: boolean;
      readonly baseUrl: string | undefined;
    }
  | { readonly command: 'status'; readonly secretId: string; readonly baseUrl: string | undefined }
  | { readonly command: 'help' };

export const TOKEN_USAGE = `Usage:
  npm run token -- init (--secret-id <name or ARN> | --print) [--base-url <Webex API URL>]
  npm run token -- status --secret-id <name or ARN>

init    Reads the client id, client secret and refresh token of a Webex service app or integration from
        WEBEX_CLIENT_ID, WEBEX_CLIENT_SECRET, WEBEX_REFRESH_TOKEN, else asks for them (input not echoed; or three
        lines on stdin). Refreshes once at Webex to prove them, prints the scopes and expiry times, then writes the
        OAuth secret to --secret-id (created when missing; the usual AWS credential chain and region) or prints its
        JSON with --print (it holds the credentials: keep it out of shell history and logs).
status  Reads the secret and shows its form, the access and refresh token expiry times, rotation and its last run.
        Never prints a token.`;

export class TokenUsageError extends Error {
  override readonly name = 'TokenUsageError';
}

/**
 * @throws TokenUsageError on an unknown command or option, or a missing one.
 * @example
 * parseTokenArgs(['init', '--secret-id', 'ecbn/webex-token']); // { command: 'init', secretId: 'ecbn/webex-token', … }
 */
export function parseTokenArgs(argv: readonly string[]): TokenArgs {
  let parsed: {
    values: { 'secret-id'?: string; print?: boolean; 'base-url'?: string; help?: boolean };
    positionals: string[];
  };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'secret-id': { type: 'string' },
        print: { type: 'boolean', default: false },
        'base-url': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new TokenUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { command: 'help' };
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new TokenUsageError(`Unexpected argument ${JSON.stringify(extra[0])}`);
  const secretId = values['secret-id']?.trim() || undefined;
  const baseUrl = values['base-url'];
  if (command === 'init') {
    if (secretId === undefined && values.print !== true) {
      throw new TokenUsageError('init needs --secret-id <name or ARN> or --print');
    }
    return { command, secretId, print: values.print ?? false, baseUrl };
  }
  if (command === 'status') {
    if (secretId === undefined) throw new TokenUsageError('status needs --secret-id <name or ARN>');
    return { command, secretId, baseUrl };
  }
  throw new TokenUsageError(
    command === undefined ? 'Say init or status' : `Unknown command ${JSON.stringify(command)}`,
  );
}
