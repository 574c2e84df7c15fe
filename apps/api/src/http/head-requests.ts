import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
type Request = Parameters<NonNullable<Middleware['after']>>[0];

/**
 * RFC 9110 §9.3.2: HEAD is GET without the content. The request is routed as GET; the answer
 * (success or problem) keeps its status and headers and loses its body, and `Content-Length`
 * says how long the GET body is (§8.6). Registered outside the problem mapper, so error answers
 * are stripped too.
 */
const heads = new WeakSet<object>();

/** The method the client sent: HEAD for a request this middleware routes as GET. */
export const requestedMethod = (event: APIGatewayProxyEventV2) =>
  heads.has(event) ? 'HEAD' : event.requestContext.http.method;

export const headRequests = (): Middleware => {
  const strip = (request: Request) => {
    if (!heads.has(request.event)) return;
    request.event.requestContext.http.method = 'HEAD';
    const response = request.response;
    if (!response) return;
    const body = response.body ?? '';
    const length = response.isBase64Encoded
      ? Buffer.from(body, 'base64').length
      : Buffer.byteLength(body);
    request.response = {
      ...response,
      headers: { ...response.headers, 'content-length': String(length) },
      body: '',
      isBase64Encoded: false,
    };
  };
  return {
    before: ({ event }) => {
      if (event.requestContext.http.method !== 'HEAD') return;
      heads.add(event);
      event.requestContext.http.method = 'GET';
    },
    after: strip,
    onError: strip,
  };
};
