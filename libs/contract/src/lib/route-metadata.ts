import type { HeaderName } from './headers';
import type { ProblemTypeName } from './problem';

/** Facts about a route that ts-rest has no field for; read by OpenAPI, infra and the local server. */
export type RouteMetadata = {
  /** `jwt`: the gateway's JWT authorizer guards the route. `none`: public. */
  readonly auth: 'jwt' | 'none';
  /** Headers the success response carries. */
  readonly successHeaders?: readonly HeaderName[];
  /**
   * The problem types the function can answer this route with (besides those every route can:
   * see `problemsOnEveryRoute`). The OpenAPI document lists exactly these per status.
   */
  readonly problems?: readonly ProblemTypeName[];
};

export const jwtRoute = (successHeaders: readonly HeaderName[] = []): RouteMetadata => ({
  auth: 'jwt',
  successHeaders,
});

export const publicRoute: RouteMetadata = { auth: 'none' };
