import { allScopes, type ContractRoute } from '@items-api/contract';
import { DEFAULT_ROUTE_KEY, headRouteKey } from '@items-api/http-api';

/** Which function a gateway route calls and whether the JWT authorizer guards it. */
export type GatewayRoutePlan = {
  /** `GET /items/{id}`, `OPTIONS /{proxy+}` or `$default`. */
  readonly routeKey: string;
  readonly target: 'items' | 'docs';
  readonly auth: 'jwt' | 'none';
  /** The route's `AuthorizationScopes`: the token must carry one of them (empty: none asked). */
  readonly scopes: readonly string[];
};

export const defaultRouteKey = DEFAULT_ROUTE_KEY;

/**
 * `$default` (with the authorizer) would catch a preflight `OPTIONS` and answer 401; a more
 * specific, unauthenticated `OPTIONS /{proxy+}` wins over it (AWS guide "Configuring CORS for an
 * HTTP API", which asks for an integration on that route). Its integration is the public docs
 * function, which answers a preflight with 204 (the gateway adds the CORS headers) in case the
 * gateway hands it the preflight rather than answering itself, and any other `OPTIONS` with 404
 * — so no unauthenticated request reaches the items function.
 */
const preflightRouteKey = 'OPTIONS /{proxy+}';

/**
 * Every route the HTTP API gets, derived from the contract: each contract route (public ones to
 * the docs function, the rest to the items function behind the authorizer and the contract's
 * scopes), the preflight
 * route, and `$default` to the items function so unknown paths get the handler's 404/405.
 */
export function planGatewayRoutes(routes: readonly ContractRoute[]): GatewayRoutePlan[] {
  return [
    ...routes.map((route): GatewayRoutePlan => ({
      routeKey: route.routeKey,
      target: route.auth === 'none' ? 'docs' : 'items',
      auth: route.auth,
      scopes: route.auth === 'jwt' ? route.scopes : [],
    })),
    // RFC 9110 §9.3.2: HEAD wherever GET is. The items function answers its own HEADs through
    // `$default`; a public (docs) GET gets a HEAD route to the same function.
    ...routes
      .filter((route) => route.auth === 'none')
      .flatMap((route) => headRouteKey(route.routeKey) ?? [])
      .map((routeKey): GatewayRoutePlan => ({
        routeKey,
        target: 'docs',
        auth: 'none',
        scopes: [],
      })),
    { routeKey: preflightRouteKey, target: 'docs', auth: 'none', scopes: [] },
    // Any API scope: an ID token (which has none) never reaches the function, not even for a 404.
    { routeKey: defaultRouteKey, target: 'items', auth: 'jwt', scopes: allScopes },
  ];
}

/** CORS `allowMethods`: every method the contract uses, plus `OPTIONS` for preflight. */
export function corsAllowMethods(routes: readonly ContractRoute[]): string[] {
  return [...new Set([...routes.map((route) => route.method), 'OPTIONS'])];
}
