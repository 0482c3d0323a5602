/**
 * Tokens and scopes. Scopes per operation are the documented ones (reference §1, §2):
 * `spark-admin:people_read` for /people, `spark-admin:telephony_config_read` for telephony GETs,
 * `spark-admin:telephony_config_write` for the PUT. A token manages its own org, plus the `orgIds` it lists (partner
 * admins), via the `orgId` query parameter.
 */
import { randomBytes } from 'node:crypto';
import { sameWebexId } from '../../lambda/webex/ids.js';

export const SCOPE = {
  peopleRead: 'spark-admin:people_read',
  telephonyConfigRead: 'spark-admin:telephony_config_read',
  telephonyConfigWrite: 'spark-admin:telephony_config_write',
  /** List Workspaces (developer.webex.com "List Workspaces": an admin token with this scope). */
  workspacesRead: 'spark-admin:workspaces_read',
} as const;

/** Every scope the product needs. */
export const FULL_SCOPES: readonly string[] = Object.values(SCOPE);

export interface SimToken {
  readonly token: string;
  readonly scopes: readonly string[];
  /** Orgs it may manage via `orgId`. @default [the simulator's org] */
  readonly orgIds?: readonly string[];
  /** When it stops working (epoch ms, the simulator's clock); OAuth access tokens have one (`oauth.ts`). */
  readonly expiresAtMs?: number;
}

/** A new random token (never derived from the seeded `random`: it is a secret, not a fault). */
export function generateToken(): string {
  return `SIM_${randomBytes(24).toString('base64url')}`;
}

/** The token of an `Authorization: Bearer <token>` header, if well formed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export class TokenRegistry {
  readonly #tokens = new Map<string, SimToken>();
  readonly #orgId: string;
  readonly #now: () => number;

  constructor(orgId: string, now: () => number = Date.now) {
    this.#orgId = orgId;
    this.#now = now;
  }

  add(token: SimToken): void {
    if (!token.token) throw new Error('A token must not be empty');
    this.#tokens.set(token.token, {
      ...token,
      scopes: [...token.scopes],
      orgIds: [...(token.orgIds ?? [this.#orgId])],
    });
  }

  revoke(token: string): void {
    this.#tokens.delete(token);
  }

  /**
   * The registered, unexpired token of an `Authorization` header, or `undefined` (→ 401).
   *
   * @example
   * registry.authenticate('Bearer SIM_abc'); // { token: 'SIM_abc', scopes: [...], orgIds: [...] }
   */
  authenticate(authorization: string | undefined): SimToken | undefined {
    const token = bearerToken(authorization);
    const found = token === undefined ? undefined : this.#tokens.get(token);
    if (found?.expiresAtMs !== undefined && found.expiresAtMs <= this.#now()) return undefined;
    return found;
  }
}

export function hasScope(token: SimToken, scope: string): boolean {
  return token.scopes.includes(scope);
}

/** Whether the token may act on `orgId` (compared as Webex ids). */
export function mayManageOrg(token: SimToken, orgId: string): boolean {
  return (token.orgIds ?? []).some((id) => sameWebexId(id, orgId));
}
