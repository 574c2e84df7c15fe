import { startDynamoDbLocal } from '@items-api/local';
import { startLocalApiProcess } from '../harness/local-api-process';
import { createPartitionReader } from '../harness/partition';
import { startFaultProxy } from './fault-proxy';

/**
 * DynamoDB Local, the fault proxy in front of it and the local API (its own process, see
 * local-api-process.ts) talking to DynamoDB only through the proxy; `partitions` reads the
 * table directly, past the proxy.
 */
export async function startFaultStack() {
  const dynamo = await startDynamoDbLocal({ inMemory: true });
  const proxy = await startFaultProxy({ target: dynamo.endpoint });
  try {
    const api = await startLocalApiProcess({ dynamodbEndpoint: proxy.url });
    const partitions = createPartitionReader(dynamo.endpoint, api.tableName);
    return {
      api,
      proxy,
      partitions,
      stop: async () => {
        partitions.close();
        await api.stop();
        await proxy.close();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await proxy.close();
    await dynamo.stop();
    throw error;
  }
}

export type FaultStack = Awaited<ReturnType<typeof startFaultStack>>;
