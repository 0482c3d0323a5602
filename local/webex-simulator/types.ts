/** The public surface of the simulator: options, knobs and the running-instance handle. */
import type { SimToken } from './auth.js';
import type { FaultOptions } from './faults.js';
import type { SimGrant, SimOAuthClient } from './oauth.js';
import type { OrgFixture, OrgFixtureInput } from './org-fixture.js';
import type { OrgState } from './org-state.js';
import type { RateLimitOptions } from './rate-limit.js';
import type { LoggedRequest } from './request-log.js';

/** Knobs that can change while the simulator runs; `null` switches a knob off, `undefined` leaves it. */
export interface SimulatorKnobs {
  readonly rateLimit?: RateLimitOptions | null;
  readonly faults?: FaultOptions | null;
  /** Added to every answer (ms). */
  readonly latencyMs?: number;
}

export interface WebexSimulatorOptions {
  /** The org to serve (parsed and cross-checked again, so a raw JSON object is fine). */
  readonly org: OrgFixture | OrgFixtureInput;
  /** Only loopback is allowed. @default '127.0.0.1' */
  readonly host?: '127.0.0.1';
  /** @default 0 (a random free port) */
  readonly port?: number;
  /** Extra tokens; a full-scope token for the org is always created (`simulator.token`). */
  readonly tokens?: readonly SimToken[];
  /** OAuth clients (integrations, service apps) that may refresh at `POST /v1/access_token` (see `oauth.ts`). */
  readonly oauthClients?: readonly SimOAuthClient[];
  /** Value of the default full-scope token. @default a random `SIM_…` string */
  readonly token?: string;
  readonly rateLimit?: RateLimitOptions;
  readonly faults?: FaultOptions;
  /** @default 0 */
  readonly latencyMs?: number;
  /** Draws for fault injection; pass `seededRandom(seed)` for reproducible runs. @default Math.random */
  readonly random?: () => number;
  /** Clock of the rate limiter and the request log (epoch ms). @default Date.now */
  readonly now?: () => number;
  /**
   * Answer available-number `owner.id`s and the person ECBN read-back's `locationMemberInfo.memberId` encoded with
   * another cluster (`ciscospark://urn:TEAM:us-east-1_int13/…`) than the fixture's or the PUT's, as the real service
   * does at times (wxc_sdk live tests; seen on the live API), so clients must compare ids with `sameWebexId`.
   * @default true
   */
  readonly reencodeOwnerIds?: boolean;
  /**
   * Caps every list page (available numbers, people) below the documented maxima (2000 / 100), so a small org still
   * answers in several `Link: rel="next"` pages to a client that sends no `max`. @default undefined (documented maxima)
   */
  readonly maxPageSize?: number;
  /** Newest request-log entries kept. @default 200000 */
  readonly requestLogLimit?: number;
}

export interface WebexSimulator {
  /** `http://127.0.0.1:<port>/v1` */
  readonly baseUrl: string;
  /** A valid token with every scope the product needs. */
  readonly token: string;
  /** The live org: inspect it, or change it between requests (`addPerson`, `updatePerson`, `setNumberState`, …). */
  readonly state: OrgState;
  /** Every request answered (or reset/hung), oldest first; never contains a token. */
  readonly requestLog: readonly LoggedRequest[];
  stop(): Promise<void>;
  configure(knobs: SimulatorKnobs): void;
  addToken(token: SimToken): void;
  revokeToken(token: string): void;
  addOAuthClient(client: SimOAuthClient): void;
  /** A full admin authorises the client: its first access token and a refresh token, with their expiry times. */
  authorizeOAuthClient(clientId: string): SimGrant;
  /** The admin deauthorises: the refresh token and the client's access tokens stop working. */
  revokeRefreshToken(refreshToken: string): void;
  /** Requests per `METHOD /path-template` (e.g. `PUT /telephony/config/people/{personId}/emergencyCallbackNumber`). */
  counters(): Record<string, number>;
  resetCounters(): void;
  clearRequestLog(): void;
}
