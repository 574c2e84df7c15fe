import { DEFAULT_ROUTE_KEY, parseRouteKey, routePathPattern } from './route-key';

export type SelectedRoute<R> = { route: R; pathParameters?: Record<string, string> };

type CompiledRoute<R> = {
  route: R;
  method: string;
  pattern: RegExp;
  names: string[];
  greedy: boolean;
  literalSegments: number;
};

function compile<R extends { readonly routeKey: string }>(route: R): CompiledRoute<R> | undefined {
  const parts = parseRouteKey(route.routeKey);
  if (!parts) return undefined;
  const { pattern, names } = routePathPattern(parts.path);
  return {
    route,
    method: parts.method,
    pattern,
    names,
    greedy: parts.path.includes('+}'),
    literalSegments: parts.path.split('/').filter((s) => s && !s.startsWith('{')).length,
  };
}

/** More specific first: literal segments over variables, variables over greedy, a method over ANY. */
const bySpecificity = <R>(a: CompiledRoute<R>, b: CompiledRoute<R>) =>
  Number(a.greedy) - Number(b.greedy) ||
  b.literalSegments - a.literalSegments ||
  Number(a.method === 'ANY') - Number(b.method === 'ANY');

/**
 * API Gateway's route selection (AWS guide "Working with routes for HTTP APIs": "API Gateway
 * selects the route with the most-specific match"), on the decoded path, whose segments are the
 * path parameters as they are: exact segments over variables, variables over a greedy
 * `{proxy+}`, a method over `ANY`; else `$default`; else none.
 */
export function createRouteSelector<R extends { readonly routeKey: string }>(routes: readonly R[]) {
  const compiled = routes
    .map((route) => compile(route))
    .filter((c): c is CompiledRoute<R> => c !== undefined)
    .sort(bySpecificity);
  const fallback = routes.find((route) => route.routeKey === DEFAULT_ROUTE_KEY);
  return {
    select(method: string, path: string): SelectedRoute<R> | undefined {
      for (const c of compiled) {
        if (c.method !== method && c.method !== 'ANY') continue;
        const match = c.pattern.exec(path);
        if (!match) continue;
        if (!c.names.length) return { route: c.route };
        const pathParameters: Record<string, string> = {};
        c.names.forEach((name, i) => (pathParameters[name] = match[i + 1] ?? ''));
        return { route: c.route, pathParameters };
      }
      return fallback ? { route: fallback } : undefined;
    },
    /** The routes whose path matches, whatever their method: a 405's `Allow` comes from them. */
    routesAt(path: string): R[] {
      return compiled.filter((c) => c.pattern.test(path)).map((c) => c.route);
    },
  };
}
