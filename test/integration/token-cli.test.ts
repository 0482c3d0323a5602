/**
 * `npm run token -- init | status` against the Webex simulator and the local Secrets Manager, with canary client
 * credentials; output is collected, never printed.
 */
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLocalSecretsManagerClient,
  startLocalSecretsManager,
} from '../../local/aws/secrets-manager/start-local-secrets-manager.js';
import { FULL_SCOPES } from '../../local/webex-simulator/index.js';
import { parseTokenSecret } from '../../lambda/token/token-secret.js';
import { runTokenCommand } from '../../tools/token/token-command.js';
import type { TokenIo } from '../../tools/token/token-io.js';
import { demoOrg } from '../helpers/simulator-org.js';
import { simRequest, startTestSimulator } from '../helpers/simulator.js';
import { canary } from '../helpers/token-secret-factories.js';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

async function rig() {
  const nowMs = Date.parse('2026-12-06T00:00:00Z');
  const client = { clientId: canary('CLIENTID'), clientSecret: canary('CLIENTSECRET') };
  const webex = await startTestSimulator({
    org: demoOrg(),
    now: () => nowMs,
    oauthClients: [{ ...client, scopes: FULL_SCOPES, accessTokenLifetimeSeconds: 1_209_600 }],
  });
  const grant = webex.authorizeOAuthClient(client.clientId);
  const secrets = await startLocalSecretsManager({ secrets: {} });
  const secretsManager = createLocalSecretsManagerClient(secrets.endpoint);
  stops.push(async () => {
    secretsManager.destroy();
    await secrets.stop();
  });
  const out: string[] = [];
  const err: string[] = [];
  const prompts: { question: string; secret: boolean }[] = [];
  const io = (env: Record<string, string | undefined>, answers: string[] = []): TokenIo => ({
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env,
    prompt: async (question, { secret }) => {
      prompts.push({ question, secret });
      return answers.shift() ?? '';
    },
  });
  const run = (argv: string[], env: Record<string, string | undefined>, answers?: string[]) =>
    runTokenCommand(argv, io(env, answers), { secretsManager, now: () => nowMs });
  const envOf = (overrides: Record<string, string> = {}) => ({
    WEBEX_CLIENT_ID: client.clientId,
    WEBEX_CLIENT_SECRET: client.clientSecret,
    WEBEX_REFRESH_TOKEN: grant.refreshToken,
    ...overrides,
  });
  const secrecy = () => [client.clientId, client.clientSecret, grant.refreshToken, grant.accessToken];
  return { webex, secrets, secretsManager, run, envOf, out, err, prompts, secrecy, grant, nowMs };
}

describe('npm run token -- init', () => {
  it('proves the credentials at Webex, shows scopes and expiries, and creates the secret', async () => {
    // Prepare
    const r = await rig();
    // Act
    const code = await r.run(['init', '--secret-id', 'ecbn/webex-token', '--base-url', r.webex.baseUrl], r.envOf());
    // Assert
    expect(code).toBe(0);
    const stored = await r.secretsManager.send(new GetSecretValueCommand({ SecretId: 'ecbn/webex-token' }));
    const secret = parseTokenSecret(stored.SecretString);
    expect(secret.kind).toBe('oauth');
    expect((await simRequest(r.webex, 'GET', '/people/me', { token: secret.accessToken })).status).toBe(200);
    const shown = r.err.join('\n');
    expect(shown).toContain(FULL_SCOPES.join(' '));
    expect(shown).toContain('Access token expires:   2026-12-20T00:00:00.000Z');
    expect(shown).toContain('Refresh token expires:  2027-03-06T00:00:00.000Z');
    expect(r.out).toEqual([]);
    for (const value of [...r.secrecy(), secret.accessToken]) expect(shown).not.toContain(value);
  });

  it('asks for what the environment lacks, hiding the client secret and the refresh token', async () => {
    const r = await rig();
    const { WEBEX_CLIENT_ID } = r.envOf();
    const code = await r.run(['init', '--print', '--base-url', r.webex.baseUrl], { WEBEX_CLIENT_ID }, [
      r.envOf().WEBEX_CLIENT_SECRET,
      r.grant.refreshToken,
    ]);
    expect(code).toBe(0);
    expect(r.prompts).toEqual([
      { question: 'Client secret (not shown): ', secret: true },
      { question: 'Refresh token (not shown): ', secret: true },
    ]);
    expect(parseTokenSecret(r.out[0]).kind).toBe('oauth');
  });

  it('updates an existing secret with a new AWSCURRENT version', async () => {
    const r = await rig();
    r.secrets.putSecretValue('ecbn/webex-token', canary('OLDTOKEN'));
    expect(await r.run(['init', '--secret-id', 'ecbn/webex-token', '--base-url', r.webex.baseUrl], r.envOf())).toBe(0);
    expect(Object.values(r.secrets.describe('ecbn/webex-token').versionIdsToStages)).toEqual([
      ['AWSPREVIOUS'],
      ['AWSCURRENT'],
    ]);
  });

  it('writes nothing and says why when Webex refuses the credentials', async () => {
    const r = await rig();
    const code = await r.run(
      ['init', '--secret-id', 'ecbn/webex-token', '--base-url', r.webex.baseUrl],
      r.envOf({ WEBEX_CLIENT_SECRET: canary('WRONGSECRET') }),
    );
    expect(code).toBe(1);
    expect(r.err.join('\n')).toMatch(/Failed: WebexAuthenticationError/);
    expect(r.secrets.getCallCount()).toBe(0);
    for (const value of r.secrecy()) expect(r.err.join('\n')).not.toContain(value);
  });

  it.each([
    [['init'], /--secret-id <name or ARN> or --print/],
    [['status'], /status needs --secret-id/],
    [['rotate'], /Unknown command "rotate"/],
    [['init', '--print', '--nope'], /nope/],
  ])('refuses %j with exit code 2 and the usage', async (argv, message) => {
    const r = await rig();
    expect(await r.run(argv, {})).toBe(2);
    expect(r.err.join('\n')).toMatch(message);
  });
});

describe('npm run token -- status', () => {
  it('shows expiries and rotation without any token', async () => {
    // Prepare
    const r = await rig();
    await r.run(['init', '--secret-id', 'ecbn/webex-token', '--base-url', r.webex.baseUrl], r.envOf());
    const stored = await r.secretsManager.send(new GetSecretValueCommand({ SecretId: 'ecbn/webex-token' }));
    // Act
    const code = await r.run(['status', '--secret-id', 'ecbn/webex-token'], {});
    // Assert
    expect(code).toBe(0);
    const shown = r.out.join('\n');
    expect(shown).toContain('Form:                   OAuth');
    expect(shown).toContain('Access token expires:   2026-12-20T00:00:00.000Z (in 14 d 0 min)');
    expect(shown).toContain('Last rotated:           never');
    expect(shown).not.toContain(parseTokenSecret(stored.SecretString).accessToken);
    for (const value of r.secrecy()) expect(shown).not.toContain(value);
  });

  it('says a static token has no known expiry', async () => {
    const r = await rig();
    r.secrets.putSecretValue('ecbn/webex-token', JSON.stringify({ accessToken: canary('STATIC') }));
    await r.run(['status', '--secret-id', 'ecbn/webex-token'], {});
    expect(r.out.join('\n')).toContain('static access token');
  });
});
