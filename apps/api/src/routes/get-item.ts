import { formatETag, Headers, ifNoneMatchMatches, itemsContract } from '@items-api/contract';
import { DependencyUnavailableError, NotFoundError } from '../errors';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { answersWith, routeError } from '../http/route-errors';

answersWith(itemsContract.getItem, [DependencyUnavailableError]);

export const getItem = ({ repo }: RouteDeps) =>
  route(itemsContract.getItem, async ({ params, headers }, { owner, responseHeaders }) => {
    const item = await repo.get(owner, params.id);
    if (!item) throw routeError(itemsContract.getItem, new NotFoundError());
    responseHeaders.set(Headers.etag, formatETag(item.version));
    // RFC 9110 §13.1.2: weak comparison; a match answers 304 (GET and HEAD).
    const ifNoneMatch = headers[Headers.ifNoneMatch];
    if (ifNoneMatch && ifNoneMatchMatches(ifNoneMatch, item.version)) {
      return { status: 304, body: undefined };
    }
    return { status: 200, body: item };
  });
