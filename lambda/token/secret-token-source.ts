/**
 * Reads the Webex access token from its Secrets Manager secret through Powertools Parameters' `SecretsProvider`
 * (https://docs.powertools.aws.dev/lambda/typescript/latest/features/parameters/): one SDK client, a cache kept for
 * `maxAge` seconds, and `forceFetch` for the re-read after a 401 (which also refills the cache, so the next invocation
 * starts with the new token).
 *
 * The raw `SecretString` is fetched (no `transform: 'json'`): a bare-token secret is not JSON, and the provider's JSON
 * transform would put JSON.parse's message, which newer V8 versions fill with the start of the input, into its
 * error. `parseTokenSecret` parses every form and names what is wrong without the value.
 *
 * The token lives only in this module's callers' closures (the token holder), never on the Lambda context or any
 * other object that may be logged.
 */
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import { TokenUnavailableError, describeError } from '../errors.js';
import { parseTokenSecret } from './token-secret.js';

export interface SecretTokenSource {
  /** The access token from the cached secret (read again once `maxAgeSeconds` have passed). */
  cached(): Promise<string>;
  /** The access token from a fresh read of the secret, bypassing and refilling the cache. */
  fresh(): Promise<string>;
}

export interface SecretTokenSourceOptions {
  readonly provider: SecretsProvider;
  readonly secretId: string;
  /** How long a read is kept (`WEBEX_TOKEN_CACHE_SECONDS`); 0 reads the secret on every call. */
  readonly maxAgeSeconds: number;
}

/**
 * Every failure is a {@link TokenUnavailableError} (a configuration failure): an unreadable secret names the AWS
 * error, a malformed one the field at fault (`TokenSecretInvalidError`).
 *
 * @example
 * const source = createSecretTokenSource({ provider: new SecretsProvider(), secretId: 'ecbn/webex-token', maxAgeSeconds: 300 });
 * const token = await source.cached();
 */
export function createSecretTokenSource(options: SecretTokenSourceOptions): SecretTokenSource {
  const { provider, secretId, maxAgeSeconds } = options;
  // Concurrent callers (the cold-start prefetch and the first invocation) share one read.
  let inFlight: Promise<string> | undefined;

  const read = async (forceFetch: boolean): Promise<string> => {
    let secretString: unknown;
    try {
      secretString = await provider.get(secretId, { maxAge: maxAgeSeconds, forceFetch });
    } catch (error) {
      // Powertools wraps the SDK error in GetParameterError; the SDK's own name (AccessDeniedException, …) says more.
      const cause = (error as { cause?: unknown }).cause ?? error;
      throw new TokenUnavailableError(`The Webex token secret could not be read: ${describeError(cause)}`, {
        cause: error,
      });
    }
    return parseTokenSecret(typeof secretString === 'string' ? secretString : undefined).accessToken;
  };

  const shared = (forceFetch: boolean): Promise<string> => {
    if (inFlight !== undefined && !forceFetch) return inFlight;
    const attempt = read(forceFetch).finally(() => {
      if (inFlight === attempt) inFlight = undefined;
    });
    inFlight = attempt;
    return attempt;
  };

  return {
    cached: () => shared(false),
    fresh: () => shared(true),
  };
}
