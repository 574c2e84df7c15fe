import type { Item, ValidItemInput } from '@items-api/contract';

export type ListPage = { items: Item[]; lastId?: string };

/** A page of the owner's items, newest first; with `tag`, only the items carrying it. */
export type ListOptions = { limit: number; afterId?: string; tag?: string };

/** A version check: `undefined` means unconditional (DELETE without If-Match, or `If-Match: *`). */
export type ExpectedVersion = number | undefined;

/** What an idempotent create stored under its key; `expiresAt` in epoch seconds. */
export type IdempotencyRecord = {
  key: string;
  requestHash: string;
  item: Item;
  expiresAt: number;
};

/**
 * The record an idempotent create writes. Without `supersedes` the key must be free; with it, the
 * key may hold only the expired record whose `expiresAt` it names (the one the create read).
 */
export type IdempotencyClaim = Omit<IdempotencyRecord, 'item'> & { supersedes?: number };

/**
 * Owner-scoped item storage. Every method takes the owner (the JWT `sub`); an item of another
 * owner is simply absent. Failures are the errors of item-errors.ts: ItemNotFoundError,
 * VersionMismatchError, IdempotencyKeyTakenError, IdempotencyPendingError, StoreUnavailableError.
 */
export interface ItemRepository {
  /** `lastId` is there exactly when more items follow it. */
  list(owner: string, options: ListOptions): Promise<ListPage>;
  get(owner: string, id: string): Promise<Item | undefined>;
  /**
   * Writes the item and its tag index (and its idempotency record, when one is given) in one
   * transaction. Replace and delete rewrite or remove the index in the item's transaction too,
   * conditioned on the version they read. A claim on a key held otherwise than it says is
   * IdempotencyKeyTakenError, and nothing is written.
   */
  create(owner: string, item: Item, idempotency?: IdempotencyClaim): Promise<void>;
  replace(
    owner: string,
    id: string,
    input: ValidItemInput,
    options: { expectedVersion: ExpectedVersion; now: string },
  ): Promise<Item>;
  delete(owner: string, id: string, options: { expectedVersion: ExpectedVersion }): Promise<void>;
  /** The record under the key as stored, expired or not: createOnce judges its expiry. */
  findIdempotencyRecord(owner: string, key: string): Promise<IdempotencyRecord | undefined>;
}
