/**
 * `max` + `start` paging with a `Link: <absolute url>; rel="next"` header, as the available-numbers lists document
 * ("max … The default is 2000", "start … zero-based offset") and as wxc_sdk follows (`response.links['next']`).
 */
import { CALLING_ERROR, type SimErrorAnswer } from './errors.js';

export interface Paging {
  readonly start: number;
  readonly max: number;
}

function parseInteger(value: string | null): number | undefined | 'invalid' {
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) return 'invalid';
  return Number(value);
}

/**
 * Reads `start` and `max`; `max` above `cap` is clamped (as /people documents), below 1 is a 400.
 *
 * @example
 * parsePaging(new URLSearchParams('max=2'), { defaultMax: 2000, cap: 2000 }); // { start: 0, max: 2 }
 */
export function parsePaging(
  query: URLSearchParams,
  limits: { readonly defaultMax: number; readonly cap: number },
): Paging | SimErrorAnswer {
  const max = parseInteger(query.get('max'));
  const start = parseInteger(query.get('start'));
  if (max === 'invalid' || max === 0) return CALLING_ERROR.invalidField('max');
  if (start === 'invalid') return CALLING_ERROR.invalidField('start');
  return { start: start ?? 0, max: Math.min(max ?? limits.defaultMax, limits.cap) };
}

export function isPaging(value: Paging | SimErrorAnswer): value is Paging {
  return 'max' in value && 'start' in value;
}

/**
 * One page and the `Link` header value of the next one (absolute URL: the request's URL with `start`/`max` moved on).
 *
 * @example
 * page([1, 2, 3], { start: 0, max: 2 }, new URL('http://127.0.0.1:8787/v1/x?max=2'));
 * // { items: [1, 2], link: '<http://127.0.0.1:8787/v1/x?max=2&start=2>; rel="next"' }
 */
export function page<T>(items: readonly T[], paging: Paging, requestUrl: URL): { items: T[]; link?: string } {
  const slice = items.slice(paging.start, paging.start + paging.max);
  const nextStart = paging.start + paging.max;
  if (nextStart >= items.length) return { items: slice };
  const next = new URL(requestUrl.href);
  next.searchParams.set('max', String(paging.max));
  next.searchParams.set('start', String(nextStart));
  return { items: slice, link: `<${next.href}>; rel="next"` };
}
