import type { ItemsClientOptions } from './client-options';
import type { ItemsApi } from './items-api';
import { createItemsResource } from './items-resource';
import { paginate, paginateItems } from './pagination';
import { createRawClient, type RawItemsClient } from './raw-client';
import { updateItem } from './update-item';

/** What {@link createItemsClient} returns. */
export type ItemsClient = {
  /** The /items operations; they return bodies and throw `ItemsApiError` on failure. */
  readonly items: ItemsApi;
  /** The ts-rest client underneath: every status as a value, response headers included. */
  readonly raw: RawItemsClient;
};

/**
 * Creates a client for the /items API.
 *
 * @example
 * ```ts
 * import { createItemsClient } from '@items-api/client';
 *
 * const client = createItemsClient({
 *   baseUrl: process.env.ITEMS_API_URL!,
 *   token: () => auth.currentAccessToken(), // called per request
 * });
 * const milk = await client.items.create({ name: 'Milk' });
 * for await (const item of client.items.all()) console.log(item.name);
 * ```
 */
export function createItemsClient(options: ItemsClientOptions): ItemsClient {
  const raw = createRawClient(options);
  const resource = createItemsResource(raw);
  const items: ItemsApi = {
    ...resource,
    pages: (query, callOptions) => paginate(resource.list, query, callOptions),
    all: (query, callOptions) => paginateItems(resource.list, query, callOptions),
    update: (target, change, updateOptions) => updateItem(resource, target, change, updateOptions),
  };
  return { items, raw };
}
