// How the item store fails, in its own terms. The routes choose the HTTP answer to each
// (http/route-errors.ts); nothing here knows about HTTP.

/** Base of the item store's failures. */
export abstract class ItemStoreError extends Error {}

/** No item with this id for this owner. */
export class ItemNotFoundError extends ItemStoreError {
  override readonly name = 'ItemNotFoundError';
  constructor() {
    super('No item with this id');
  }
}

/** The item's version is not the one the write was conditioned on. */
export class VersionMismatchError extends ItemStoreError {
  override readonly name = 'VersionMismatchError';
  constructor() {
    super('The item is not at the expected version');
  }
}

/** The idempotency key's live record was made by a request with another body. */
export class IdempotencyConflictError extends ItemStoreError {
  override readonly name = 'IdempotencyConflictError';
  constructor() {
    super('This idempotency key was used with another body');
  }
}

/** Another request with this idempotency key is being written: asking again shortly resolves it. */
export class IdempotencyPendingError extends ItemStoreError {
  override readonly name = 'IdempotencyPendingError';
  constructor(options?: { cause?: unknown }) {
    super('A request with this idempotency key is being written', options);
  }
}

/** The store was busy or unreachable (after the client's own retries), or kept losing races. */
export class StoreUnavailableError extends ItemStoreError {
  override readonly name = 'StoreUnavailableError';
  constructor(options?: { cause?: unknown }) {
    super('The item store is busy or unreachable', options);
  }
}

/**
 * The idempotency record under the key is not the one the create's read found: another request
 * took the key in between. Raised by `ItemRepository.create`, settled by `createOnce`.
 */
export class IdempotencyKeyTakenError extends ItemStoreError {
  override readonly name = 'IdempotencyKeyTakenError';
  constructor() {
    super('Another request took this idempotency key');
  }
}

/** The failures a caller of the store answers (IdempotencyKeyTakenError never leaves createOnce). */
export type StoreFailure =
  | ItemNotFoundError
  | VersionMismatchError
  | IdempotencyConflictError
  | IdempotencyPendingError
  | StoreUnavailableError;
