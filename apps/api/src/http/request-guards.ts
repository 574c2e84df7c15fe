import {
  apiRoutes,
  ContentTypes,
  Headers,
  RequestLimits,
  type ContractRoute,
} from '@items-api/contract';
import { extractZodObjectShape, isZodObject, type AppRoute } from '@ts-rest/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import {
  MalformedJsonError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
} from '../errors';
import { noteOperation } from '../observability/request-scope';
import type { CheckedRequest } from './contract-router';
import { requestedMethod } from './head-requests';
import { isPlainPath, normalisePath } from './normalise-path';
import { ownerOf } from './owner';
import { matchRoute } from './route-table';

const hasBody = (route: { method: string }) => route.method === 'POST' || route.method === 'PUT';

const isJson = (contentType: string | undefined) =>
  contentType?.split(';')[0]?.trim().toLowerCase() === ContentTypes.json;

function decodedBody(event: APIGatewayProxyEventV2): string | undefined {
  if (event.body === undefined || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/** The query parameter names each route declares, read from its schema once. */
const declaredQueries = new Map(
  apiRoutes.map(({ route }) => {
    const query = (route as { query?: unknown }).query;
    return [route, new Set(isZodObject(query) ? Object.keys(extractZodObjectShape(query)) : [])];
  }),
);

const declaredQuery = (route: AppRoute): ReadonlySet<string> =>
  declaredQueries.get(route) ?? new Set();

const queryName = (pair: string) => {
  const raw = pair.split('=')[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
};

/**
 * Query parameters the route does not declare are ignored, as the document says: they are
 * dropped here (`_=123` cache busters), before the query is validated.
 */
function dropUndeclaredQuery(event: APIGatewayProxyEventV2, route: AppRoute): void {
  if (!event.rawQueryString && !event.queryStringParameters) return;
  const declared = declaredQuery(route);
  event.rawQueryString = (event.rawQueryString ?? '')
    .split('&')
    .filter((pair) => pair !== '' && declared.has(queryName(pair)))
    .join('&');
  if (event.queryStringParameters) {
    event.queryStringParameters = Object.fromEntries(
      Object.entries(event.queryStringParameters).filter(([name]) => declared.has(name)),
    );
  }
}

/** Where the contract has no body (GET, HEAD, DELETE) a body is ignored, as the document says. */
function dropBody(event: APIGatewayProxyEventV2): undefined {
  delete event.body;
  event.isBase64Encoded = false;
  if (event.headers) delete event.headers[Headers.contentType];
  return undefined;
}

/** The parsed body: JSON, within the size limit; undefined when there is none. */
function checkBody(event: APIGatewayProxyEventV2): unknown {
  const headers = event.headers ?? {};
  const body = decodedBody(event);
  if (body === undefined) {
    delete headers[Headers.contentType]; // nothing to parse: validation answers "body: Required"
    return undefined;
  }
  if (Buffer.byteLength(body) > RequestLimits.maxBodyBytes) {
    throw new PayloadTooLargeError(`Bodies are limited to ${RequestLimits.maxBodyBytes} bytes`);
  }
  if (!isJson(headers[Headers.contentType])) {
    throw new UnsupportedMediaTypeError(`Send the body as ${ContentTypes.json}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new MalformedJsonError(`The body is not valid JSON: ${(error as Error).message}`);
  }
  return parsed;
}

/** The route a request is for, on its normalised path (which the event then carries). */
function routeOf(event: APIGatewayProxyEventV2): ContractRoute {
  const { path } = event.requestContext.http;
  const method = requestedMethod(event);
  const normalised = normalisePath(path);
  if (normalised === undefined) throw new NotFoundError('No resource at this path');
  const match = matchRoute(method, normalised);
  if (match.kind === 'match') noteOperation(match.route.operationId);
  if (match.kind === 'unknown-path') throw new NotFoundError(`No resource at ${normalised}`);
  if (match.kind === 'wrong-method') {
    throw new MethodNotAllowedError(`${method} is not allowed on ${normalised}`, match.allow);
  }
  if (normalised !== path) {
    event.requestContext.http.path = normalised;
    if (event.rawPath === path) event.rawPath = normalised;
  }
  return match.route;
}

/**
 * HTTP APIs deliver `rawPath` percent-decoded (`/items/a b`, a decoded `#` or `?` included: live
 * captures in hotsock/voker, `vokerhttp/testdata/ingress-paths.json`). Each segment is encoded
 * again, so the path is a URI reference once more (the problem's `instance`, the access log) and
 * a path parameter is the one segment it was, even holding a `/`-free `#`, `?` or space.
 */
const reencodedPath = (path: string) =>
  isPlainPath(path) ? path : path.split('/').map(encodeURIComponent).join('/');

/**
 * Answers what must not reach a route, in the gateway's order: unknown path (404), wrong
 * method (405 + Allow), a token without a usable subject (401); then body over the limit (413),
 * a body that is not JSON (415) or not parseable (400). Undeclared query parameters and bodies
 * where the contract has none are dropped. Returns the route and the parsed body.
 */
export function checkRequest(event: APIGatewayProxyEventV2): CheckedRequest {
  const route = routeOf(event);
  if (route.auth === 'jwt') ownerOf(event);
  dropUndeclaredQuery(event, route.route);
  const body = hasBody(route.route) ? checkBody(event) : dropBody(event);
  event.rawPath = reencodedPath(event.rawPath);
  return { route, body };
}
