// The problems a route may answer with, checked against its contract route when compiling.
import type { problemsOnEveryRoute, ProblemTypes } from '@items-api/contract';
import type { AppRoute } from '@ts-rest/core';
import {
  DependencyUnavailableError,
  IdempotencyInFlightError,
  IdempotencyKeyReusedError,
  NotFoundError,
  PreconditionFailedError,
  type ApiError,
} from '../errors';
import type { StoreFailure } from '../items/item-errors';

type KindOf<E> = E extends ApiError<infer K> ? K : never;

/** The problem types a route declares (`metadata.problems`) and those every items route has. */
type DeclaredProblem<R> =
  | (R extends { metadata: { problems: readonly (infer P)[] } } ? P : never)
  | (typeof problemsOnEveryRoute)[number];

type Declared<R extends AppRoute, E> = [KindOf<E>] extends [DeclaredProblem<R>]
  ? [(typeof ProblemTypes)[KindOf<E>]['status']] extends [keyof R['responses']]
    ? unknown
    : never
  : never;

/**
 * `error`, for a route function to throw. It compiles only when the contract declares the
 * error's problem type and status for `route` — the check ts-rest's `TsRestResponseError` makes
 * of the answer it carries — so a route cannot answer a problem its OpenAPI operation does not
 * list.
 */
export function routeError<R extends AppRoute, E extends ApiError>(
  _route: R,
  error: E & Declared<R, E>,
): E {
  return error;
}

/**
 * Compiles only when the contract declares, for `route`, the problem of every error class
 * given: what a route lets through from what it calls (the repository's 404, 412, 503…).
 */
export function answersWith<
  R extends AppRoute,
  const C extends readonly (abstract new (...args: never[]) => ApiError)[],
>(
  _route: R,
  _errors: C & {
    [I in keyof C]: C[I] extends abstract new (...args: never[]) => infer E
      ? Declared<R, E>
      : never;
  },
): void {
  // A compile-time check only.
}

/** The problem that answers each failure of the item store. */
const storeProblems = {
  ItemNotFoundError: () => new NotFoundError(),
  VersionMismatchError: () => new PreconditionFailedError(),
  IdempotencyConflictError: () => new IdempotencyKeyReusedError(),
  IdempotencyPendingError: (cause) => new IdempotencyInFlightError({ cause }),
  StoreUnavailableError: (cause) => new DependencyUnavailableError({ cause }),
} satisfies { [N in StoreFailure['name']]: (cause: StoreFailure) => ApiError };

type ProblemOf<F extends StoreFailure> = ReturnType<(typeof storeProblems)[F['name']]>;

/**
 * What a route throws for an error of the item store: the problem of each failure named in
 * `failures`, anything else unchanged (a failure the route does not name is a 500, logged). It
 * compiles only when the contract declares, for `route`, the problem of every failure named.
 * Use: `await repo.replace(…).catch(storeFailure)`.
 */
export function storeFailures<
  R extends AppRoute,
  const C extends readonly (abstract new (...args: never[]) => StoreFailure)[],
>(
  _route: R,
  failures: C & {
    [I in keyof C]: C[I] extends abstract new (...args: never[]) => infer F
      ? F extends StoreFailure
        ? Declared<R, ProblemOf<F>>
        : never
      : never;
  },
): (error: unknown) => never {
  return (error) => {
    if (!failures.some((named) => error instanceof named)) throw error;
    const failure = error as StoreFailure;
    throw storeProblems[failure.name](failure);
  };
}
