import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { startDynamoDbLocal, type DynamoDbLocal } from '../dynamodb/dynamodb-local';
import { ensureTable } from '../dynamodb/ensure-table';
import type { TableDefinition } from '../template/read-tables';

export type LocalStore = {
  endpoint: string;
  /** Local table names by the template's logical id. */
  tables: Record<string, string>;
  stop(): Promise<void>;
};

/** DynamoDB Local for the local server: in memory, or with its files under `dataDir`. */
export const startLocalDynamoDb = (options: { inMemory?: boolean; dataDir: string }) =>
  startDynamoDbLocal({ inMemory: options.inMemory, dataDir: join(options.dataDir, 'dynamodb') });

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
  /** A DynamoDB Local already starting (so that it starts while the stack synthesizes). */
  dynamo?: Promise<DynamoDbLocal>;
}): Promise<LocalStore> {
  const dynamo = options.endpoint
    ? undefined
    : await (options.dynamo ?? startLocalDynamoDb(options));
  const endpoint = options.endpoint ?? dynamo?.endpoint ?? '';
  const stop = async () => dynamo?.stop();
  const only = options.tables.length === 1;
  const localName = (t: TableDefinition) =>
    (only ? options.tableName : undefined) ?? t.tableName ?? t.logicalId;
  const tables = Object.fromEntries(options.tables.map((t) => [t.logicalId, localName(t)]));
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const table of options.tables) await ensureTable(client, localName(table), table);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, tables, stop };
}
