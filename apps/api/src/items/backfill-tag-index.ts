import {
  GetCommand,
  ScanCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Item } from '@items-api/contract';
import { classifyDynamoError } from './dynamo-errors';
import { ItemKeys, itemKey } from './item-keys';
import { tagRecord, toItem } from './item-record';

export type BackfillReport = {
  /** Item records seen. */
  items: number;
  /** Items whose tag copies were written. */
  indexed: number;
  /** Items another write changed first: that write keeps their copies. */
  changed: number;
};

const MAX_ATTEMPTS = 5;

const isCancelled = (error: unknown, code: 'ConditionalCheckFailed' | 'TransactionConflict') => {
  const failure = classifyDynamoError(error);
  return failure.kind === 'cancelled' && failure.reasons.includes(code);
};

/**
 * Writes the tag-index copies of items stored before the index existed. A maintenance job, run
 * once per table by an operator (it Scans; requests never do). Each item's copies are put in one
 * transaction with a check that the item still has the version read, so a concurrent write is
 * never overwritten by an older copy: that write put the copies of its own tags. Safe to run
 * again (copies are overwritten with the same content) and alongside live traffic.
 */
export async function backfillTagIndex(
  client: DynamoDBDocumentClient,
  tableName: string,
  onProgress: (report: BackfillReport) => void = () => undefined,
): Promise<BackfillReport> {
  const report: BackfillReport = { items: 0, indexed: 0, changed: 0 };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }),
    );
    for (const record of page.Items ?? []) {
      const sortKey = String(record[ItemKeys.sortKey]);
      if (!sortKey.startsWith(ItemKeys.itemPrefix)) continue;
      report.items += 1;
      const owner = String(record[ItemKeys.partitionKey]).slice(ItemKeys.owner('').length);
      const outcome = await indexItem(client, tableName, owner, toItem(record));
      if (outcome !== 'untagged') report[outcome] += 1;
    }
    onProgress({ ...report });
    start = page.LastEvaluatedKey;
  } while (start);
  return report;
}

async function indexItem(
  client: DynamoDBDocumentClient,
  tableName: string,
  owner: string,
  scanned: Item,
): Promise<'indexed' | 'changed' | 'untagged'> {
  let item = scanned;
  for (let attempt = 1; ; attempt++) {
    if (item.tags.length === 0) return 'untagged';
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: tableName,
                Key: itemKey(owner, item.id),
                ConditionExpression: '#version = :version',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':version': item.version },
              },
            },
            ...item.tags.map((tag) => ({
              Put: { TableName: tableName, Item: tagRecord(owner, tag, item) },
            })),
          ],
        }),
      );
      return 'indexed';
    } catch (error) {
      if (isCancelled(error, 'ConditionalCheckFailed')) return 'changed';
      if (!isCancelled(error, 'TransactionConflict') || attempt >= MAX_ATTEMPTS) throw error;
      // Another transaction held the item: read it again and index what is there now.
      const fresh = await client.send(
        new GetCommand({
          TableName: tableName,
          Key: itemKey(owner, item.id),
          ConsistentRead: true,
        }),
      );
      if (!fresh.Item) return 'changed';
      item = toItem(fresh.Item);
    }
  }
}
