/**
 * The items table as both sides see it: the function reads and writes these attributes, the stack
 * declares them as the table's keys and TTL. Renaming one here renames it on both sides.
 */
export const TableLayout = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB's TTL deletes idempotency records after it. */
  ttlAttribute: 'expiresAt',
} as const;
