import { itemsContract, type ItemsContract } from '@items-api/contract';
import { initClient, type InitClientReturn } from '@ts-rest/core';
import type { ItemsClientOptions } from './client-options';
import { createFetcher, type FetcherArgs } from './fetcher';
import type { RawResponse } from './responses';

type RawClientArgs = {
  baseUrl: string;
  api: (args: FetcherArgs) => Promise<RawResponse>;
  validateResponse: boolean;
};

/**
 * The plain ts-rest client for the contract, on the same transport (token, timeouts, retries).
 * Calls resolve to `{ status, body, headers }` for every status instead of throwing; use it
 * when you need response headers such as `ETag` or `Location`.
 */
export type RawItemsClient = InitClientReturn<ItemsContract, RawClientArgs>;

export function createRawClient(options: ItemsClientOptions): RawItemsClient {
  return initClient(itemsContract, {
    // ts-rest appends the route path as is: `https://host/stage/` + `/items` would double the slash.
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    api: createFetcher(options),
    validateResponse: options.validateResponses ?? false,
  });
}
