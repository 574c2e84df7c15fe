import { apiRoutes, type ContractRoute } from '@items-api/contract';

export type RouteMatch =
  | { kind: 'match'; route: ContractRoute }
  | { kind: 'unknown-path' }
  | { kind: 'wrong-method'; allow: string[] };

const toRegExp = (path: string) =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}$`);

const table = apiRoutes.map((route) => ({ route, pattern: toRegExp(route.path) }));

/** Which contract route a request is for: unknown path → 404, known path + other method → 405. */
export function matchRoute(method: string, path: string): RouteMatch {
  const samePath = table.filter(({ pattern }) => pattern.test(path));
  if (samePath.length === 0) return { kind: 'unknown-path' };
  const route = samePath.find(({ route }) => route.method === method.toUpperCase())?.route;
  return route
    ? { kind: 'match', route }
    : { kind: 'wrong-method', allow: samePath.map(({ route }) => route.method) };
}
