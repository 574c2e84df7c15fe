import { itemsContract, ProblemTypes } from '@items-api/contract';
import { ApiError } from '../errors';
import {
  IdempotencyConflictError,
  IdempotencyKeyTakenError,
  IdempotencyPendingError,
  ItemNotFoundError,
  StoreUnavailableError,
  VersionMismatchError,
} from '../items/item-errors';
import { storeFailures } from './route-errors';

/** What `answer` throws for `error`. */
const thrownBy = (answer: (error: unknown) => never, error: unknown) => {
  try {
    answer(error);
  } catch (thrown) {
    return thrown;
  }
  throw new Error('nothing thrown');
};

describe('storeFailures: the problem a route answers for a failure of the item store', () => {
  it.each([
    [new ItemNotFoundError(), 'notFound'],
    [new VersionMismatchError(), 'preconditionFailed'],
    [new StoreUnavailableError(), 'unavailable'],
  ] as const)('answers %p with %s on PUT /items/{id}', (failure, problem) => {
    const answer = storeFailures(itemsContract.replaceItem, [
      ItemNotFoundError,
      VersionMismatchError,
      StoreUnavailableError,
    ]);
    const thrown = thrownBy(answer, failure);
    expect(thrown).toBeInstanceOf(ApiError);
    expect([(thrown as ApiError).kind, (thrown as ApiError).status]).toEqual([
      problem,
      ProblemTypes[problem].status,
    ]);
  });

  it('answers the idempotency failures of POST /items with 422 and 409 + Retry-After', () => {
    const answer = storeFailures(itemsContract.createItem, [
      IdempotencyConflictError,
      IdempotencyPendingError,
    ]);
    expect(thrownBy(answer, new IdempotencyConflictError())).toMatchObject({
      kind: 'idempotencyKeyReused',
    });
    expect(thrownBy(answer, new IdempotencyPendingError())).toMatchObject({
      kind: 'idempotencyInFlight',
      headers: { 'retry-after': '1' },
    });
  });

  it('passes through, unchanged, an error the route does not name (then a logged 500)', () => {
    const answer = storeFailures(itemsContract.getItem, [StoreUnavailableError]);
    for (const error of [new VersionMismatchError(), new IdempotencyKeyTakenError(), 'x']) {
      expect(thrownBy(answer, error)).toBe(error);
    }
  });

  it('does not compile for a failure whose problem the route does not declare', () => {
    const undeclared = () => {
      // @ts-expect-error GET /items declares no 404.
      storeFailures(itemsContract.listItems, [ItemNotFoundError]);
      // @ts-expect-error DELETE /items/{id} declares no 422.
      storeFailures(itemsContract.deleteItem, [StoreUnavailableError, IdempotencyConflictError]);
    };
    expect(undeclared).not.toThrow();
  });
});
