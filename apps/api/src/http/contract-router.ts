import {
  checkZodSchema,
  isAppRouteNoBody,
  isAppRouteOtherResponse,
  TsRestResponseError,
  type AppRoute,
  type AppRouter,
  type ServerInferRequest,
  type ServerInferResponses,
} from '@ts-rest/core';
import { ContentTypes, listRoutes } from '@items-api/contract';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodError } from 'zod';
import { ValidationError } from '../errors';
import type { DecodedRequest } from './decode-request';
import { toFieldErrors } from './field-errors';

/** Headers a route sets on its answer (`ETag`, `Location`); names are lower-cased. */
export type ResponseHeaders = { set(name: string, value: string): void };

export type RouteContext = {
  /** The verified caller: the `sub` the gateway's JWT authorizer passed on. */
  owner: string;
  responseHeaders: ResponseHeaders;
};

/**
 * A route function: the request as the contract types it (params, query, headers, body, each
 * validated) in, one of the route's declared answers out. Returning a status the contract does
 * not declare for the route, or a body of the wrong shape, does not compile; neither does
 * throwing a `TsRestResponseError` for another route.
 */
export type RouteImplementation<R extends AppRoute> = (
  request: ServerInferRequest<R>,
  context: RouteContext,
) => Promise<ServerInferResponses<R>>;

export type RouterImplementation<C extends AppRouter> = {
  [K in keyof C]: C[K] extends AppRoute ? RouteImplementation<C[K]> : never;
};

/** Types a route function against its contract route (what `tsr.route` does in ts-rest). */
export const route = <R extends AppRoute>(
  _route: R,
  implementation: RouteImplementation<R>,
): RouteImplementation<R> => implementation;

type Validated = { success: true; data: unknown } | { success: false; error: ZodError };

/** Every part is validated, and every invalid part is reported, in one 400. */
function validate(
  route: AppRoute,
  input: Record<'params' | 'headers' | 'query' | 'body', unknown>,
) {
  const schemas = route as AppRoute & {
    pathParams?: unknown;
    headers?: unknown;
    query?: unknown;
    body?: unknown;
  };
  const results = {
    params: checkZodSchema(input.params, schemas.pathParams, { passThroughExtraKeys: true }),
    headers: checkZodSchema(input.headers, schemas.headers, { passThroughExtraKeys: true }),
    query: checkZodSchema(input.query, schemas.query),
    body: checkZodSchema(input.body, 'body' in schemas ? schemas.body : null),
  } as Record<'params' | 'headers' | 'query' | 'body', Validated>;
  if (
    !results.params.success ||
    !results.headers.success ||
    !results.query.success ||
    !results.body.success
  ) {
    throw new ValidationError(
      Object.entries(results).flatMap(([where, result]) =>
        result.success ? [] : toFieldErrors(where, result.error),
      ),
    );
  }
  return {
    params: (results.params as { data: unknown }).data,
    headers: (results.headers as { data: unknown }).data,
    query: (results.query as { data: unknown }).data,
    body: (results.body as { data: unknown }).data,
  };
}

/** A route's answer as payload 2.0 wants it: JSON unless the contract says no body or another type. */
function toResult(
  appRoute: AppRoute,
  answer: { status: number; body: unknown },
  headers: Record<string, string>,
): APIGatewayProxyStructuredResultV2 {
  const declared = appRoute.responses[answer.status];
  if (declared !== undefined && isAppRouteNoBody(declared)) {
    return { statusCode: answer.status, headers, body: '', isBase64Encoded: false };
  }
  if (declared !== undefined && isAppRouteOtherResponse(declared)) {
    headers['content-type'] = declared.contentType;
    return {
      statusCode: answer.status,
      headers,
      body: String(answer.body ?? ''),
      isBase64Encoded: false,
    };
  }
  headers['content-type'] = ContentTypes.json;
  const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
  return { statusCode: answer.status, headers, body, isBase64Encoded: false };
}

/**
 * Runs the route function of a decoded request: the request is validated against its contract
 * route, and the function's answer turned into the Lambda result. Errors are thrown on, for the
 * problem mapper.
 */
export function createContractRouter<C extends AppRouter>(
  contract: C,
  implementations: RouterImplementation<C>,
) {
  const byOperation = new Map(
    listRoutes(contract).map(({ operationId, route: appRoute }) => [
      operationId,
      {
        appRoute,
        implementation: implementations[
          operationId as keyof C
        ] as unknown as RouteImplementation<AppRoute>,
      },
    ]),
  );
  return async (decoded: DecodedRequest): Promise<APIGatewayProxyStructuredResultV2> => {
    const entry = byOperation.get(decoded.route.operationId);
    if (!entry) throw new Error(`no route function for ${decoded.route.operationId}`);
    // Every items route is behind the JWT authorizer: a route without one is a wiring mistake.
    if (decoded.owner === undefined) {
      throw new Error(`${decoded.route.operationId} is not behind the JWT authorizer`);
    }
    const { appRoute, implementation } = entry;
    const request = validate(appRoute, decoded);
    const headers: Record<string, string> = {};
    const responseHeaders: ResponseHeaders = {
      set: (name, value) => {
        headers[name.toLowerCase()] = value;
      },
    };
    let answer: { status: number; body: unknown };
    try {
      answer = await implementation(request as ServerInferRequest<AppRoute>, {
        owner: decoded.owner,
        responseHeaders,
      });
    } catch (error) {
      if (!(error instanceof TsRestResponseError)) throw error;
      answer = { status: error.statusCode, body: error.body };
    }
    return toResult(appRoute, answer, headers);
  };
}
