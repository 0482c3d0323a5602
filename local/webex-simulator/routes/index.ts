/** The route table and the path matcher. */
import { listCallingLocationsRoute } from './calling-locations.js';
import { getLocationEcbnRoute } from './location-ecbn.js';
import { getLocationEcbnAvailableNumbersRoute } from './location-ecbn-available-numbers.js';
import { listNumbersRoute } from './numbers.js';
import { getPersonRoute, listPeopleRoute } from './people.js';
import { getMyOwnDetailsRoute } from './people-me.js';
import {
  getPersonEcbnAvailableNumbersRoute,
  getPersonEcbnDependenciesRoute,
  getPersonEcbnRoute,
  putPersonEcbnRoute,
} from './person-ecbn.js';
import type { Route } from './route.js';
import { listWorkspacesRoute } from './workspaces.js';

export const ROUTES: readonly Route[] = [
  listPeopleRoute,
  getMyOwnDetailsRoute,
  getPersonRoute,
  getPersonEcbnRoute,
  putPersonEcbnRoute,
  getPersonEcbnDependenciesRoute,
  getPersonEcbnAvailableNumbersRoute,
  getLocationEcbnRoute,
  listCallingLocationsRoute,
  getLocationEcbnAvailableNumbersRoute,
  listNumbersRoute,
  listWorkspacesRoute,
];

interface CompiledRoute {
  readonly route: Route;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

const COMPILED: readonly CompiledRoute[] = ROUTES.map((route) => {
  const names: string[] = [];
  const source = route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
});

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: Route; readonly params: Record<string, string> }
  /** The path exists, with other methods (→ 405). */
  | { readonly kind: 'method-not-allowed'; readonly template: string }
  | { readonly kind: 'not-found' };

/**
 * Finds the route of a path below `/v1`.
 *
 * @example
 * matchRoute('GET', '/people/Y2lz…'); // { kind: 'found', route: getPersonRoute, params: { personId: 'Y2lz…' } }
 */
export function matchRoute(method: string, path: string): RouteMatch {
  let template: string | undefined;
  for (const { route, pattern, names } of COMPILED) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      template ??= route.template;
      continue;
    }
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = safeDecode(match[i + 1] ?? '');
    });
    return { kind: 'found', route, params };
  }
  return template !== undefined ? { kind: 'method-not-allowed', template } : { kind: 'not-found' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
