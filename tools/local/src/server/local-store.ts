import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../dynamodb/dynamodb-local';
import { ensureTable } from '../dynamodb/ensure-table';
import type { TableDefinition } from '../template/read-tables';

export type LocalStore = {
  endpoint: string;
  /** Local table names by the template's logical id. */
  tables: Record<string, string>;
  stop(): Promise<void>;
};

/**
 * The template's tables on the given DynamoDB, or on a DynamoDB Local started here (in memory,
 * or with files under `dataDir`), each created as the template declares it. A table is named
 * `tableName` when it is the template's only one, else its `TableName` or its logical id.
 */
export async function startLocalStore(options: {
  endpoint?: string;
  inMemory?: boolean;
  dataDir: string;
  tableName?: string;
  tables: readonly TableDefinition[];
}): Promise<LocalStore> {
  const dynamo = options.endpoint
    ? undefined
    : await startDynamoDbLocal({
        inMemory: options.inMemory,
        dataDir: join(options.dataDir, 'dynamodb'),
      });
  const endpoint = options.endpoint ?? dynamo?.endpoint ?? '';
  const stop = async () => dynamo?.stop();
  const only = options.tables.length === 1;
  const tables = Object.fromEntries(
    options.tables.map((t) => [
      t.logicalId,
      (only ? options.tableName : undefined) ?? t.tableName ?? t.logicalId,
    ]),
  );
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const table of options.tables) await ensureTable(client, tables[table.logicalId]!, table);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, tables, stop };
}
