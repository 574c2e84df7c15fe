import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ItemKeys } from '@items-api/api';

export type StoredRecord = Record<string, unknown>;

/**
 * Reads what DynamoDB holds for one owner — items and idempotency records alike — straight from
 * the table, past the API: the ground truth for "nothing was written".
 */
export function createPartitionReader(endpoint: string, tableName: string) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );

  async function read(owner: string): Promise<StoredRecord[]> {
    const records: StoredRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    for (let page = 0; page < 1_000; page += 1) {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': ItemKeys.partitionKey },
          ExpressionAttributeValues: { ':pk': ItemKeys.owner(owner) },
          ExclusiveStartKey: startKey,
        }),
      );
      records.push(...((result.Items ?? []) as StoredRecord[]));
      startKey = result.LastEvaluatedKey;
      if (!startKey) break;
    }
    return records;
  }

  const isItem = (record: StoredRecord) =>
    String(record[ItemKeys.sortKey]).startsWith(ItemKeys.itemPrefix);

  return {
    read,
    /** Only the owner's items (no idempotency records). */
    items: async (owner: string) => (await read(owner)).filter(isItem),
    close: () => client.destroy(),
  };
}

export type PartitionReader = ReturnType<typeof createPartitionReader>;
