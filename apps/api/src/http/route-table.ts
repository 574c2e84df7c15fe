import { apiRoutes, itemsContract, listRoutes, type ContractRoute } from '@items-api/contract';
import { createRouteSelector, routedMethod, withHead } from '@items-api/http-api';

export type RouteMatch =
  | { kind: 'match'; route: ContractRoute; params: Record<string, string> }
  | { kind: 'unknown-path' }
  | { kind: 'wrong-method'; allow: string[] };

/** The routes this function serves; the docs routes belong to the docs function. */
const served = new Set(listRoutes(itemsContract).map((route) => route.routeKey));

/** Every route of the API: a docs path asked for with another method is a 405 here too. */
const routes = createRouteSelector(apiRoutes);

/**
 * Which contract route a request is for, on an already normalised path, selected as API Gateway
 * selects routes, HEAD as GET: unknown path → 404, known path + other method → 405 with the
 * methods it allows. A docs route requested of this function with its own method (a misrouted
 * gateway) is no resource here: 404.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const selected = routes.select(routedMethod(method.toUpperCase()), path);
  if (selected) {
    if (!served.has(selected.route.routeKey)) return { kind: 'unknown-path' };
    return { kind: 'match', route: selected.route, params: selected.pathParameters ?? {} };
  }
  const samePath = routes.routesAt(path);
  if (samePath.length === 0) return { kind: 'unknown-path' };
  return { kind: 'wrong-method', allow: withHead(samePath.map((route) => route.method)) };
}
