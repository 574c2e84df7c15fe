import { ContentTypes, Headers, RequestLimits, type ContractRoute } from '@items-api/contract';
import {
  encodePath,
  mediaTypeOf,
  normalisePath,
  parseQuery,
  requestBody,
  requestHeaders,
} from '@items-api/http-api';
import { extractZodObjectShape, isAppRouteNoBody, isZodObject, type AppRoute } from '@ts-rest/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  MalformedJsonError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors';
import { noteOperation } from '../observability/request-scope';
import { ownerOf } from './owner';
import { matchRoute } from './route-table';

/** A request as the function reads it, once; the event itself stays as received. */
export type DecodedRequest = {
  route: ContractRoute;
  /** The verified caller, on routes behind the JWT authorizer. */
  owner: string | undefined;
  params: Record<string, string>;
  /** The parameters the route declares; a repeated one is an array, which the schemas refuse. */
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** The parsed JSON body on routes that take one; undefined elsewhere. */
  body: unknown;
};

/** The query parameter names each route declares, read from its schema once. */
const declaredQueries = new Map<AppRoute, ReadonlySet<string>>();
function declaredQuery(route: AppRoute): ReadonlySet<string> {
  let names = declaredQueries.get(route);
  if (!names) {
    const query = (route as { query?: unknown }).query;
    names = new Set(isZodObject(query) ? Object.keys(extractZodObjectShape(query)) : []);
    declaredQueries.set(route, names);
  }
  return names;
}

/**
 * The parameters the route declares, strictly decoded: an escape that is not percent-encoded
 * UTF-8 is a 400 naming the parameter, not a search for replacement characters. Parameters the
 * route does not declare are ignored, as the document says (`_=123` cache busters).
 */
function readQuery(route: AppRoute, rawQueryString: string): Record<string, string | string[]> {
  const declared = declaredQuery(route);
  const query: Record<string, string | string[]> = {};
  const malformed = new Set<string>();
  for (const { name, value, wellFormed } of parseQuery(rawQueryString)) {
    if (!declared.has(name)) continue;
    if (!wellFormed) malformed.add(name);
    const previous = query[name];
    query[name] = previous === undefined ? value : ([] as string[]).concat(previous, value);
  }
  if (malformed.size) {
    throw new ValidationError(
      [...malformed].map((name) => ({
        path: `query.${name}`,
        message: 'must be well-formed UTF-8',
      })),
    );
  }
  return query;
}

/** The parsed body: JSON, within the size limit; undefined when there is none. */
function readBody(event: APIGatewayProxyEventV2, headers: Record<string, string>): unknown {
  const body = requestBody(event);
  if (body === undefined) return undefined; // validation answers "body: Required"
  if (Buffer.byteLength(body) > RequestLimits.maxBodyBytes) {
    throw new PayloadTooLargeError(`Bodies are limited to ${RequestLimits.maxBodyBytes} bytes`);
  }
  if (mediaTypeOf(headers[Headers.contentType]) !== ContentTypes.json) {
    throw new UnsupportedMediaTypeError(`Send the body as ${ContentTypes.json}`);
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new MalformedJsonError(`The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Whether the contract gives the route a body (POST and PUT here); elsewhere one is ignored. */
const takesBody = (route: AppRoute) => 'body' in route && !isAppRouteNoBody(route.body);

/**
 * Reads the request once, answering what must not reach a route in the gateway's order: unknown
 * path (404), wrong method (405 + Allow), a token without a usable subject (401), a malformed
 * query parameter (400); then a body over the limit (413), not JSON (415) or not parseable (400).
 */
export function decodeRequest(event: APIGatewayProxyEventV2): DecodedRequest {
  const { method, path: received } = event.requestContext.http;
  const path = normalisePath(received);
  if (path === undefined) throw new NotFoundError('No resource at this path');
  const match = matchRoute(method, path);
  if (match.kind === 'match') noteOperation(match.route.operationId);
  if (match.kind === 'unknown-path') throw new NotFoundError(`No resource at ${path}`);
  if (match.kind === 'wrong-method') {
    throw new MethodNotAllowedError(`${method} is not allowed on ${path}`, match.allow);
  }
  const { route, params } = match;
  const owner = route.auth === 'jwt' ? ownerOf(event) : undefined;
  const query = readQuery(route.route, event.rawQueryString ?? '');
  const headers = requestHeaders(event);
  const body = takesBody(route.route) ? readBody(event, headers) : undefined;
  return { route, owner, params, query, headers, body };
}

/** The path a problem's `instance` and the access log name: normalised, as a URI reference. */
export const instancePath = (event: APIGatewayProxyEventV2) => {
  const received = event.requestContext?.http?.path ?? event.rawPath ?? '/';
  return encodePath(normalisePath(received) ?? received);
};
