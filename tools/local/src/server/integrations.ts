import { docsContract, listRoutes } from '@items-api/contract';
import type { GatewayConfig } from '../template/gateway-config';
import type { Integration } from './invoke';

/**
 * Which in-process handler stands in for each function of the template: the function the
 * template routes the docs routes to is the docs function; every other one is the items function.
 */
export function bindIntegrations(
  config: GatewayConfig,
  handlers: { items: Integration; docs: Integration },
): Record<string, Integration> {
  const docsKeys = new Set(listRoutes(docsContract).map((r) => `${r.method} ${r.path}`));
  const docsFunctions = new Set(
    config.routes.filter((r) => docsKeys.has(r.routeKey)).map((r) => r.functionId),
  );
  return Object.fromEntries(
    Object.keys(config.functions).map((id) => [
      id,
      docsFunctions.has(id) ? handlers.docs : handlers.items,
    ]),
  );
}
