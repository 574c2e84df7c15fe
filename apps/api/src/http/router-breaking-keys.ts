import { ValidationError } from '../errors';

/**
 * itty-router 5 (under @ts-rest/serverless 3.52) reads the request's `query` and parsed body
 * through a proxy that calls `value.bind(request)` when the value has a `bind` member, so a query
 * parameter or top-level body field named `bind` makes it throw (a 500). No contract schema
 * accepts such a key, so this answers what validation would: a 400 naming it.
 */
const breakingKeys = ['bind'];

const keysIn = (where: 'query' | 'body', value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? breakingKeys.filter((key) => Object.hasOwn(value, key)).map((key) => `${where}.${key}`)
    : [];

export function rejectRouterBreakingKeys(query: unknown, body: unknown): void {
  const paths = [...keysIn('query', query), ...keysIn('body', body)];
  if (paths.length > 0) {
    throw new ValidationError(paths.map((path) => ({ path, message: 'unrecognized field' })));
  }
}
