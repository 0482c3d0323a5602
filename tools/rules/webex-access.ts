/**
 * The Webex side of the rules tools: `--webex-url` and `WEBEX_TOKEN` → the product's own client (read-only use).
 * The token is read from the environment only, never from the command line (shell history, `ps`), and never printed.
 */
import { WebexError } from '../../lambda/errors.js';
import { DEFAULT_WEBEX_BASE_URL, resolveBaseUrl } from '../../lambda/webex/base-url.js';
import { createWebexClient } from '../../lambda/webex/client.js';
import type { WebexClient } from '../../lambda/webex/types.js';

/** Scopes the reads need (README "Write the rules for your org"). */
export const RULES_TOOL_SCOPES = ['spark-admin:telephony_config_read', 'spark-admin:workspaces_read'] as const;

export type WebexAccess =
  | { readonly ok: true; readonly webex: WebexClient; readonly baseUrl: string }
  | {
      readonly ok: false;
      readonly problem: string;
    };

/**
 * @example
 * const access = webexAccess(process.env, 'http://127.0.0.1:8787/v1');
 * if (access.ok) await access.webex.listCallingLocations();
 */
export function webexAccess(
  env: Readonly<Record<string, string | undefined>>,
  webexUrl: string | undefined,
): WebexAccess {
  const token = env.WEBEX_TOKEN?.trim();
  if (!token) {
    return {
      ok: false,
      problem: `set WEBEX_TOKEN to an admin access token with the scopes ${RULES_TOOL_SCOPES.join(', ')}`,
    };
  }
  let baseUrl: URL;
  try {
    baseUrl = resolveBaseUrl(webexUrl ?? DEFAULT_WEBEX_BASE_URL);
  } catch (error) {
    return { ok: false, problem: `--webex-url: ${(error as Error).message}` };
  }
  const webex = createWebexClient({
    baseUrl: baseUrl.href,
    getToken: async () => token,
    trackingIdPrefix: 'ECBNP_RULES',
  });
  return { ok: true, webex, baseUrl: baseUrl.href };
}

/** One line for a failed read of the org (the client's errors carry no token and name the request). */
export function describeWebexFailure(error: unknown): string {
  if (error instanceof WebexError) return `${error.name}: ${error.message}`;
  throw error;
}
