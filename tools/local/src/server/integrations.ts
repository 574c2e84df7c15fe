import { docsContract, itemsContract, listRoutes } from '@items-api/contract';
import type { AppRouter } from '@ts-rest/core';
import type { GatewayConfig } from '../template/gateway-config';
import type { Integration } from './invoke';

/** The logical ids of the functions the template routes a contract's routes to. */
function functionsServing(config: GatewayConfig, contract: AppRouter): Set<string> {
  const keys = new Set(listRoutes(contract).map((r) => r.routeKey));
  return new Set(config.routes.filter((r) => keys.has(r.routeKey)).map((r) => r.functionId));
}

/** The items function of the template (the one `GET /items` reaches). */
export function itemsFunctionOf(config: GatewayConfig) {
  const [id] = functionsServing(config, itemsContract);
  const fn = id ? config.functions[id] : undefined;
  if (!fn) throw new Error('the template routes no items route to a function');
  return fn;
}

/**
 * Which in-process handler stands in for each function of the template: the function the docs
 * routes reach is the docs function; every other one is the items function.
 */
export function bindIntegrations(
  config: GatewayConfig,
  handlers: { items: Integration; docs: Integration },
): Record<string, Integration> {
  const docsFunctions = functionsServing(config, docsContract);
  return Object.fromEntries(
    Object.keys(config.functions).map((id) => [
      id,
      docsFunctions.has(id) ? handlers.docs : handlers.items,
    ]),
  );
}
