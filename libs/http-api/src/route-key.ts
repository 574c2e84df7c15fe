/**
 * Route keys of an HTTP API (AWS guide "Working with routes for HTTP APIs"): `METHOD /path`, the
 * method `ANY` for every method, and `$default` for requests no other route matches. A path
 * variable `{name}` takes one segment, a greedy `{name+}` the rest of the path.
 */
export const DEFAULT_ROUTE_KEY = '$default';

export type RouteKeyParts = { readonly method: string; readonly path: string };

/** `GET /items/{id}` → `{ method: 'GET', path: '/items/{id}' }`; `$default` → undefined. */
export function parseRouteKey(routeKey: string): RouteKeyParts | undefined {
  if (routeKey === DEFAULT_ROUTE_KEY) return undefined;
  const space = routeKey.indexOf(' ');
  if (space <= 0) throw new Error(`not an HTTP API route key: ${routeKey}`);
  return { method: routeKey.slice(0, space), path: routeKey.slice(space + 1) };
}

export const toRouteKey = (method: string, path: string) => `${method} ${path}`;

/** A route path as a regular expression, with the variables' `names` in capture order. */
export function routePathPattern(routePath: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = routePath
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(\w+)(\+?)\}$/.exec(segment);
      if (!param) return `/${segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')}`;
      names.push(param[1] ?? '');
      return param[2] ? '/(.+)' : '/([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source || '/'}$`), names };
}
