import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from '../logger';
import { noteProblem } from '../observability/request-scope';
import { instancePath } from './decode-request';
import { problemResult, toApiError } from './problem-response';

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/** Any error thrown before or inside a route becomes one problem+json response. */
export const problemResponses = (logger: Logger): Middleware => ({
  onError: (request) => {
    // The logger carries the request's correlation id (observability/request-observer.ts).
    const error = toApiError(request.error, logger);
    noteProblem(error.kind);
    request.response = problemResult(error, instancePath(request.event));
  },
});
