import { docsContract, toRouteKey } from '@items-api/contract';
import { isPreflight, routedRouteKey, withoutBody } from '@items-api/http-api';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { DocsSite } from '../site/docs-site';
import {
  CacheControl,
  notFoundResult,
  preflightResult,
  resourceResult,
  type DocsResult,
} from './responses';

export type DocsHandler = (event: APIGatewayProxyEventV2) => Promise<DocsResult>;

const RouteKeys = {
  openApi: toRouteKey(docsContract.getOpenApi),
  docs: toRouteKey(docsContract.getDocs),
  asset: toRouteKey(docsContract.getDocsAsset),
};

/**
 * Serves the public docs routes of the contract. Routing is by the gateway's `routeKey` (not the
 * raw path, which carries the stage name on named stages); anything else is a 404.
 *
 * The stack also sends `OPTIONS /{proxy+}` here so preflights skip the authorizer on `$default`.
 * AWS's guide ("Configuring CORS for an HTTP API") says both that the gateway answers preflights
 * itself and that this route needs an integration; whichever happens, a preflight that reaches
 * this function gets a 204, and the gateway puts the API's CORS headers on it.
 */
export function createDocsHandler(site: DocsSite): DocsHandler {
  const answer = (event: APIGatewayProxyEventV2): DocsResult => {
    switch (routedRouteKey(event.routeKey)) {
      case RouteKeys.openApi:
        return resourceResult(site.openApi, event, CacheControl.revalidate);
      case RouteKeys.docs:
        return resourceResult(site.page, event, CacheControl.revalidate);
      case RouteKeys.asset: {
        const asset = site.assets.get(event.pathParameters?.asset ?? '');
        if (!asset) return notFoundResult(event, 'No such file on the documentation page');
        // Long caching only for the URL the current page links; an old hash gets today's file.
        const current = event.queryStringParameters?.v === asset.hash;
        return resourceResult(
          asset,
          event,
          current ? CacheControl.immutable : CacheControl.revalidate,
        );
      }
      default:
        return notFoundResult(event, 'The docs function serves only the documentation routes');
    }
  };
  return async (event) => {
    // Optional: hand-built events (tests, other front doors) may carry no requestContext.
    if (isPreflight(event.requestContext?.http?.method ?? '', event.headers ?? {})) {
      return preflightResult();
    }
    const result = answer(event);
    return event.requestContext?.http?.method === 'HEAD' ? withoutBody(result) : result;
  };
}
