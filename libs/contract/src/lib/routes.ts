import { isAppRoute, type AppRoute, type AppRouter } from '@ts-rest/core';
import { docsContract } from './docs-contract';
import { itemsContract } from './items-contract';
import type { RouteMetadata, Scope } from './route-metadata';

export type HttpMethod = AppRoute['method'];

/** A contract route as a gateway sees it: method, `{param}` path, auth and scopes. */
export type ContractRoute = {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI / API Gateway style: `/items/{id}`. */
  readonly path: string;
  /** API Gateway's route key: `GET /items/{id}`. */
  readonly routeKey: string;
  readonly auth: RouteMetadata['auth'];
  /** Scopes the gateway requires (any one of them); empty for public routes. */
  readonly scopes: readonly Scope[];
  readonly route: AppRoute;
};

/** `/items/:id` → `/items/{id}` (API Gateway and OpenAPI spell parameters this way). */
export const toGatewayPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** API Gateway's route key for a contract route: `GET /items/{id}`. */
export const toRouteKey = (route: Pick<AppRoute, 'method' | 'path'>) =>
  `${route.method} ${toGatewayPath(route.path)}`;

export function listRoutes(router: AppRouter): ContractRoute[] {
  return Object.entries(router).flatMap(([name, value]) =>
    isAppRoute(value)
      ? [
          {
            operationId: name,
            method: value.method,
            path: toGatewayPath(value.path),
            routeKey: toRouteKey(value),
            auth: (value.metadata as RouteMetadata | undefined)?.auth ?? 'jwt',
            scopes: (value.metadata as RouteMetadata | undefined)?.scopes ?? [],
            route: value,
          },
        ]
      : listRoutes(value),
  );
}

/** Every route the API serves: the items routes and the public docs routes. */
export const apiRoutes: readonly ContractRoute[] = [
  ...listRoutes(itemsContract),
  ...listRoutes(docsContract),
];
