import {
  CreateTableCommand,
  DescribeTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '../template/read-tables';

/** A table with a string partition key and, optionally, a string sort key. */
export type KeyedTable = { partitionKey: string; sortKey?: string; ttlAttribute?: string };

const definitionOf = (table: KeyedTable): Pick<TableDefinition, 'create' | 'ttlAttribute'> => ({
  create: {
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [table.partitionKey, table.sortKey]
      .filter((name): name is string => name !== undefined)
      .map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: table.partitionKey, KeyType: 'HASH' },
      ...(table.sortKey ? [{ AttributeName: table.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
  },
  ...(table.ttlAttribute ? { ttlAttribute: table.ttlAttribute } : {}),
});

/** Creates the table as the template declares it (keys, indexes, TTL), unless it is already there. */
export async function ensureTable(
  client: DynamoDBClient,
  tableName: string,
  table: KeyedTable | Pick<TableDefinition, 'create' | 'ttlAttribute'>,
): Promise<void> {
  const definition = 'create' in table ? table : definitionOf(table);
  const exists = await client.send(new DescribeTableCommand({ TableName: tableName })).then(
    () => true,
    (error: Error) => {
      if (error.name === 'ResourceNotFoundException') return false;
      throw error;
    },
  );
  if (exists) return;
  await client.send(new CreateTableCommand({ ...definition.create, TableName: tableName }));
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  if (definition.ttlAttribute) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: definition.ttlAttribute, Enabled: true },
      }),
    );
  }
}
