import { itemsContract, listRoutes, type ContractRoute } from '@items-api/contract';
import { isZodType } from '@ts-rest/core';
import type { AnyZodObject, ZodTypeAny } from 'zod';

const routes = new Map(listRoutes(itemsContract).map((route) => [route.operationId, route]));

/** The items contract's route of that name. */
export function routeOf(operationId: string): ContractRoute {
  const route = routes.get(operationId);
  if (!route) throw new Error(`no route ${operationId} in the items contract`);
  return route;
}

/** Every route of the items contract (what the fuzzer covers). */
export const itemRoutes = [...routes.values()];

export const zodOf = (value: unknown) => (isZodType(value) ? (value as ZodTypeAny) : undefined);
export const objectOf = (value: unknown) => zodOf(value) as AnyZodObject | undefined;
export const shapeOf = (schema: AnyZodObject | undefined) =>
  (schema?.shape ?? {}) as Record<string, ZodTypeAny>;

/** The first 2xx response schema of a route (what it answers on success). */
function successSchema(route: ContractRoute): AnyZodObject | undefined {
  const success = Object.entries(route.route.responses).find(([status]) => status.startsWith('2'));
  return objectOf(success?.[1]);
}

/** Fields the server owns: in the success response but not in the route's request body. */
export function serverOwnedFields(route: ContractRoute): string[] {
  const body = objectOf((route.route as { body?: unknown }).body);
  if (!body) return [];
  const bodyKeys = Object.keys(shapeOf(body));
  return Object.keys(shapeOf(successSchema(route))).filter((key) => !bodyKeys.includes(key));
}
