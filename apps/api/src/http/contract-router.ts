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
import { ContentTypes, listRoutes, type ContractRoute } from '@items-api/contract';
import { routePathPattern } from '@items-api/stack-contract';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodError } from 'zod';
import { ValidationError } from '../errors';
import { toFieldErrors } from './field-errors';

/** Headers a route sets on its answer (`ETag`, `Location`); names are lower-cased. */
export type ResponseHeaders = { set(name: string, value: string): void };

export type RouteContext = {
  /** The API Gateway event, for what the contract does not carry (the verified `sub`). */
  rawEvent: APIGatewayProxyEventV2;
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

/** What the request checks found: the route and, where it has one, the parsed JSON body. */
export type CheckedRequest = { route: ContractRoute; body: unknown };

/**
 * HTTP whitespace trimmed as a Fetch `Headers` object normalises a value (Fetch §2.2); names
 * arrive lower-cased from API Gateway and are lower-cased again here for direct callers.
 */
const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/** Tab, LF, CR or space: the only characters the trim removes, so most values skip it. */
const isHttpWhitespace = (code: number) =>
  code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

const trimmed = (value: string) =>
  isHttpWhitespace(value.charCodeAt(0)) || isHttpWhitespace(value.charCodeAt(value.length - 1))
    ? value.replace(HTTP_WHITESPACE, '')
    : value;

function requestHeaders(event: APIGatewayProxyEventV2): Record<string, string> {
  const headers: Record<string, string> = {};
  if (event.cookies?.length) headers['cookie'] = event.cookies.join('; ');
  const received = event.headers ?? {};
  for (const name in received) {
    const value = received[name];
    const key = name.toLowerCase();
    if (value) headers[key] = trimmed(value);
    else delete headers[key];
  }
  return headers;
}

/**
 * The query as a URL's search parameters read it (`+` is a space, percent-decoding replaces
 * malformed UTF-8 with U+FFFD); a repeated name becomes an array, which the schemas refuse.
 */
function requestQuery(rawQueryString: string | undefined): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (!rawQueryString) return query;
  const url = new URL('http://localhost/');
  url.search = rawQueryString;
  for (const [name, value] of url.searchParams) {
    const previous = query[name];
    query[name] = previous ? ([] as string[]).concat(previous, value) : value;
  }
  return query;
}

/** Path parameters as the segments of the re-encoded path the request checks leave in `rawPath`. */
function pathParams(
  { pattern, names }: ReturnType<typeof routePathPattern>,
  rawPath: string,
): Record<string, string> {
  const match = pattern.exec(rawPath);
  const params: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) params[names[i] as string] = match?.[i + 1] ?? '';
  return params;
}

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
 * Runs the route function of a checked request: the request is routed once (by the request
 * checks), validated against its contract route, and the function's answer turned into the
 * Lambda result. Errors are thrown on, for the problem mapper.
 */
export function createContractRouter<C extends AppRouter>(
  contract: C,
  implementations: RouterImplementation<C>,
) {
  const byOperation = new Map(
    listRoutes(contract).map(({ operationId, path, route: appRoute }) => [
      operationId,
      {
        appRoute,
        path: routePathPattern(path),
        implementation: implementations[
          operationId as keyof C
        ] as unknown as RouteImplementation<AppRoute>,
      },
    ]),
  );
  return async (
    event: APIGatewayProxyEventV2,
    checked: CheckedRequest,
  ): Promise<APIGatewayProxyStructuredResultV2> => {
    const entry = byOperation.get(checked.route.operationId);
    if (!entry) throw new Error(`no route function for ${checked.route.operationId}`);
    const { appRoute, path, implementation } = entry;
    const request = validate(appRoute, {
      params: pathParams(path, event.rawPath),
      headers: requestHeaders(event),
      query: requestQuery(event.rawQueryString),
      body: checked.body,
    });
    const headers: Record<string, string> = {};
    const responseHeaders: ResponseHeaders = {
      set: (name, value) => {
        headers[name.toLowerCase()] = value;
      },
    };
    let answer: { status: number; body: unknown };
    try {
      answer = await implementation(request as ServerInferRequest<AppRoute>, {
        rawEvent: event,
        responseHeaders,
      });
    } catch (error) {
      if (!(error instanceof TsRestResponseError)) throw error;
      answer = { status: error.statusCode, body: error.body };
    }
    return toResult(appRoute, answer, headers);
  };
}
