/**
 * The typed Webex Calling client: the operations of {@link WebexClient}, on the HTTP core of `http-core.ts`.
 *
 * Each operation sends exactly the query parameters its official definition documents, no others: `orgId` on the
 * telephony config endpoints and List People, never on Get Person Details. Path ids are `encodeURIComponent`ed.
 * Docs: https://developer.webex.com/docs/api/v1/emergency-services-settings,
 * https://developer.webex.com/docs/api/v1/people.
 */
import { WebexResponseError } from '../errors.js';
import { resolveBaseUrl } from './base-url.js';
import { createHttpCore, type HttpCore, type HttpResponse } from './http-core.js';
import { ecbnSettingSchema, type EcbnSetting } from './models.js';
import { parseNextLink, resolveNextPageUrl } from './pagination.js';
import { createResponseParser, type ResponseSchemaName } from './response-parsing.js';
import { resolveRetryPolicy } from './retry-policy.js';
import type { AvailableNumbersFilter, WebexCallOptions, WebexClient, WebexClientOptions } from './types.js';

/** Per-attempt timeout when the caller sets none. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** `TrackingID` prefix when the caller sets none: ECBN Provisioner. */
export const DEFAULT_TRACKING_ID_PREFIX = 'ECBNP';
/** A list longer than this many pages is treated as a server loop, not followed for ever. */
export const MAX_PAGES = 1_000;

/** Routes with placeholders: used in drift logs (no ids) and documentation. */
const ROUTE = {
  person: '/people/{personId}',
  people: '/people',
  personEcbn: '/telephony/config/people/{personId}/emergencyCallbackNumber',
  personEcbnDependencies: '/telephony/config/people/{personId}/emergencyCallbackNumber/dependencies',
  personEcbnAvailableNumbers: '/telephony/config/people/{personId}/emergencyCallbackNumber/availableNumbers',
  locationEcbn: '/telephony/config/locations/{locationId}/features/emergencyCallbackNumber',
  locationEcbnAvailableNumbers: '/telephony/config/locations/{locationId}/emergencyCallbackNumber/availableNumbers',
  callingLocations: '/telephony/config/locations',
  workspaces: '/workspaces',
  numbers: '/telephony/config/numbers',
} as const;

type Query = Record<string, string | undefined>;

/**
 * Creates the Webex client. Checks the options at once (base URL scheme, timeout, retry policy) and throws a
 * `TypeError` naming the bad one.
 *
 * @example
 * const webex = createWebexClient({ getToken: async () => token });
 * const ecbn = await webex.getPersonEcbn(personId, { deadline: Date.now() + context.getRemainingTimeInMillis() - 2000 });
 * await webex.updatePersonEcbn(personId, { selected: 'LOCATION_ECBN' });
 */
export function createWebexClient(options: WebexClientOptions): WebexClient {
  const baseUrl = resolveBaseUrl(options.baseUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`timeoutMs must be a positive number of milliseconds, got ${timeoutMs}`);
  }
  if (typeof options.getToken !== 'function') throw new TypeError('getToken must be a function returning the token');
  const trackingIdPrefix = options.trackingIdPrefix ?? DEFAULT_TRACKING_ID_PREFIX;
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(trackingIdPrefix)) {
    throw new TypeError(`trackingIdPrefix must be 1-32 letters, digits, "_" or "-", got "${trackingIdPrefix}"`);
  }

  if (options.transport !== undefined && options.fetch !== undefined) {
    throw new TypeError('Pass either transport or fetch, not both');
  }

  const core: HttpCore = createHttpCore({
    baseUrl,
    getToken: options.getToken,
    // The default is resolved per call, not captured: a test or tracer that replaces globalThis.fetch later applies.
    transport: options.transport ?? options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    timeoutMs,
    retry: resolveRetryPolicy(options.retry),
    logger: options.logger,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    trackingIdPrefix,
  });
  const parse = createResponseParser(options.schemaMode ?? 'lenient', options.logger);
  const basePath = baseUrl.pathname.replace(/\/+$/, '');

  /** `<base>/<segments…>?<query>`; segments are literal path parts or ids (encoded here). */
  function url(segments: readonly string[], query: Query): URL {
    const result = new URL(`${baseUrl.origin}${basePath}/${segments.join('/')}`);
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) result.searchParams.set(name, value);
    }
    return result;
  }
  /** A path id, encoded. Empty and dot-segment ids are refused: `encodeURIComponent` keeps `.`, and `new URL()`
   * would resolve a `..` segment to the parent path and send the request to another endpoint. */
  const id = (value: string): string => {
    if (typeof value !== 'string' || value.trim() === '' || /^\.{1,2}$/.test(value)) {
      throw new TypeError(`Not a usable Webex id in a URL path: "${String(value)}"`);
    }
    return encodeURIComponent(value);
  };
  const orgQuery = (call: WebexCallOptions | undefined): Query => ({ orgId: call?.orgId });

  async function get(target: URL, call: WebexCallOptions | undefined): Promise<HttpResponse> {
    return core.send({ method: 'GET', url: target, call });
  }

  /** Reads a list from `first`, following `Link: rel="next"` to the end; one parsed body per page. */
  async function getAllPages<K extends ResponseSchemaName>(
    first: URL,
    call: WebexCallOptions | undefined,
    name: K,
    route: string,
  ) {
    const pages: ReturnType<typeof parseResponse<K>>[] = [];
    const visited = new Set<string>();
    let target: URL | undefined = first;
    while (target !== undefined) {
      const response = await get(target, call);
      pages.push(parseResponse(name, response, route));
      visited.add(target.href);

      const link = parseNextLink(response.headers.get('link'));
      if (link === undefined) break;
      const next = resolveNextPageUrl(link, target, baseUrl);
      if (!next.ok) throw new WebexResponseError(response.request, response.status, next.reason);
      if (visited.has(next.url.href)) {
        throw new WebexResponseError(
          response.request,
          response.status,
          'the next-page link points to a page already read',
        );
      }
      if (visited.size >= MAX_PAGES) {
        throw new WebexResponseError(response.request, response.status, `the list has more than ${MAX_PAGES} pages`);
      }
      target = next.url;
    }
    return pages;
  }

  /** The documented query of both ECBN available-numbers lists (person and location). */
  const availableNumbersQuery = (filter: AvailableNumbersFilter, call: WebexCallOptions | undefined): Query => ({
    ...orgQuery(call),
    phoneNumber: filter.phoneNumber && filter.phoneNumber.length > 0 ? filter.phoneNumber.join(',') : undefined,
    ownerName: filter.ownerName,
  });

  /** Parses a response body with the named schema; `route` (a path template) names it in drift logs and errors. */
  function parseResponse<K extends ResponseSchemaName>(name: K, response: HttpResponse, route: string) {
    return parse(name, response.body, { request: response.request, status: response.status, route });
  }

  return {
    async getPerson(personId, call) {
      // Get Person Details documents only `callingData`: no orgId even when the caller has one.
      const response = await get(url(['people', id(personId)], { callingData: 'true' }), call);
      return parseResponse('person', response, ROUTE.person);
    },

    async findPersonByEmail(email, call) {
      const response = await get(url(['people'], { email, callingData: 'true', ...orgQuery(call) }), call);
      const list = parseResponse('personList', response, ROUTE.people);
      return list.items[0];
    },

    async getPersonEcbn(personId, call) {
      const target = url(['telephony', 'config', 'people', id(personId), 'emergencyCallbackNumber'], orgQuery(call));
      const response = await get(target, call);
      return parseResponse('personEcbn', response, ROUTE.personEcbn);
    },

    async updatePersonEcbn(personId, setting: EcbnSetting, call) {
      // Checked before sending: a body Webex would refuse (NONE, a member number without member id) is our bug, not a
      // Webex answer, and must not cost a request.
      const checked = ecbnSettingSchema.safeParse(setting);
      if (!checked.success) {
        const issues = checked.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
        throw new TypeError(`Invalid ECBN setting, not sent to Webex: ${issues.join('; ')}`);
      }
      const target = url(['telephony', 'config', 'people', id(personId), 'emergencyCallbackNumber'], orgQuery(call));
      // The documented answer is 204 No Content; any 2xx is success and its body, if any, is ignored.
      await core.send({ method: 'PUT', url: target, body: checked.data, call });
    },

    async listPersonEcbnAvailableNumbers(personId, filter = {}, call) {
      const segments = ['telephony', 'config', 'people', id(personId), 'emergencyCallbackNumber', 'availableNumbers'];
      const first = url(segments, availableNumbersQuery(filter, call));
      const pages = await getAllPages(first, call, 'availableNumberList', ROUTE.personEcbnAvailableNumbers);
      return pages.flatMap((page) => page.phoneNumbers);
    },

    async getPersonEcbnDependencies(personId, call) {
      const target = url(
        ['telephony', 'config', 'people', id(personId), 'emergencyCallbackNumber', 'dependencies'],
        orgQuery(call),
      );
      const response = await get(target, call);
      return parseResponse('ecbnDependencies', response, ROUTE.personEcbnDependencies);
    },

    async getLocationEcbn(locationId, call) {
      const target = url(
        ['telephony', 'config', 'locations', id(locationId), 'features', 'emergencyCallbackNumber'],
        orgQuery(call),
      );
      const response = await get(target, call);
      return parseResponse('locationEcbn', response, ROUTE.locationEcbn);
    },

    async listLocationEcbnAvailableNumbers(locationId, filter = {}, call) {
      const segments = [
        'telephony',
        'config',
        'locations',
        id(locationId),
        'emergencyCallbackNumber',
        'availableNumbers',
      ];
      const first = url(segments, availableNumbersQuery(filter, call));
      const pages = await getAllPages(first, call, 'availableNumberList', ROUTE.locationEcbnAvailableNumbers);
      return pages.flatMap((page) => page.phoneNumbers);
    },

    async listCallingLocations(call) {
      const first = url(['telephony', 'config', 'locations'], orgQuery(call));
      const pages = await getAllPages(first, call, 'callingLocationList', ROUTE.callingLocations);
      return pages.flatMap((page) => page.locations);
    },

    async listWorkspaces(filter = {}, call) {
      const first = url(['workspaces'], { ...orgQuery(call), locationId: filter.locationId });
      const pages = await getAllPages(first, call, 'workspaceList', ROUTE.workspaces);
      return pages.flatMap((page) => page.items);
    },

    async listNumbers(filter = {}, call) {
      const query: Query = {
        ...orgQuery(call),
        locationId: filter.locationId,
        phoneNumber: filter.phoneNumber,
        ownerId: filter.ownerId,
        state: filter.state,
      };
      const pages = await getAllPages(
        url(['telephony', 'config', 'numbers'], query),
        call,
        'inventoryNumberList',
        ROUTE.numbers,
      );
      return pages.flatMap((page) => page.phoneNumbers);
    },
  };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
