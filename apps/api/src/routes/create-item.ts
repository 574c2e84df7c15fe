import { insertParamsIntoPath } from '@ts-rest/core';
import {
  formatETag,
  Headers,
  itemsContract,
  type Item,
  type ValidItemInput,
} from '@items-api/contract';
import { createHash } from 'node:crypto';
import { createOnce, type Created } from '../items/create-once';
import {
  IdempotencyConflictError,
  IdempotencyPendingError,
  StoreUnavailableError,
} from '../items/item-errors';
import { noteIdempotentReplay } from '../observability/request-scope';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { storeFailures } from '../http/route-errors';

// The validated body has a fixed key order (the schema's), so equal bodies hash equal.
const hashOf = (body: ValidItemInput) =>
  createHash('sha256').update(JSON.stringify(body)).digest('base64url');

/** The item this request would create; its `createdAt` is the one time the request reads. */
function newItem(body: ValidItemInput, { clock, ids }: RouteDeps): Item {
  const now = clock().toISOString();
  return { id: ids(), ...body, createdAt: now, updatedAt: now, version: 1 };
}

const storeFailure = storeFailures(itemsContract.createItem, [
  IdempotencyConflictError,
  IdempotencyPendingError,
  StoreUnavailableError,
]);

/** Same key + same body → the first response again; same key + other body → 422. */
export const createItem = (deps: RouteDeps) =>
  route(itemsContract.createItem, async ({ body, headers }, { owner, responseHeaders }) => {
    const key = headers[Headers.idempotencyKey];
    const candidate = newItem(body, deps);
    const { item, replayed }: Created = key
      ? await createOnce(deps.repo, owner, candidate, {
          key,
          requestHash: hashOf(body),
          ttlSeconds: deps.idempotencyTtlSeconds,
        }).catch(storeFailure)
      : await deps.repo
          .create(owner, candidate)
          .then(() => ({ item: candidate, replayed: false }), storeFailure);
    if (replayed) noteIdempotentReplay();
    responseHeaders.set(
      Headers.location,
      insertParamsIntoPath({ path: itemsContract.getItem.path, params: { id: item.id } }),
    );
    responseHeaders.set(Headers.etag, formatETag(item.version));
    return { status: 201, body: item };
  });
