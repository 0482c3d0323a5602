/** The paging every list route shares: `start`/`max` read against the route's cap, and one page with its `Link`. */
import type { SimErrorAnswer } from '../errors.js';
import { isPaging, page, parsePaging, type Paging } from '../pagination.js';
import type { RouteContext, SuccessAnswer } from './route.js';

/**
 * `start`/`max` of the request; `max` defaults to and is capped at `documentedMax` (or the simulator's `maxPageSize`).
 *
 * @example
 * const paging = pagingFor(context, 2000);
 * if ('message' in paging) return paging;
 */
export function pagingFor(context: RouteContext, documentedMax: number): Paging | SimErrorAnswer {
  const cap = Math.min(documentedMax, context.maxPageSize ?? documentedMax);
  return parsePaging(context.query, { defaultMax: cap, cap });
}

export { isPaging };

/**
 * A 200 with one page of `items` under `key`, and `Link: <next>; rel="next"` when more follow.
 *
 * @example
 * return pagedAnswer(numbers, paging, context, 'phoneNumbers');
 */
export function pagedAnswer<T>(
  items: readonly T[],
  paging: Paging,
  context: RouteContext,
  key: string,
  view: (item: T) => unknown = (item) => item,
): SuccessAnswer {
  const result = page(items, paging, context.url);
  return {
    status: 200,
    body: { [key]: result.items.map(view) },
    ...(result.link ? { headers: { Link: result.link } } : {}),
  };
}
