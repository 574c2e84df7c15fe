import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from '@items-api/contract';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoItemRepository } from './dynamo-item-repository';

const item: Item = {
  id: '01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
  name: 'Boots',
  tags: [],
  createdAt: '2026-11-25T09:30:00.000Z',
  updatedAt: '2026-11-25T09:30:00.000Z',
  version: 1,
};

/** What DynamoDB answers when the put's condition finds an item there (marshalled, ALL_OLD). */
const conditionFailed = (stored: Pick<Item, 'id' | 'createdAt'>) =>
  new ConditionalCheckFailedException({
    message: 'The conditional request failed',
    $metadata: {},
    Item: { id: { S: stored.id }, createdAt: { S: stored.createdAt } },
  });

describe('DynamoItemRepository.create without an idempotency key', () => {
  const documentClient = mockClient(DynamoDBDocumentClient);
  const repo = new DynamoItemRepository(
    documentClient as unknown as DynamoDBDocumentClient,
    'items',
  );
  afterEach(() => documentClient.reset());

  it('succeeds when a retried put finds the item its lost first attempt wrote', async () => {
    documentClient.on(PutCommand).rejects(conditionFailed(item));
    await expect(repo.create('alice', item)).resolves.toBeUndefined();
  });

  it('still fails when the item there is not the one it wrote', async () => {
    documentClient
      .on(PutCommand)
      .rejects(conditionFailed({ ...item, createdAt: '2020-01-01T00:00:00.000Z' }));
    await expect(repo.create('alice', item)).rejects.toThrow(ConditionalCheckFailedException);
  });
});
