import { ContentTypes, Headers, RequestLimits } from '@items-api/contract';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ApiError } from '../errors';
import { matchRoute } from './route-table';
import { rejectRouterBreakingKeys } from './router-breaking-keys';

const hasBody = (route: { method: string }) => route.method === 'POST' || route.method === 'PUT';

const isJson = (contentType: string | undefined) =>
  contentType?.split(';')[0]?.trim().toLowerCase() === ContentTypes.json;

function decodedBody(event: APIGatewayProxyEventV2): string | undefined {
  if (event.body === undefined || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * Answers what must not reach the router: unknown path (404), wrong method (405 + Allow),
 * body over the limit (413), a body that is not JSON (415) or not parseable (400).
 */
export function checkRequest(event: APIGatewayProxyEventV2): void {
  const { method, path } = event.requestContext.http;
  const match = matchRoute(method, path);
  if (match.kind === 'unknown-path') throw new ApiError('notFound', `No resource at ${path}`);
  if (match.kind === 'wrong-method') {
    throw new ApiError('methodNotAllowed', `${method} is not allowed on ${path}`, {
      headers: { [Headers.allow]: match.allow.join(', ') },
    });
  }
  rejectRouterBreakingKeys(event.queryStringParameters, undefined);
  const headers = event.headers ?? {};
  if (!hasBody(match.route)) {
    // Bodies are ignored where the contract has none; dropping the type keeps the router from
    // parsing one, and dropping the body keeps it from building a GET request with one (a throw).
    delete headers[Headers.contentType];
    delete event.body;
    return;
  }
  const body = decodedBody(event);
  if (body === undefined) {
    delete headers[Headers.contentType]; // nothing to parse: validation answers "body: Required"
    return;
  }
  if (Buffer.byteLength(body) > RequestLimits.maxBodyBytes) {
    throw new ApiError(
      'payloadTooLarge',
      `Bodies are limited to ${RequestLimits.maxBodyBytes} bytes`,
    );
  }
  if (!isJson(headers[Headers.contentType])) {
    throw new ApiError('unsupportedMediaType', `Send the body as ${ContentTypes.json}`);
  }
  // Media types are case-insensitive, but the router parses a body only for a lower-case `json`.
  headers[Headers.contentType] = ContentTypes.json;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ApiError('malformedJson', `The body is not valid JSON: ${(error as Error).message}`);
  }
  rejectRouterBreakingKeys(undefined, parsed);
}

/**
 * HTTP APIs deliver `rawPath` percent-decoded (`/items/a b`, a decoded `#` or `?` included: live
 * captures in hotsock/voker, `vokerhttp/testdata/ingress-paths.json`). The router parses it as a
 * URL, which would trim a trailing space or cut the path at `#`; each segment is encoded again so
 * it reaches the router as the one segment it was.
 */
const reencodedPath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

export const requestGuards = (): MiddlewareObj<APIGatewayProxyEventV2> => ({
  before: ({ event }) => {
    checkRequest(event);
    event.rawPath = reencodedPath(event.rawPath);
  },
});
