import { TableLayout } from '@items-api/stack-contract';

/**
 * Single-table keys: every record of an owner shares one partition, so lists are a Query.
 *
 *   SK = ITEM#<ulid>              the item
 *   SK = TAG#<tag>#<ulid>         a copy of the item, one per tag it carries (the tag index)
 *   SK = IDEMPOTENCY#<key>        an idempotent create's first response
 *
 * In a tag key `%` and `#` are percent-escaped, so `#` ends the tag: the prefix `TAG#red#`
 * cannot match a tag `red#blue` (stored as `TAG#red%23blue#…`).
 */
export const ItemKeys = {
  ...TableLayout,
  owner: (sub: string) => `OWNER#${sub}`,
  item: (id: string) => `ITEM#${id}`,
  itemPrefix: 'ITEM#',
  tagPrefix: (tag: string) => `TAG#${escapeTag(tag)}#`,
  tag: (tag: string, id: string) => `${ItemKeys.tagPrefix(tag)}${id}`,
  idempotency: (key: string) => `IDEMPOTENCY#${key}`,
} as const;

function escapeTag(tag: string): string {
  return tag.replace(/[%#]/g, (c) => (c === '%' ? '%25' : '%23'));
}

export const itemKey = (owner: string, id: string) => ({
  [ItemKeys.partitionKey]: ItemKeys.owner(owner),
  [ItemKeys.sortKey]: ItemKeys.item(id),
});

export const tagKey = (owner: string, tag: string, id: string) => ({
  [ItemKeys.partitionKey]: ItemKeys.owner(owner),
  [ItemKeys.sortKey]: ItemKeys.tag(tag, id),
});
