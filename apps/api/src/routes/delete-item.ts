import { Headers, itemsContract } from '@items-api/contract';
import { PreconditionFailedError } from '../errors';
import { expectedVersionFrom } from '../http/preconditions';
import {
  ItemNotFoundError,
  StoreUnavailableError,
  VersionMismatchError,
} from '../items/item-errors';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { answersWith, storeFailures } from '../http/route-errors';

// An If-Match list no version of the item satisfies (http/preconditions.ts).
answersWith(itemsContract.deleteItem, [PreconditionFailedError]);

const storeFailure = storeFailures(itemsContract.deleteItem, [
  ItemNotFoundError,
  VersionMismatchError,
  StoreUnavailableError,
]);

export const deleteItem = ({ repo }: RouteDeps) =>
  route(itemsContract.deleteItem, async ({ params, headers }, { owner }) => {
    const ifMatch = headers[Headers.ifMatch];
    const expectedVersion = ifMatch
      ? await expectedVersionFrom(
          ifMatch,
          async () => (await repo.get(owner, params.id).catch(storeFailure))?.version,
        )
      : undefined;
    await repo.delete(owner, params.id, { expectedVersion }).catch(storeFailure);
    return { status: 204, body: undefined };
  });
