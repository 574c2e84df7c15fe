import { itemsContract } from '@items-api/contract';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { DependencyUnavailableError } from './errors';
import { problemResponses } from './http/middleware';
import { createContractRouter } from './http/contract-router';
import { headRequests } from './http/head-requests';
import { decodeRequest } from './http/decode-request';
import { observabilityMiddlewares, runInRequestScope, type Observability } from './observability';
import { createItem } from './routes/create-item';
import { deleteItem } from './routes/delete-item';
import { getItem } from './routes/get-item';
import { listItems } from './routes/list-items';
import { replaceItem } from './routes/replace-item';
import type { RouteDeps } from './routes/route-deps';

export type HandlerDeps = RouteDeps & Pick<Observability, 'logger' | 'metrics'>;

export type ItemsHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The items function. Middy runs, in this order:
 *   1. observability    — Powertools Logger and Metrics, one access log line and the request's
 *                         metrics (observability/handler-middlewares.ts)
 *   2. headRequests     — HEAD routed as GET, answered without the body
 *   3. problemResponses — any error → problem+json (onError)
 * then the request is decoded once (404/405/401/400/413/415 before any route runs), leaving the
 * event as received, and the contract router validates it against its contract route (400) and
 * runs the route.
 * Each invocation runs in its own request scope (what DynamoDB did, whether it was a replay).
 */
export function createItemsHandler({ logger, metrics, ...deps }: HandlerDeps): ItemsHandler {
  const router = {
    listItems: listItems(deps),
    createItem: createItem(deps),
    getItem: getItem(deps),
    replaceItem: replaceItem(deps),
    deleteItem: deleteItem(deps),
  };
  const routeRequest = createContractRouter(itemsContract, router);
  // Out of time means DynamoDB was too slow (the only thing the function waits for): answer the
  // documented 503 + Retry-After instead of middy's generic timeout error (a 500), early enough
  // to be sent before the platform's own timeout.
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>({
    timeoutEarlyInMillis: 500,
    timeoutEarlyResponse: () => {
      logger.warn('function out of time while waiting for DynamoDB: answering 503');
      throw new DependencyUnavailableError();
    },
  })
    .use(observabilityMiddlewares({ logger, metrics }))
    .use(headRequests())
    .use(problemResponses(logger))
    .handler((event) => routeRequest(decodeRequest(event)));
  return (event, context) => runInRequestScope(() => handler(event, context));
}
