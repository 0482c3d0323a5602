/**
 * Webex list pagination: the response's `Link` header (RFC 8288) names the next page as an absolute URL that already
 * carries the query, e.g. `Link: <https://webexapis.com/v1/people?displayName=Harold&max=10&after=Y2lz>; rel="next"`.
 * Only `rel="next"` is guaranteed (https://developer.webex.com/docs/basics#pagination; wxc_sdk follows
 * `response.links['next']`).
 *
 * The next URL comes from the network, and the client sends the token to it: it must stay on the API's origin and
 * under its base path ({@link resolveNextPageUrl}).
 */

/**
 * The target of the `rel="next"` link in a `Link` header, or `undefined` when there is none.
 * Handles several links in one header, quoted or bare `rel`, and several relation types in one `rel`.
 *
 * @example
 * parseNextLink('<https://webexapis.com/v1/x?start=2>; rel="next", <https://webexapis.com/v1/x?start=0>; rel="first"');
 * // 'https://webexapis.com/v1/x?start=2'
 */
export function parseNextLink(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  // One link-value: <uri-reference> followed by ;-separated params, up to the next ",<" or the end.
  const linkValue = /<([^>]*)>((?:\s*;\s*[^;,]+(?:=(?:"[^"]*"|[^;,]*))?)*)/g;
  for (const match of header.matchAll(linkValue)) {
    const target = match[1];
    const params = match[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (target !== undefined && relations.includes('next')) return target.trim();
  }
  return undefined;
}

/** The outcome of {@link resolveNextPageUrl}. */
export type NextPageUrl = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

/**
 * Resolves a next-page link against the current page and checks that it stays on the base URL's origin (scheme, host
 * and port) and under its path: the token is never sent anywhere else.
 *
 * @example
 * const base = new URL('https://webexapis.com/v1');
 * resolveNextPageUrl('https://evil.example/v1/x', new URL('https://webexapis.com/v1/x'), base);
 * // { ok: false, reason: 'the next-page link leaves the API origin https://webexapis.com (https://evil.example)' }
 */
export function resolveNextPageUrl(link: string, currentUrl: URL, baseUrl: URL): NextPageUrl {
  let url: URL;
  try {
    url = new URL(link, currentUrl);
  } catch {
    return { ok: false, reason: 'the next-page link is not a valid URL' };
  }
  if (url.origin !== baseUrl.origin) {
    return { ok: false, reason: `the next-page link leaves the API origin ${baseUrl.origin} (${url.origin})` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'the next-page link carries credentials' };
  }
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  if (basePath && !url.pathname.startsWith(`${basePath}/`)) {
    return { ok: false, reason: `the next-page link leaves the API base path ${basePath}` };
  }
  url.hash = '';
  return { ok: true, url };
}
