import type { HeaderName } from './headers';
import type { ProblemTypeName } from './problem';

/**
 * The API's OAuth 2.0 resource server and its scopes. A Cognito scope is
 * `<resource server identifier>/<scope name>`; access tokens carry the granted ones in `scope`.
 */
export const ResourceServer = {
  identifier: 'items',
  scopes: {
    read: { name: 'read', description: 'List and read your items' },
    write: { name: 'write', description: 'Create, replace and delete your items' },
  },
} as const;

export type ScopeName = keyof typeof ResourceServer.scopes;

/** `items/read`, `items/write`: the full scope strings tokens carry. */
export const Scopes = {
  read: `${ResourceServer.identifier}/${ResourceServer.scopes.read.name}`,
  write: `${ResourceServer.identifier}/${ResourceServer.scopes.write.name}`,
} as const satisfies Record<ScopeName, string>;

export type Scope = (typeof Scopes)[ScopeName];

/** Every scope the API defines (what a token without an explicit scope request is granted locally). */
export const allScopes: readonly Scope[] = Object.values(Scopes);

/** Facts about a route that ts-rest has no field for; read by OpenAPI, infra and the local server. */
export type RouteMetadata = {
  /** `jwt`: the gateway's JWT authorizer guards the route. `none`: public. */
  readonly auth: 'jwt' | 'none';
  /** OAuth scopes the token must carry (any one of them, as API Gateway's `AuthorizationScopes`). */
  readonly scopes?: readonly Scope[];
  /** Headers the success response carries. */
  readonly successHeaders?: readonly HeaderName[];
  /**
   * The problem types the function can answer this route with (besides those every route behind
   * the JWT authorizer can: see `problemsOnEveryRoute`). The route's error statuses are made from
   * these and API Gateway's answers (`routeAnswers`).
   */
  readonly problems?: readonly ProblemTypeName[];
};

/** A route behind the JWT authorizer that requires `scope`. */
export const jwtRoute = <const S extends Scope>(
  scope: S,
  successHeaders: readonly HeaderName[] = [],
) =>
  ({
    auth: 'jwt',
    scopes: [scope],
    successHeaders,
  }) as const satisfies RouteMetadata;

export const publicRoute = { auth: 'none' } as const satisfies RouteMetadata;
