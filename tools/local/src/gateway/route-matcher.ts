import { routePathPattern } from '@items-api/stack-contract';
import type { GatewayRoute } from '../template/gateway-config';

export type MatchedRoute = { route: GatewayRoute; pathParameters?: Record<string, string> };

type CompiledRoute = {
  route: GatewayRoute;
  method: string;
  pattern: RegExp;
  names: string[];
  greedy: boolean;
  literalSegments: number;
};

function compile(route: GatewayRoute): CompiledRoute | undefined {
  if (route.routeKey === '$default') return undefined;
  const [method = '', path = ''] = route.routeKey.split(' ');
  const segments = path.split('/').filter(Boolean);
  const { pattern, names } = routePathPattern(path);
  return {
    route,
    method,
    pattern,
    names,
    greedy: path.includes('+}'),
    literalSegments: segments.filter((s) => !s.startsWith('{')).length,
  };
}

/**
 * API Gateway's route selection (AWS guide "Working with routes for HTTP APIs"), on the decoded
 * path (`readRequestPath`), whose segments are the parameter values as they are: the most specific matching route wins (exact segments over
 * variables, variables over greedy `{proxy+}`, a method over `ANY`), else `$default`, else none.
 */
export function createRouteMatcher(routes: readonly GatewayRoute[]) {
  const compiled = routes.map(compile).filter((c): c is CompiledRoute => c !== undefined);
  const fallback = routes.find((r) => r.routeKey === '$default');
  return (method: string, path: string): MatchedRoute | undefined => {
    const candidates = compiled
      .map((c) => ({
        c,
        match: (c.method === method || c.method === 'ANY') && c.pattern.exec(path),
      }))
      .filter((x): x is { c: CompiledRoute; match: RegExpExecArray } => Boolean(x.match))
      .sort(
        (a, b) =>
          Number(a.c.greedy) - Number(b.c.greedy) ||
          b.c.literalSegments - a.c.literalSegments ||
          Number(a.c.method === 'ANY') - Number(b.c.method === 'ANY'),
      );
    const best = candidates[0];
    if (!best) return fallback ? { route: fallback } : undefined;
    const values = best.match.slice(1);
    const pathParameters = Object.fromEntries(
      best.c.names.map((name, i) => [name, values[i] ?? '']),
    );
    return { route: best.c.route, ...(best.c.names.length ? { pathParameters } : {}) };
  };
}
