import type { Item, ItemPage } from '@items-api/contract';
import type { CallOptions } from './client-options';
import type { ItemsApi, PageQuery } from './items-api';

/** Follows `nextCursor` from the first page (or `query.cursor`) to the last. */
export async function* paginate(
  list: ItemsApi['list'],
  query: PageQuery = {},
  options?: CallOptions,
): AsyncGenerator<ItemPage, void, undefined> {
  let cursor = query.cursor;
  do {
    const page = await list({ ...query, cursor }, options);
    yield page;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Flattens {@link paginate}: one item at a time, the next page fetched only when needed. */
export async function* paginateItems(
  list: ItemsApi['list'],
  query?: PageQuery,
  options?: CallOptions,
): AsyncGenerator<Item, void, undefined> {
  for await (const page of paginate(list, query, options)) yield* page.items;
}
