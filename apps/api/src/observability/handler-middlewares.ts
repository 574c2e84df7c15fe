import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Observability } from './index';
import { observeRequests } from './request-observer';

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

/**
 * The handler's observability, outermost first (middy runs `after` and `onError` hooks in the
 * reverse order, so each one's `after` sees what the ones inside it did):
 *   1. injectLambdaContext — Powertools Logger: cold_start, function_request_id, … (keys reset after)
 *   2. logMetrics          — Powertools Metrics: ColdStart before, the request's record published after
 *   3. observeRequests     — correlation id; the access line and the request's metrics (after/onError)
 * DynamoDB calls are traced by the client (dynamodb-observer.ts), not here.
 */
export function observabilityMiddlewares({
  logger,
  metrics,
}: Pick<Observability, 'logger' | 'metrics'>): Middleware[] {
  return [
    // logEvent: false whatever POWERTOOLS_LOGGER_LOG_EVENT says: the event holds the token and body.
    injectLambdaContext(logger, { resetKeys: true, logEvent: false }),
    ...(metrics ? [logMetrics(metrics, { captureColdStartMetric: true })] : []),
    observeRequests({ logger, metrics }),
  ];
}
