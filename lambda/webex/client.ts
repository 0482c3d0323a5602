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
/** People lists are longer: 10,000 pages of 100 is a million people. */
export const MAX_PEOPLE_PAGES = 10_000;
/** List People's page cap with `callingData=true` ("`max` will not be more than 100"). */
export const PEOPLE_PAGE_CAP = 100;
/** List People's page cap with `locationId` ("`max` will not be more than 50"). */
export const PEOPLE_PAGE_CAP_BY_LOCATION = 50;

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
  /** Every page of a list, parsed with the named schema (see {@link followPages}). */
  async function getAllPages<K extends ResponseSchemaName>(
    first: URL,
    call: WebexCallOptions | undefined,
    name: K,
    route: string,
  ) {
    const pages: ReturnType<typeof parseResponse<K>>[] = [];
    for await (const response of followPages(first, call)) pages.push(parseResponse(name, response, route));
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

  /**
   * The answers of a list, page by page: `first`, then every `Link: rel="next"` target (checked to stay on the API's
   * origin and base path, never revisited, at most {@link MAX_PAGES}). Lazy: the next page is read only when asked.
   */
  async function* followPages(
    first: URL,
    call: WebexCallOptions | undefined,
    maxPages = MAX_PAGES,
  ): AsyncGenerator<HttpResponse> {
    let target: URL | undefined = first;
    const visited = new Set<string>();
    while (target !== undefined) {
      const response = await get(target, call);
      visited.add(target.href);
      yield response;
      const link = parseNextLink(response.headers.get('link'));
      if (link === undefined) return;
      const next = resolveNextPageUrl(link, target, baseUrl);
      if (!next.ok) throw new WebexResponseError(response.request, response.status, next.reason);
      if (visited.has(next.url.href)) {
        throw new WebexResponseError(
          response.request,
          response.status,
          'the next-page link points to a page already read',
        );
      }
      if (visited.size >= maxPages) {
        throw new WebexResponseError(response.request, response.status, `the list has more than ${maxPages} pages`);
      }
      target = next.url;
    }
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

    async *listCallingPeople(filter = {}, call) {
      // List People documents `callingData`, `locationId`, `max` and `orgId` ("send no others"); `max` is capped by
      // Webex at 100 with callingData and at 50 with locationId (https://developer.webex.com/docs/api/v1/people).
      const cap = filter.locationId === undefined ? PEOPLE_PAGE_CAP : PEOPLE_PAGE_CAP_BY_LOCATION;
      const max = Math.min(cap, Math.max(1, Math.floor(filter.max ?? cap)));
      const first = url(['people'], {
        callingData: 'true',
        locationId: filter.locationId,
        max: String(max),
        ...orgQuery(call),
      });
      for await (const response of followPages(first, call, MAX_PEOPLE_PAGES)) {
        yield parseResponse('personList', response, ROUTE.people).items;
      }
    },

    async listCallingPeoplePage(cursor, filter = {}, call) {
      // The first page is built from the filter; a later one is the `Link: rel="next"` URL of the page before,
      // checked again here (it came back through a queue message) to stay on the API's origin and base path.
      let target: URL;
      if (cursor === undefined) {
        const cap = filter.locationId === undefined ? PEOPLE_PAGE_CAP : PEOPLE_PAGE_CAP_BY_LOCATION;
        const max = Math.min(cap, Math.max(1, Math.floor(filter.max ?? cap)));
        target = url(['people'], {
          callingData: 'true',
          locationId: filter.locationId,
          max: String(max),
          ...orgQuery(call),
        });
      } else {
        const checked = resolveNextPageUrl(cursor, baseUrl, baseUrl);
        if (!checked.ok) throw new TypeError(`Not a people page of this API: ${checked.reason}`);
        target = checked.url;
      }
      const response = await get(target, call);
      const people = parseResponse('personList', response, ROUTE.people).items;
      const link = parseNextLink(response.headers.get('link'));
      if (link === undefined) return { people };
      const next = resolveNextPageUrl(link, target, baseUrl);
      if (!next.ok) throw new WebexResponseError(response.request, response.status, next.reason);
      return { people, next: next.url.href };
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
