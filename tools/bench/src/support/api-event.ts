import { itemsContract } from '@items-api/contract';
import { createRouteEvent, createTestContext } from '@items-api/test-events';

/**
 * `GET /items/{id}`: the request four of the six benchmarks time. Events come from
 * `@items-api/test-events`, built once per request shape: the benchmarks time the handler, not
 * event construction.
 */
export const getItemEvent = (sub: string, id: string) =>
  createRouteEvent(itemsContract.getItem, { id }, { sub });

export const benchContext = createTestContext({ functionName: 'items-bench' });
