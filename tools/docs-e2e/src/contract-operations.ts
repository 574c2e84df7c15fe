import { apiRoutes, type ContractRoute } from '@items-api/contract';
import type { AppRoute } from '@ts-rest/core';

/** The contract's view of a route (operationId, gateway-style path) for one of its ts-rest routes. */
export function contractRoute(route: AppRoute): ContractRoute {
  const found = apiRoutes.find((candidate) => candidate.route === route);
  if (!found) throw new Error(`not a contract route: ${route.method} ${route.path}`);
  return found;
}
