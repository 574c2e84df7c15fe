/** Single-table keys: every record of an owner shares one partition, so lists are a Query. */
export const ItemKeys = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  owner: (sub: string) => `OWNER#${sub}`,
  item: (id: string) => `ITEM#${id}`,
  itemPrefix: 'ITEM#',
  idempotency: (key: string) => `IDEMPOTENCY#${key}`,
} as const;

export const itemKey = (owner: string, id: string) => ({
  [ItemKeys.partitionKey]: ItemKeys.owner(owner),
  [ItemKeys.sortKey]: ItemKeys.item(id),
});
