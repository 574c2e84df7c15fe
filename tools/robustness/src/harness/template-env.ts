import { itemsContract } from '@items-api/contract';
import { readGatewayConfig } from '@items-api/local';

type Template = Record<string, unknown>;
type FunctionResource = { Properties: { Environment?: { Variables?: Record<string, unknown> } } };

/**
 * A copy of a synthesized template whose items function (the one `GET /items` reaches) has
 * these environment variables too: a stage configured differently, e.g. its own CURSOR_SECRET.
 */
export function withItemsFunctionEnv(template: Template, env: Record<string, string>): Template {
  const { method, path } = itemsContract.listItems;
  const route = readGatewayConfig(template).routes.find((r) => r.routeKey === `${method} ${path}`);
  if (!route) throw new Error(`the template has no ${method} ${path} route`);
  const copy = structuredClone(template);
  const resources = copy['Resources'] as Record<string, FunctionResource>;
  const fn = resources[route.functionId];
  if (!fn) throw new Error(`the template has no function ${route.functionId}`);
  const environment = (fn.Properties.Environment ??= {});
  environment.Variables = { ...environment.Variables, ...env };
  return copy;
}
