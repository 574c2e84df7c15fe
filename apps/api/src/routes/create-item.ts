import { insertParamsIntoPath } from '@ts-rest/core';
import {
  formatETag,
  Headers,
  itemsContract,
  type Item,
  type ValidItemInput,
} from '@items-api/contract';
import { createHash } from 'node:crypto';
import {
  DependencyUnavailableError,
  IdempotencyInFlightError,
  IdempotencyKeyReusedError,
} from '../errors';
import { IdempotencyRecordExistsError } from '../items/item-repository';
import { noteIdempotentReplay } from '../observability/request-scope';
import type { RouteDeps } from './route-deps';
import { route } from '../http/contract-router';
import { answersWith, routeError } from '../http/route-errors';

// The validated body has a fixed key order (the schema's), so equal bodies hash equal.
const hashOf = (body: ValidItemInput) =>
  createHash('sha256').update(JSON.stringify(body)).digest('base64url');

function newItem(body: ValidItemInput, { clock, ids }: RouteDeps): Item {
  const now = clock().toISOString();
  return { id: ids(), ...body, createdAt: now, updatedAt: now, version: 1 };
}

/** Same key + same body → the first response again; same key + other body → 422. */
async function createOnce(
  deps: RouteDeps,
  owner: string,
  key: string,
  body: ValidItemInput,
): Promise<Item> {
  const requestHash = hashOf(body);
  const nowSeconds = Math.floor(deps.clock().getTime() / 1000);
  const replay = async () => {
    const record = await deps.repo.findIdempotencyRecord(owner, key, nowSeconds);
    if (!record) return undefined;
    if (record.requestHash !== requestHash) {
      throw routeError(itemsContract.createItem, new IdempotencyKeyReusedError());
    }
    return record.item;
  };
  const previous = await replay();
  if (previous) {
    noteIdempotentReplay();
    return previous;
  }
  const item = newItem(body, deps);
  try {
    await deps.repo.create(owner, item, {
      key,
      requestHash,
      expiresAt: nowSeconds + deps.idempotencyTtlSeconds,
    });
    return item;
  } catch (error) {
    // Another request with this key finished between our read and our write.
    if (!(error instanceof IdempotencyRecordExistsError)) throw error;
    const finished = await replay();
    if (!finished) throw error;
    noteIdempotentReplay();
    return finished;
  }
}

answersWith(itemsContract.createItem, [IdempotencyInFlightError, DependencyUnavailableError]);

export const createItem = (deps: RouteDeps) =>
  route(itemsContract.createItem, async ({ body, headers }, { owner, responseHeaders }) => {
    const key = headers[Headers.idempotencyKey];
    let item: Item;
    if (key) {
      item = await createOnce(deps, owner, key, body);
    } else {
      item = newItem(body, deps);
      await deps.repo.create(owner, item);
    }
    responseHeaders.set(
      Headers.location,
      insertParamsIntoPath({ path: itemsContract.getItem.path, params: { id: item.id } }),
    );
    responseHeaders.set(Headers.etag, formatETag(item.version));
    return { status: 201, body: item };
  });
