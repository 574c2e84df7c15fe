import { apiRoutes, itemsContract, listRoutes, type ContractRoute } from '@items-api/contract';
import { routePathPattern } from '@items-api/stack-contract';

export type RouteMatch =
  | { kind: 'match'; route: ContractRoute }
  | { kind: 'unknown-path' }
  | { kind: 'wrong-method'; allow: string[] };

/** The routes this function serves; the docs routes belong to the docs function. */
const served = new Set(listRoutes(itemsContract).map((route) => route.routeKey));

const table = apiRoutes.map((route) => ({
  route,
  pattern: routePathPattern(route.path).pattern,
  served: served.has(route.routeKey),
}));

/** RFC 9110 §9.3.2: HEAD is answered wherever this function answers GET, by the GET route. */
const routeMethod = (method: string) => (method === 'HEAD' ? 'GET' : method);

/**
 * The methods a path allows, in a stable order: HEAD beside each GET (the stack routes a docs
 * path's HEAD to the docs function, as its GET; any other method reaches this function through
 * the gateway's `$default` route).
 */
const allowed = (matches: typeof table) =>
  matches.flatMap(({ route }) => (route.method === 'GET' ? ['GET', 'HEAD'] : [route.method]));

/**
 * Which contract route a request is for, on an already normalised path: unknown path → 404,
 * known path + other method → 405 with the methods it allows. A docs route requested of this
 * function with its own method (a misrouted gateway) is no resource here: 404.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const samePath = table.filter(({ pattern }) => pattern.test(path));
  if (samePath.length === 0) return { kind: 'unknown-path' };
  const upper = method.toUpperCase();
  const ours = samePath.find((entry) => entry.served && entry.route.method === routeMethod(upper));
  if (ours) return { kind: 'match', route: ours.route };
  if (samePath.some((entry) => entry.route.method === routeMethod(upper))) {
    return { kind: 'unknown-path' };
  }
  return { kind: 'wrong-method', allow: allowed(samePath) };
}
