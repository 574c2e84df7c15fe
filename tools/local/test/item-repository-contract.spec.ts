import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDependencies, createDocumentClient, loadConfig } from '@items-api/api';
import { describeItemRepositoryContract } from '@items-api/api/testing';
import { TableLayout } from '@items-api/stack-contract';
import { startDynamoDbLocal, type DynamoDbLocal } from '../src/dynamodb/dynamodb-local';
import { ensureTable } from '../src/dynamodb/ensure-table';

// The suite the in-memory repository passes in apps/api, on DynamoDB Local: the repository as
// the function builds it (its document client, its table layout).
describe('on DynamoDB Local', () => {
  let dynamo: DynamoDbLocal;
  let client: DynamoDBDocumentClient;
  let repo: ReturnType<typeof createDependencies>['repo'];

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ inMemory: true });
    const config = loadConfig({ TABLE_NAME: 'items', DYNAMODB_ENDPOINT: dynamo.endpoint });
    const admin = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: config.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(admin, config.tableName, TableLayout);
    admin.destroy();
    client = createDocumentClient(config);
    repo = createDependencies(config, client).repo;
  });
  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  describeItemRepositoryContract('DynamoItemRepository', () => repo);
});
