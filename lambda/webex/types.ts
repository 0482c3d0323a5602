/**
 * The contract of the Webex Calling client: the operations the product calls, each with an optional `orgId`.
 * Implementation: `client.ts` (`createWebexClient`).
 */
import type {
  AvailableNumber,
  EcbnDependencies,
  EcbnSetting,
  LocationEcbn,
  PersonEcbn,
  SchemaMode,
  WebexPerson,
} from './models.js';

/** One HTTP attempt, reported to the caller for its log line (tracking ids, attempts, timings). */
export interface WebexAttempt {
  readonly method: string;
  /** Path without query string. */
  readonly path: string;
  /** HTTP status, or undefined for network errors and timeouts. */
  readonly status: number | undefined;
  /** The `TrackingID` we sent (Webex echoes it; a different answered one wins). */
  readonly trackingId: string;
  /** 1 for the first try. */
  readonly attempt: number;
  readonly durationMs: number;
  /** The answer's `Retry-After` (429, 423, 503), in seconds, when it had one. */
  readonly retryAfterSeconds?: number | undefined;
}

/** Options of one operation call. */
export interface WebexCallOptions {
  /** Only partner admins need it; sent only on operations whose definition documents `orgId`. */
  readonly orgId?: string | undefined;
  /**
   * Absolute time (epoch ms, same clock as the client's `now`) after which no attempt may run: the Lambda's remaining
   * time minus a margin. Retries and `Retry-After` waits that do not fit end with the typed error instead.
   */
  readonly deadline?: number | undefined;
  /** Called after every HTTP attempt. */
  readonly onAttempt?: ((attempt: WebexAttempt) => void) | undefined;
}

/** Filters of the ECBN available-numbers list. */
export interface AvailableNumbersFilter {
  /** Sent comma-separated as `phoneNumber`. */
  readonly phoneNumber?: readonly string[] | undefined;
  /** Sent as `ownerName` (max 255 chars). */
  readonly ownerName?: string | undefined;
}

/** Typed Webex operations. Failures are the `Webex*Error` classes of `../errors.ts`. */
export interface WebexClient {
  /** `GET /people/{personId}?callingData=true` (no `orgId`: the definition has none). 404 → `WebexNotFoundError`. */
  getPerson(personId: string, options?: WebexCallOptions): Promise<WebexPerson>;
  /** `GET /people?email=…&callingData=true[&orgId=…]`; `undefined` when nobody has that email. */
  findPersonByEmail(email: string, options?: WebexCallOptions): Promise<WebexPerson | undefined>;
  /** `GET /telephony/config/people/{personId}/emergencyCallbackNumber`. */
  getPersonEcbn(personId: string, options?: WebexCallOptions): Promise<PersonEcbn>;
  /** `PUT /telephony/config/people/{personId}/emergencyCallbackNumber` with `{selected, locationMemberId?}` → 204. */
  updatePersonEcbn(personId: string, setting: EcbnSetting, options?: WebexCallOptions): Promise<void>;
  /** `GET …/emergencyCallbackNumber/availableNumbers`, following `Link: rel="next"` to the end. */
  listPersonEcbnAvailableNumbers(
    personId: string,
    filter?: AvailableNumbersFilter,
    options?: WebexCallOptions,
  ): Promise<AvailableNumber[]>;
  /** `GET /telephony/config/people/{personId}/emergencyCallbackNumber/dependencies`. */
  getPersonEcbnDependencies(personId: string, options?: WebexCallOptions): Promise<EcbnDependencies>;
  /** `GET /telephony/config/locations/{locationId}/features/emergencyCallbackNumber`. */
  getLocationEcbn(locationId: string, options?: WebexCallOptions): Promise<LocationEcbn>;
}

/** Minimal structured logger the client reports schema drift and retries to (Powertools Logger fits). */
export interface ClientLogger {
  warn(message: string, extra?: Record<string, unknown>): void;
  debug?(message: string, extra?: Record<string, unknown>): void;
}

/** Retry policy: plain data, documented defaults. Only transient errors, only GET and PUT. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 2 */
  readonly limit?: number;
  /** First backoff; doubles each retry, full jitter. @default 300 */
  readonly baseDelayMs?: number;
  /** Cap of one backoff and of an honoured `Retry-After`. @default 5000 */
  readonly maxDelayMs?: number;
}

export interface WebexClientOptions {
  /** @default 'https://webexapis.com/v1'. Only `https:` is accepted, except for loopback hosts (tests, simulator). */
  readonly baseUrl?: string;
  /** Returns the current access token; called for every attempt (so a rotated token is picked up). */
  readonly getToken: () => Promise<string>;
  /** Injected for tests. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Per-attempt timeout. @default 10000 */
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** @default 'lenient' */
  readonly schemaMode?: SchemaMode;
  readonly logger?: ClientLogger;
  /** Clock and timers, injectable for deterministic tests. */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Prefix of the `TrackingID` header. @default 'ECBNP' */
  readonly trackingIdPrefix?: string;
}
