import type {
  Item,
  ItemInput,
  ItemPage,
  ListItemsQuery,
  ValidItemInput,
} from '@items-api/contract';
import type { CallOptions } from './client-options';

/** An `If-Match` precondition: an ETag as the API sent it (`"3"`), a version, or an item read earlier. */
export type IfMatch = string | number | Pick<Item, 'version'>;

/**
 * Page size, starting point and filter for {@link ItemsApi.pages} and {@link ItemsApi.all}.
 * With `tag`, only the items carrying that tag; a cursor continues only the query that made it.
 */
export type PageQuery = Pick<ListItemsQuery, 'limit' | 'cursor' | 'tag'>;

/**
 * `T` when it has no keys beyond {@link ItemInput}'s. The API rejects unknown and
 * server-owned fields (`id`, `version`, …); this makes `{ ...item, name }` a compile error
 * instead of a 400.
 */
export type ExactItemInput<T extends ItemInput> = T & {
  readonly [K in Exclude<keyof T, keyof ItemInput>]: never;
};

export type CreateOptions = CallOptions & {
  /** Replay protection key; one is generated per call when omitted and reused by its retries. */
  readonly idempotencyKey?: string;
};

export type ConditionalOptions = CallOptions & { readonly ifMatch?: IfMatch };

export type UpdateOptions = CallOptions & {
  /**
   * How many read–modify–write rounds to try when someone else writes in between (412).
   * @defaultValue 3
   */
  readonly maxAttempts?: number;
};

/**
 * Computes the new content of an item from its current state. `draft` holds the current
 * name/description/tags (server-owned fields left out), ready to spread into the result.
 */
export type ItemChange = (draft: ValidItemInput, current: Item) => ItemInput | Promise<ItemInput>;

/**
 * The /items operations, named from the contract. Every method throws `ItemsApiError` when
 * the call fails.
 */
export type ItemsApi = {
  /**
   * One page of your items, newest first; with `tag`, only those carrying it. Pass the page's
   * `nextCursor` with the same `tag` for the next page (another query's cursor is a 400).
   * @example
   * ```ts
   * const { items, nextCursor } = await client.items.list({ limit: 50 });
   * const groceries = await client.items.list({ tag: 'groceries' });
   * ```
   */
  list(query?: ListItemsQuery, options?: CallOptions): Promise<ItemPage>;

  /**
   * Creates an item. Sends an `Idempotency-Key` (yours or a random UUID) that its retries
   * reuse, so a retried create never makes two items.
   * @example
   * ```ts
   * const item = await client.items.create({ name: 'Milk', tags: ['groceries'] });
   * ```
   */
  create<T extends ItemInput>(input: ExactItemInput<T>, options?: CreateOptions): Promise<Item>;

  /**
   * Reads an item by id. Given an item read earlier, revalidates it with `If-None-Match` and
   * returns that same object when it has not changed (304).
   * @example
   * ```ts
   * const item = await client.items.get('01J9Z8Y7X6W5V4T3S2R1Q0P9N8');
   * const fresh = await client.items.get(item); // cheap when unchanged
   * ```
   */
  get(target: string | Item, options?: CallOptions): Promise<Item>;

  /**
   * Replaces name, description and tags. Given an item, its version is the `If-Match`
   * precondition; given an id, `ifMatch` is required. A stale precondition throws a 412 error.
   * @example
   * ```ts
   * const renamed = await client.items.replace(item, { name: 'Oat milk', tags: item.tags });
   * await client.items.replace(id, { name: 'Oat milk' }, { ifMatch: 3 });
   * ```
   */
  replace<T extends ItemInput>(
    target: Item,
    input: ExactItemInput<T>,
    options?: ConditionalOptions,
  ): Promise<Item>;
  replace<T extends ItemInput>(
    target: string,
    input: ExactItemInput<T>,
    options: ConditionalOptions & { readonly ifMatch: IfMatch },
  ): Promise<Item>;

  /**
   * Deletes an item. Given an item, deletes it only if unchanged since it was read
   * (its version as `If-Match`); given an id, unconditionally unless `ifMatch` is set.
   * @example
   * ```ts
   * await client.items.remove(item);
   * ```
   */
  remove(target: string | Item, options?: ConditionalOptions): Promise<void>;

  /**
   * Every page, following `nextCursor` until the last (keeping `tag` on every page).
   * @example
   * ```ts
   * for await (const page of client.items.pages({ limit: 100 })) console.log(page.items.length);
   * for await (const page of client.items.pages({ tag: 'urgent' })) console.log(page.items.length);
   * ```
   */
  pages(query?: PageQuery, options?: CallOptions): AsyncGenerator<ItemPage, void, undefined>;

  /**
   * Every item, newest first, fetching pages as the loop needs them; with `tag`, every item
   * carrying it.
   * @example
   * ```ts
   * for await (const item of client.items.all({ limit: 100 })) console.log(item.name);
   * for await (const item of client.items.all({ tag: 'groceries' })) console.log(item.name);
   * ```
   */
  all(query?: PageQuery, options?: CallOptions): AsyncGenerator<Item, void, undefined>;

  /**
   * Read–modify–write with optimistic concurrency: reads the item (unless given one), applies
   * `change`, replaces with `If-Match`, and on 412 re-reads and applies `change` again.
   * @example
   * ```ts
   * const tagged = await client.items.update(id, (draft) => ({
   *   ...draft,
   *   tags: [...draft.tags, 'urgent'],
   * }));
   * ```
   */
  update(target: string | Item, change: ItemChange, options?: UpdateOptions): Promise<Item>;
};
