/**
 * The contract of the Webex Calling client: the operations the product calls, each with an optional `orgId`.
 * Implementation: `client.ts` (`createWebexClient`).
 */
import type {
  AvailableNumber,
  CallingLocation,
  InventoryNumber,
  Workspace,
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

/** Filters of the calling-people listing. */
export interface CallingPeopleFilter {
  /** Only the people of this Webex Calling location (Webex caps the page at 50 then). */
  readonly locationId?: string | undefined;
  /** Page size; clamped to Webex's cap (100 with `callingData`, 50 with `locationId`). */
  readonly max?: number | undefined;
}

/** Filters of the number inventory (`GET /telephony/config/numbers`), each sent as the query parameter of its name. */
export interface NumberInventoryFilter {
  readonly locationId?: string | undefined;
  /** One number. */
  readonly phoneNumber?: string | undefined;
  readonly ownerId?: string | undefined;
  readonly state?: 'ACTIVE' | 'INACTIVE' | undefined;
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
  /**
   * `GET /people?callingData=true[&locationId=…]&max=…[&orgId=…]`, one page at a time, following `Link: rel="next"`:
   * a 100,000-person org is streamed, never held. People without `locationId` are not Webex Calling users.
   */
  listCallingPeople(filter?: CallingPeopleFilter, options?: WebexCallOptions): AsyncIterable<WebexPerson[]>;
  /**
   * One page of the calling-people listing: the first (`cursor` undefined) or the one a previous page's `next`
   * named. For work split across invocations (the deployed audit's pages travel as queue messages).
   */
  listCallingPeoplePage(
    cursor: string | undefined,
    filter?: CallingPeopleFilter,
    options?: WebexCallOptions,
  ): Promise<{ people: WebexPerson[]; next?: string }>;
  /** `GET /telephony/config/people/{personId}/emergencyCallbackNumber/dependencies`. */
  getPersonEcbnDependencies(personId: string, options?: WebexCallOptions): Promise<EcbnDependencies>;
  /** `GET /telephony/config/locations/{locationId}/features/emergencyCallbackNumber`. */
  getLocationEcbn(locationId: string, options?: WebexCallOptions): Promise<LocationEcbn>;
  /** `GET /telephony/config/locations/{locationId}/emergencyCallbackNumber/availableNumbers`, all pages. */
  listLocationEcbnAvailableNumbers(
    locationId: string,
    filter?: AvailableNumbersFilter,
    options?: WebexCallOptions,
  ): Promise<AvailableNumber[]>;
  /** `GET /telephony/config/locations` (the org's Webex Calling locations), all pages. */
  listCallingLocations(options?: WebexCallOptions): Promise<CallingLocation[]>;
  /** `GET /workspaces[?locationId=…]`, all pages. */
  listWorkspaces(filter?: { readonly locationId?: string }, options?: WebexCallOptions): Promise<Workspace[]>;
  /** `GET /telephony/config/numbers` (the org's number inventory), all pages. */
  listNumbers(filter?: NumberInventoryFilter, options?: WebexCallOptions): Promise<InventoryNumber[]>;
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

/** Response headers as the core reads them: a case-insensitive lookup (the WHATWG `Headers` class fits). */
export interface HttpResponseHeaders {
  /** The value of `name` (any case), duplicates joined with `, `; `null` when absent. */
  get(name: string): string | null;
}

/** One request as the core hands it to its transport. */
export interface HttpTransportRequest {
  readonly method: string;
  readonly headers: Record<string, string>;
  /** UTF-8 text (JSON); absent for GET. */
  readonly body?: string;
  /** Aborted by the core's per-attempt timer: the transport must then stop and reject (any error). */
  readonly signal: AbortSignal;
  /** Never follow a redirect: it could carry the token to another host (`fetch` honours this; others never follow). */
  readonly redirect: 'manual';
}

/** An answer (any status): the status, its headers, and its body read as UTF-8 text once. */
export interface HttpTransportResponse {
  readonly status: number;
  readonly headers: HttpResponseHeaders;
  /** The whole body; rejects when the connection fails or the request is aborted while the body is read. */
  text(): Promise<string>;
}

/**
 * What the HTTP core sends requests through: the global `fetch` satisfies it, and so does the keep-alive
 * `node:https` transport of `node-transport.ts` (the handler's default). It rejects only when no answer could be read
 * (connection refused or reset, aborted); every HTTP status is an answer.
 *
 * @example
 * const transport: HttpTransport = fetch;
 * const response = await transport(new URL('https://webexapis.com/v1/people/me'), {
 *   method: 'GET', headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000), redirect: 'manual',
 * });
 * console.log(response.status, response.headers.get('trackingid'), await response.text());
 */
export type HttpTransport = (url: URL, init: HttpTransportRequest) => Promise<HttpTransportResponse>;

export interface WebexClientOptions {
  /** @default 'https://webexapis.com/v1'. Only `https:` is accepted, except for loopback hosts (tests, simulator). */
  readonly baseUrl?: string;
  /** Returns the current access token; called for every attempt (so a rotated token is picked up). */
  readonly getToken: () => Promise<string>;
  /**
   * Where requests go. `createHandler` passes the keep-alive `node:https` transport (`createNodeTransport`).
   * @default the global `fetch`, resolved per call
   */
  readonly transport?: HttpTransport;
  /** A `fetch` to send requests with (tests inject stubs); same as `transport: fetch`. Not together with `transport`. */
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
