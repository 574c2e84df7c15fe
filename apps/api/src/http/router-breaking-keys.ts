import { ValidationError } from '../errors';

/**
 * itty-router 5 (under @ts-rest/serverless 3.52) reads the request's `query` and parsed body
 * through a proxy that calls `value.bind(request)` when the value has a `bind` member, so a
 * top-level body field named `bind` makes it throw (a 500). No contract schema accepts such a
 * field, so this answers what validation would: a 400 naming it. (A query parameter of that name
 * never reaches the router: undeclared parameters are dropped.)
 */
const breakingKeys = ['bind'];

export function rejectRouterBreakingKeys(body: unknown): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return;
  const paths = breakingKeys.filter((key) => Object.hasOwn(body, key)).map((key) => `body.${key}`);
  if (paths.length > 0) {
    throw new ValidationError(paths.map((path) => ({ path, message: 'unrecognized field' })));
  }
}
