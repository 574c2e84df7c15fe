import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { parseRouteKey, toRouteKey } from './route-key';

// RFC 9110 §9.3.2: "The HEAD method is identical to GET except that the server MUST NOT send
// content in the response." HTTP APIs do not apply this themselves: a `GET` route does not match
// a HEAD request (AWS guide "Working with routes for HTTP APIs" matches the method as written),
// so whoever serves a GET also serves its HEAD, by these rules.

/** The method a request is routed as: HEAD as GET. */
export const routedMethod = (method: string) => (method === 'HEAD' ? 'GET' : method);

/** The methods a resource allows, with HEAD beside each GET. */
export const withHead = (methods: readonly string[]) =>
  methods.flatMap((method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]));

/** `HEAD /docs` → `GET /docs`: the route key a HEAD request is answered by. */
export function routedRouteKey(routeKey: string): string {
  const parts = parseRouteKey(routeKey);
  return parts ? toRouteKey(routedMethod(parts.method), parts.path) : routeKey;
}

/** The HEAD route key of a GET route key (`GET /docs` → `HEAD /docs`); undefined for others. */
export function headRouteKey(routeKey: string): string | undefined {
  const parts = parseRouteKey(routeKey);
  return parts?.method === 'GET' ? toRouteKey('HEAD', parts.path) : undefined;
}

/**
 * A GET answer as the HEAD answer: the same status and headers, no content, and a
 * `Content-Length` saying how long the GET content is (RFC 9110 §8.6).
 */
export function withoutBody<R extends APIGatewayProxyStructuredResultV2>(result: R): R {
  const body = result.body ?? '';
  const length = Buffer.byteLength(body, result.isBase64Encoded ? 'base64' : 'utf8');
  return {
    ...result,
    headers: { ...result.headers, 'content-length': String(length) },
    body: '',
    isBase64Encoded: false,
  };
}
