import type { AppRouteResponse } from '@ts-rest/core';
import { z } from 'zod';
import { GatewayAnswers } from './gateway-answers';
import { GatewayErrorSchema, ProblemSchema, ProblemTypes, type ProblemTypeName } from './problem';
import type { RouteMetadata } from './route-metadata';

/**
 * Problems the function can answer on every route behind the JWT authorizer (the items routes):
 * a token without a usable `sub` (401), a failure of its own (500) and DynamoDB busy or down (503).
 */
export const problemsOnEveryRoute = [
  'unauthorized',
  'internal',
  'unavailable',
] as const satisfies readonly ProblemTypeName[];

/** A status both the function and API Gateway answer with: either body shape. */
const FunctionOrGateway = z.union([ProblemSchema, GatewayErrorSchema]);

type Auth = RouteMetadata['auth'];

/** API Gateway's answers on a route: all of them behind the JWT authorizer, else those for any route. */
type GatewayAnswerOn<A extends Auth> = Extract<
  (typeof GatewayAnswers)[number],
  { routes: A extends 'jwt' ? 'jwt' | 'all' : 'all' }
>;

/** The problem types the function can answer a route with. */
type ProblemsOn<M extends RouteMetadata> =
  | (M extends { problems: readonly (infer P extends ProblemTypeName)[] } ? P : never)
  | (M['auth'] extends 'jwt' ? (typeof problemsOnEveryRoute)[number] : never);

type StatusOf<P extends ProblemTypeName> = (typeof ProblemTypes)[P]['status'];

/** Each error status of a route, with the body shape of whoever answers it. */
export type ErrorResponses<M extends RouteMetadata> = {
  [S in StatusOf<ProblemsOn<M>> | GatewayAnswerOn<M['auth']>['status']]: S extends StatusOf<
    ProblemsOn<M>
  >
    ? S extends GatewayAnswerOn<M['auth']>['status']
      ? typeof FunctionOrGateway
      : typeof ProblemSchema
    : typeof GatewayErrorSchema;
};

/** The function's problem types for a route: its own, plus those every JWT route can answer. */
export function problemsOf(metadata: RouteMetadata): ProblemTypeName[] {
  const own = metadata.problems ?? [];
  return metadata.auth === 'jwt' ? [...new Set([...own, ...problemsOnEveryRoute])] : [...own];
}

/** What API Gateway answers itself on a route with this auth. */
export const gatewayAnswersOn = (auth: Auth) =>
  GatewayAnswers.filter((answer) => answer.routes === 'all' || auth === 'jwt');

/**
 * A route's error statuses, made from the problem catalogue (the route's problems) and API
 * Gateway's answers (`GatewayAnswers`): the one table both the contract's types and the OpenAPI
 * document read, so a typed client handles every status the document declares.
 */
export function errorResponses<const M extends RouteMetadata>(metadata: M): ErrorResponses<M> {
  const byFunction = new Set<number>(problemsOf(metadata).map((name) => ProblemTypes[name].status));
  const byGateway = new Set<number>(gatewayAnswersOn(metadata.auth).map((answer) => answer.status));
  const statuses = [...new Set([...byFunction, ...byGateway])].sort((a, b) => a - b);
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      byFunction.has(status)
        ? byGateway.has(status)
          ? FunctionOrGateway
          : ProblemSchema
        : GatewayErrorSchema,
    ]),
  ) as ErrorResponses<M>;
}

/**
 * A contract route's `responses` and `metadata`, to spread into it: the success responses given,
 * and every error status its metadata implies.
 */
export function routeAnswers<
  const Success extends Record<number, AppRouteResponse>,
  const M extends RouteMetadata,
>(success: Success, metadata: M): { responses: Success & ErrorResponses<M>; metadata: M } {
  return { responses: { ...success, ...errorResponses(metadata) }, metadata };
}
