// The problems a route may answer with, checked against its contract route when compiling.
import type { problemsOnEveryRoute, ProblemTypes } from '@items-api/contract';
import type { AppRoute } from '@ts-rest/core';
import type { ApiError } from '../errors';

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
