import type { Item } from '@items-api/contract';

type ItemRecord = Record<string, unknown> & Item;

/** The API's view of a stored item: table keys and bookkeeping attributes stay inside. */
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
