import type { MiddlewareObj, Request } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Logger } from './logger';
import { unmatchedOperation } from '@items-api/stack-contract';
import { addRequestMetrics, type Metrics } from './metrics';
import { currentRequest } from './request-scope';

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;
type MiddyRequest = Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>;

const subOf = (event: APIGatewayProxyEventV2) => {
  const sub = (event.requestContext as { authorizer?: { jwt?: { claims?: { sub?: unknown } } } })
    .authorizer?.jwt?.claims?.sub;
  return typeof sub === 'string' ? sub : undefined;
};

/**
 * Per request: the API Gateway request id as the log's correlation id, then, once the answer is
 * known (success or any error, the 503 of a function running out of time included), one access
 * log line and the request's metrics (published by the Metrics middleware around this one).
 *
 * The access line names what was asked and answered — never a header, a token, the body, the
 * query string or a claim other than `sub`.
 */
export function observeRequests({ logger, metrics }: { logger: Logger; metrics?: Metrics }) {
  const started = new WeakMap<object, number>();
  const done = (request: MiddyRequest) => {
    const { event, response } = request;
    const status = response?.statusCode ?? 500;
    const facts = currentRequest();
    const operation = facts?.operation ?? unmatchedOperation;
    // Noted where the problem answer was made: a HEAD answer has lost its body by now.
    const problem = facts?.problem;
    const latencyMs = performance.now() - (started.get(event) ?? performance.now());
    const calls = facts?.dynamodbCalls ?? [];
    const sub = subOf(event);
    const now = performance.now();
    logger.info('request', {
      method: event.requestContext?.http?.method,
      path: event.rawPath,
      operation,
      status,
      durationMs: Math.round(latencyMs * 10) / 10,
      ...(problem ? { problem } : {}),
      ...(sub ? { sub } : {}),
      ...(facts?.idempotentReplay ? { idempotentReplay: true } : {}),
      ...(calls.length > 0
        ? {
            dynamodb: calls.map((call) => ({
              operation: call.operation,
              ms:
                Math.round(
                  (call.startedAt === undefined ? call.durationMs : now - call.startedAt) * 10,
                ) / 10,
              ...(call.startedAt === undefined ? {} : { inFlight: true }),
              attempts: call.attempts,
              ...(call.throttles ? { throttles: call.throttles } : {}),
              ...(call.error ? { error: call.error } : {}),
            })),
          }
        : {}),
    });
    if (metrics) addRequestMetrics(metrics, { operation, status, latencyMs, problem, facts });
  };
  const middleware: Middleware = {
    before: ({ event }) => {
      started.set(event, performance.now());
      const requestId = event.requestContext?.requestId;
      if (requestId) logger.setCorrelationId(requestId);
    },
    after: done,
    onError: done,
  };
  return middleware;
}
