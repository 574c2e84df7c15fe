import type { Item, ValidItemInput } from '@items-api/contract';

export type ListPage = { items: Item[]; lastId?: string };

/** A page of the owner's items, newest first; with `tag`, only the items carrying it. */
export type ListOptions = { limit: number; afterId?: string; tag?: string };

/** A version check: `undefined` means unconditional (DELETE without If-Match, or `If-Match: *`). */
export type ExpectedVersion = number | undefined;

export type IdempotencyRecord = {
  key: string;
  requestHash: string;
  item: Item;
  expiresAt: number;
};

export type NewIdempotencyRecord = Omit<IdempotencyRecord, 'item'>;

/**
 * Owner-scoped item storage. Every method takes the owner (the JWT `sub`); an item of another
 * owner is simply absent. Failures are typed errors: NotFoundError, PreconditionFailedError,
 * IdempotencyRecordExistsError, IdempotencyInFlightError, DependencyUnavailableError.
 */
export interface ItemRepository {
  list(owner: string, options: ListOptions): Promise<ListPage>;
  get(owner: string, id: string): Promise<Item | undefined>;
  /**
   * Writes the item and its tag index (and its idempotency record, when one is given) in one
   * transaction. Replace and delete rewrite or remove the index in the item's transaction too,
   * conditioned on the version they read.
   */
  create(owner: string, item: Item, idempotency?: NewIdempotencyRecord): Promise<void>;
  replace(
    owner: string,
    id: string,
    input: ValidItemInput,
    options: { expectedVersion: ExpectedVersion; now: string },
  ): Promise<Item>;
  delete(owner: string, id: string, options: { expectedVersion: ExpectedVersion }): Promise<void>;
  findIdempotencyRecord(
    owner: string,
    key: string,
    nowEpochSeconds: number,
  ): Promise<IdempotencyRecord | undefined>;
}

/** The idempotency key is taken (by a finished request); the caller re-reads the record. */
export class IdempotencyRecordExistsError extends Error {
  override name = 'IdempotencyRecordExistsError';
}
