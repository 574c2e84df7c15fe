import { ItemInputSchema, type Item, type ValidItemInput } from '@items-api/contract';
import type { ItemChange, ItemsApi, UpdateOptions } from './items-api';
import { isItemsApiError } from './items-api-error';

const inputKeys = Object.keys(ItemInputSchema.shape) as (keyof ValidItemInput)[];

/** The writable part of an item, keys taken from the contract's input schema. */
export function toItemInput(item: Item): ValidItemInput {
  const entries = inputKeys.filter((key) => item[key] !== undefined).map((key) => [key, item[key]]);
  return Object.fromEntries(entries) as ValidItemInput;
}

type Dependencies = Pick<ItemsApi, 'get' | 'replace'>;

/** Read–modify–write with `If-Match`; on 412 the change is applied again to a fresh read. */
export async function updateItem(
  { get, replace }: Dependencies,
  target: string | Item,
  change: ItemChange,
  options: UpdateOptions = {},
): Promise<Item> {
  const { maxAttempts = 3, ...callOptions } = options;
  let current = typeof target === 'string' ? await get(target, callOptions) : target;
  for (let attempt = 1; ; attempt++) {
    const input = await change(toItemInput(current), current);
    try {
      return await replace(current, input, callOptions);
    } catch (error) {
      const stale = isItemsApiError(error) && error.is('preconditionFailed');
      if (!stale || attempt >= maxAttempts) throw error;
      current = await get(current.id, callOptions);
    }
  }
}
