import { formatETag, Headers, itemsContract } from '@items-api/contract';
import { PreconditionFailedError, PreconditionRequiredError } from '../errors';
import { expectedVersionFrom } from '../http/preconditions';
import {
  ItemNotFoundError,
  StoreUnavailableError,
  VersionMismatchError,
} from '../items/item-errors';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { answersWith, routeError, storeFailures } from '../http/route-errors';

// An If-Match list no version of the item satisfies (http/preconditions.ts).
answersWith(itemsContract.replaceItem, [PreconditionFailedError]);

const storeFailure = storeFailures(itemsContract.replaceItem, [
  ItemNotFoundError,
  VersionMismatchError,
  StoreUnavailableError,
]);

export const replaceItem = ({ repo, clock }: RouteDeps) =>
  route(
    itemsContract.replaceItem,
    async ({ params, headers, body }, { owner, responseHeaders }) => {
      const ifMatch = headers[Headers.ifMatch];
      if (!ifMatch) {
        throw routeError(
          itemsContract.replaceItem,
          new PreconditionRequiredError('Send the ETag you last read as If-Match'),
        );
      }
      const expectedVersion = await expectedVersionFrom(
        ifMatch,
        async () => (await repo.get(owner, params.id).catch(storeFailure))?.version,
      );
      const item = await repo
        .replace(owner, params.id, body, { expectedVersion, now: clock().toISOString() })
        .catch(storeFailure);
      responseHeaders.set(Headers.etag, formatETag(item.version));
      return { status: 200, body: item };
    },
  );
