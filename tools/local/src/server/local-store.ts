import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../dynamodb/dynamodb-local';
import { ensureTable } from '../dynamodb/ensure-table';
import type { GatewayConfig } from '../template/gateway-config';

export type LocalStore = { endpoint: string; tableName: string; stop(): Promise<void> };

/**
 * The table the local function uses: on the given DynamoDB, or on a DynamoDB Local started here
 * (in memory, or with files under `dataDir`), created from the template's key schema and TTL.
 */
export async function startLocalStore(options: {
  endpoint?: string;
  inMemory?: boolean;
  dataDir: string;
  tableName: string;
  table: GatewayConfig['table'];
}): Promise<LocalStore> {
  const dynamo = options.endpoint
    ? undefined
    : await startDynamoDbLocal({
        inMemory: options.inMemory,
        dataDir: join(options.dataDir, 'dynamodb'),
      });
  const endpoint = options.endpoint ?? dynamo?.endpoint ?? '';
  const stop = async () => dynamo?.stop();
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await ensureTable(client, options.tableName, options.table);
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, tableName: options.tableName, stop };
}
