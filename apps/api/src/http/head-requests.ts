import { withoutBody } from '@items-api/http-api';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
type Request = Parameters<NonNullable<Middleware['after']>>[0];

/**
 * HEAD is routed as GET (`matchRoute`) and answered without the content (`withoutBody`), success
 * or problem alike: registered outside the problem mapper, so error answers are stripped too.
 */
export const headRequests = (): Middleware => {
  const strip = (request: Request) => {
    if (request.event.requestContext.http.method !== 'HEAD' || !request.response) return;
    request.response = withoutBody(request.response);
  };
  return { after: strip, onError: strip };
};
