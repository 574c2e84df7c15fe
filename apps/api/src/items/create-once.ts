import type { Item } from '@items-api/contract';
import {
  IdempotencyConflictError,
  IdempotencyKeyTakenError,
  IdempotencyPendingError,
} from './item-errors';
import type { IdempotencyRecord, ItemRepository } from './item-repository';

/**
 * An idempotency record has expired from the second `expiresAt` on. AWS words it two ways: the
 * developer guide filters expired items as "TTL time equal to or less than the current time"
 * ("Working with expired items"), the UpdateTimeToLive reference calls an item expired once its
 * time "is less than the current time". The first, stricter, is kept: a key answers replays for
 * exactly its time to live, and TTL never deletes a record this still calls live.
 */
export const isExpired = (record: Pick<IdempotencyRecord, 'expiresAt'>, nowSeconds: number) =>
  record.expiresAt <= nowSeconds;

export type IdempotentRequest = {
  key: string;
  /** Equal for equal bodies: the same key with another body is a conflict, not a replay. */
  requestHash: string;
  ttlSeconds: number;
};

export type Created = { item: Item; replayed: boolean };

/**
 * Creates `item` once per idempotency key. Within the key's time to live the same body answers
 * the item the key's first request created (`replayed`), another body IdempotencyConflictError.
 *
 * Time is read once: the item's `createdAt` is the request's now, for the record's expiry and the
 * read's verdict alike. The write takes the key only from what the read found (nothing, or the
 * expired record it names), so expiry is judged once and the write cannot disagree with the
 * read. A key another request took in between answers with that request's record.
 */
export async function createOnce(
  repo: ItemRepository,
  owner: string,
  item: Item,
  { key, requestHash, ttlSeconds }: IdempotentRequest,
): Promise<Created> {
  const now = Math.floor(Date.parse(item.createdAt) / 1000);
  const replay = (record: IdempotencyRecord): Created => {
    if (record.requestHash !== requestHash) throw new IdempotencyConflictError();
    return { item: record.item, replayed: true };
  };
  const found = await repo.findIdempotencyRecord(owner, key);
  if (found && !isExpired(found, now)) return replay(found);
  try {
    await repo.create(owner, item, {
      key,
      requestHash,
      expiresAt: now + ttlSeconds,
      ...(found ? { supersedes: found.expiresAt } : {}),
    });
    return { item, replayed: false };
  } catch (error) {
    if (!(error instanceof IdempotencyKeyTakenError)) throw error;
    const taken = await repo.findIdempotencyRecord(owner, key);
    // The taker's record is not one this request can answer with yet (gone again, or expired by
    // this request's time): asking again settles it.
    if (!taken || isExpired(taken, now)) throw new IdempotencyPendingError({ cause: error });
    return replay(taken);
  }
}
