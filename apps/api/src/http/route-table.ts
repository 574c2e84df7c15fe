import { apiRoutes, type ContractRoute } from '@items-api/contract';

export type RouteMatch =
  | { kind: 'match'; route: ContractRoute }
  | { kind: 'unknown-path' }
  | { kind: 'wrong-method'; allow: string[] };

const toRegExp = (path: string) =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}$`);

const table = apiRoutes.map((route) => ({ route, pattern: toRegExp(route.path) }));

/** RFC 9110 §9.3.2: HEAD is answered wherever GET is, by the GET route. */
const routeMethod = (method: string) => (method === 'HEAD' ? 'GET' : method);

/** The methods a path allows, HEAD beside each GET, in a stable order. */
const allowed = (routes: ContractRoute[]) =>
  routes.flatMap(({ method }) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));

/**
 * Which contract route a request is for, on an already normalised path: unknown path → 404,
 * known path + other method → 405 with the methods it allows.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const samePath = table.filter(({ pattern }) => pattern.test(path)).map(({ route }) => route);
  if (samePath.length === 0) return { kind: 'unknown-path' };
  const wanted = routeMethod(method.toUpperCase());
  const route = samePath.find((candidate) => candidate.method === wanted);
  return route ? { kind: 'match', route } : { kind: 'wrong-method', allow: allowed(samePath) };
}
