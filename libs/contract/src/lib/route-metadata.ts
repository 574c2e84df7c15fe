import type { HeaderName } from './headers';

/** Facts about a route that ts-rest has no field for; read by OpenAPI, infra and the local server. */
export type RouteMetadata = {
  /** `jwt`: the gateway's JWT authorizer guards the route. `none`: public. */
  readonly auth: 'jwt' | 'none';
  /** Headers the success response carries. */
  readonly successHeaders?: readonly HeaderName[];
};

export const jwtRoute = (successHeaders: readonly HeaderName[] = []): RouteMetadata => ({
  auth: 'jwt',
  successHeaders,
});

export const publicRoute: RouteMetadata = { auth: 'none' };
