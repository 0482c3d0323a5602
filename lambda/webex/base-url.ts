/**
 * The Webex API base URL, checked once when the client is created.
 *
 * The token travels to this origin on every request, so only `https:` is accepted; plain `http:` only for loopback
 * hosts (the local simulator and tests). Docs: https://developer.webex.com/docs/basics ("https://webexapis.com/v1").
 */

/** Where the Webex REST API lives (the official specs have no `servers` entry; every SDK uses this). */
export const DEFAULT_WEBEX_BASE_URL = 'https://webexapis.com/v1';

/** True for 127.0.0.0/8, `localhost` (and `*.localhost`) and `::1`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Parses and checks the base URL; the result has no trailing slash, query, fragment or credentials.
 * Throws a `TypeError` naming the problem (a cold-start configuration failure).
 *
 * @example
 * resolveBaseUrl('https://webexapis.com/v1/').href; // 'https://webexapis.com/v1'
 * resolveBaseUrl('http://127.0.0.1:8787/v1'); // accepted: loopback
 * resolveBaseUrl('http://webexapis.com/v1'); // throws TypeError
 */
export function resolveBaseUrl(baseUrl: string = DEFAULT_WEBEX_BASE_URL): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`Webex baseUrl is not an absolute URL: "${baseUrl}"`);
  }
  if (url.username || url.password) {
    throw new TypeError('Webex baseUrl must not carry credentials (user:password@)');
  }
  if (url.search || url.hash) {
    throw new TypeError(`Webex baseUrl must not have a query or fragment: "${url.origin}${url.pathname}"`);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TypeError(
      `Webex baseUrl must use https: (plain http: only for loopback hosts such as 127.0.0.1): "${url.origin}"`,
    );
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  return url;
}

/**
 * The part of `url`'s path below the base path, e.g. `/people/abc` for `https://webexapis.com/v1/people/abc?x=1`.
 * Never includes the query string (it may hold an email address).
 *
 * @example
 * pathBelowBase(new URL('https://webexapis.com/v1/people/abc?email=a'), resolveBaseUrl()); // '/people/abc'
 */
export function pathBelowBase(url: URL, baseUrl: URL): string {
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  return basePath && url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
}
