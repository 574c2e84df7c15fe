import type { Item } from '@items-api/contract';
import { itemKey, tagKey } from './item-keys';

type ItemRecord = Record<string, unknown> & Item;

/** The API's view of a stored item or tag-index copy: table keys stay inside. */
export function toItem(record: Record<string, unknown>): Item {
  const { id, name, description, tags, createdAt, updatedAt, version } = record as ItemRecord;
  return {
    id,
    name,
    ...(description !== undefined ? { description } : {}),
    tags: tags ?? [],
    createdAt,
    updatedAt,
    version: Number(version),
  };
}

/** The item as stored under its own key. */
export const itemRecord = (owner: string, item: Item) => ({ ...itemKey(owner, item.id), ...item });

/**
 * The item's copy under one of its tags. A full copy, so a list by tag is one Query that reads
 * exactly the page it returns; every write of the item rewrites its copies in the same transaction.
 */
export const tagRecord = (owner: string, tag: string, item: Item) => ({
  ...tagKey(owner, tag, item.id),
  ...item,
});

/** Every record that stores `item`: the item and one copy per tag (what a seeder must write too). */
export const itemRecords = (owner: string, item: Item) => [
  itemRecord(owner, item),
  ...item.tags.map((tag) => tagRecord(owner, tag, item)),
];
