/**
 * `npm run token -- init` and `status`: set the Webex OAuth secret up once, then see how it stands. Output never
 * holds a token, except the secret JSON that `init --print` was asked for.
 */
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describeError } from '../../lambda/errors.js';
import { oauthSecretAfterRefresh } from '../../lambda/token/oauth-secret-after-refresh.js';
import { parseTokenSecret, serializeOAuthSecret } from '../../lambda/token/token-secret.js';
import { refreshWebexToken } from '../../lambda/token/webex-token-refresh.js';
import type { HttpTransport } from '../../lambda/webex/types.js';
import { parseTokenArgs, TOKEN_USAGE, TokenUsageError } from './token-args.js';
import type { TokenIo } from './token-io.js';

export interface TokenCommandDependencies {
  /** @default a client from the usual AWS chain (`AWS_ENDPOINT_URL_SECRETS_MANAGER` honoured) */
  readonly secretsManager?: SecretsManagerClient;
  readonly transport?: HttpTransport;
  readonly now?: () => number;
}

/** The three inputs of `init`, their environment variables and prompts. */
const INPUTS = [
  { key: 'clientId', env: 'WEBEX_CLIENT_ID', question: 'Client ID: ', secret: false },
  { key: 'clientSecret', env: 'WEBEX_CLIENT_SECRET', question: 'Client secret (not shown): ', secret: true },
  { key: 'refreshToken', env: 'WEBEX_REFRESH_TOKEN', question: 'Refresh token (not shown): ', secret: true },
] as const;

/**
 * Runs the command; returns the exit code (0 done, 1 failed, 2 bad command line).
 *
 * @example
 * process.exitCode = await runTokenCommand(process.argv.slice(2), terminalIo());
 */
export async function runTokenCommand(
  argv: readonly string[],
  io: TokenIo,
  deps: TokenCommandDependencies = {},
): Promise<number> {
  let args;
  try {
    args = parseTokenArgs(argv);
  } catch (error) {
    if (!(error instanceof TokenUsageError)) throw error;
    io.err(error.message);
    io.err(TOKEN_USAGE);
    return 2;
  }
  if (args.command === 'help') {
    io.out(TOKEN_USAGE);
    return 0;
  }
  const now = deps.now ?? Date.now;
  const client = () =>
    deps.secretsManager ??
    new SecretsManagerClient(
      io.env.AWS_ENDPOINT_URL_SECRETS_MANAGER ? { endpoint: io.env.AWS_ENDPOINT_URL_SECRETS_MANAGER } : {},
    );
  try {
    if (args.command === 'status') return await status(client(), args.secretId, io, now);

    const values: Record<(typeof INPUTS)[number]['key'], string> = { clientId: '', clientSecret: '', refreshToken: '' };
    for (const input of INPUTS) {
      values[input.key] = (io.env[input.env] ?? (await io.prompt(input.question, { secret: input.secret }))).trim();
      if (values[input.key] === '') {
        io.err(`No ${input.key} given (${input.env} or the prompt)`);
        return 1;
      }
    }
    const refreshed = await refreshWebexToken(values, {
      ...(args.baseUrl === undefined ? {} : { baseUrl: args.baseUrl }),
      ...(deps.transport === undefined ? {} : { transport: deps.transport }),
      now,
    });
    const secret = oauthSecretAfterRefresh(values, refreshed, now());
    io.err('Webex accepted the credentials.');
    io.err(`Scopes:                 ${refreshed.scope ?? '(not reported)'}`);
    io.err(`Access token expires:   ${secret.expiresAt}`);
    io.err(`Refresh token expires:  ${secret.refreshTokenExpiresAt}`);
    if (args.print) io.out(serializeOAuthSecret(secret));
    if (args.secretId !== undefined) {
      const written = await writeSecret(client(), args.secretId, serializeOAuthSecret(secret));
      io.err(`${written === 'created' ? 'Created' : 'Updated'} the secret ${args.secretId} (new AWSCURRENT version).`);
    }
    return 0;
  } catch (error) {
    io.err(`Failed: ${describeError(error, 400)}`);
    return 1;
  }
}

async function writeSecret(
  client: SecretsManagerClient,
  secretId: string,
  text: string,
): Promise<'created' | 'updated'> {
  try {
    await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: text }));
    return 'updated';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) || secretId.startsWith('arn:')) throw error;
    await client.send(new CreateSecretCommand({ Name: secretId, SecretString: text }));
    return 'created';
  }
}

async function status(client: SecretsManagerClient, secretId: string, io: TokenIo, now: () => number): Promise<number> {
  const described = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
  const current = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const secret = parseTokenSecret(current.SecretString);
  const left = (iso: string) => {
    const seconds = Math.floor((Date.parse(iso) - now()) / 1000);
    return seconds <= 0 ? 'EXPIRED' : `in ${formatDuration(seconds)}`;
  };
  io.out(`Secret:                 ${described.Name ?? secretId}`);
  if (secret.kind === 'static') {
    io.out('Form:                   static access token (expiry unknown; personal tokens last 12 hours)');
  } else {
    io.out('Form:                   OAuth (refreshed by rotation)');
    io.out(`Access token expires:   ${secret.oauth.expiresAt} (${left(secret.oauth.expiresAt)})`);
    io.out(
      `Refresh token expires:  ${secret.oauth.refreshTokenExpiresAt} (${left(secret.oauth.refreshTokenExpiresAt)})`,
    );
  }
  io.out(`Rotation:               ${described.RotationEnabled === true ? 'enabled' : 'not enabled'}`);
  io.out(`Last rotated:           ${described.LastRotatedDate?.toISOString() ?? 'never'}`);
  const pending = Object.entries(described.VersionIdsToStages ?? {}).filter(
    ([, stages]) => stages.includes('AWSPENDING') && !stages.includes('AWSCURRENT'),
  );
  if (pending.length > 0) io.out(`Unfinished rotation:    version ${pending[0]?.[0] ?? ''} is AWSPENDING`);
  return 0;
}

/**
 * @example
 * formatDuration(90_061); // '1 d 1 h 1 min'
 */
export function formatDuration(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const parts = [days > 0 ? `${days} d` : '', hours > 0 ? `${hours} h` : '', `${minutes} min`];
  return parts.filter((part) => part !== '').join(' ');
}
