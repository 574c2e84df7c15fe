import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from '../logger';
import { problemResult, toApiError } from './problem-response';

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/** Any error thrown before or inside the router becomes one problem+json response. */
export const problemResponses = (logger: Logger): Middleware => ({
  onError: (request) => {
    const error = toApiError(
      request.error,
      logger.child({ requestId: request.event.requestContext?.requestId }),
    );
    request.response = problemResult(error, request.event.rawPath ?? '/');
  },
});

/** One log line per request: route, status and duration; never headers or bodies. */
export const accessLog = (logger: Logger): Middleware => {
  const started = new WeakMap<object, number>();
  const done = (request: Parameters<NonNullable<Middleware['after']>>[0]) => {
    const { event, response } = request;
    logger.info('request', {
      requestId: event.requestContext?.requestId,
      method: event.requestContext?.http?.method,
      path: event.rawPath,
      status: response?.statusCode,
      durationMs: Date.now() - (started.get(event) ?? Date.now()),
    });
  };
  return {
    before: ({ event }) => void started.set(event, Date.now()),
    after: done,
    onError: done,
  };
};
