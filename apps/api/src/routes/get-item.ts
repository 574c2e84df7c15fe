import { formatETag, Headers, ifNoneMatchMatches, itemsContract } from '@items-api/contract';
import { NotFoundError } from '../errors';
import { StoreUnavailableError } from '../items/item-errors';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { routeError, storeFailures } from '../http/route-errors';

const storeFailure = storeFailures(itemsContract.getItem, [StoreUnavailableError]);

export const getItem = ({ repo }: RouteDeps) =>
  route(itemsContract.getItem, async ({ params, headers }, { owner, responseHeaders }) => {
    const item = await repo.get(owner, params.id).catch(storeFailure);
    if (!item) throw routeError(itemsContract.getItem, new NotFoundError());
    responseHeaders.set(Headers.etag, formatETag(item.version));
    // RFC 9110 §13.1.2: weak comparison; a match answers 304 (GET and HEAD).
    const ifNoneMatch = headers[Headers.ifNoneMatch];
    if (ifNoneMatch && ifNoneMatchMatches(ifNoneMatch, item.version)) {
      return { status: 304, body: undefined };
    }
    return { status: 200, body: item };
  });
