import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Item } from '@items-api/contract';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoItemRepository } from './dynamo-item-repository';
import {
  IdempotencyKeyTakenError,
  IdempotencyPendingError,
  ItemNotFoundError,
  StoreUnavailableError,
  VersionMismatchError,
} from './item-errors';

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

describe('DynamoItemRepository writes that lose a race (faults injected)', () => {
  const documentClient = mockClient(DynamoDBDocumentClient);
  const repo = new DynamoItemRepository(
    documentClient as unknown as DynamoDBDocumentClient,
    'items',
  );
  afterEach(() => documentClient.reset());

  const tagged = { ...item, tags: ['red'] };
  const stored = (version: number) => ({
    Item: { PK: 'OWNER#alice', SK: 'ITEM#x', ...tagged, version },
  });
  /** What DynamoDB answers when another transaction holds one of the records (API reference). */
  const cancelled = (code: 'TransactionConflict' | 'ConditionalCheckFailed') =>
    Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: code }, { Code: 'None' }],
    });
  const input = { name: 'Boots', tags: ['blue'] };
  const now = '2026-11-25T10:00:00.000Z';

  it('reads again and retries a replace cancelled by a concurrent transaction', async () => {
    documentClient.on(GetCommand).resolves(stored(1));
    documentClient
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict'))
      .resolves({});
    const next = await repo.replace('alice', item.id, input, { expectedVersion: 1, now });
    expect(next).toMatchObject({ tags: ['blue'], version: 2, updatedAt: now });
    expect(documentClient.commandCalls(GetCommand)).toHaveLength(2);
    const [, second] = documentClient.commandCalls(TransactWriteCommand);
    // Item put on version 1, the new tag's copy put, the dropped tag's copy deleted.
    expect(second!.args[0].input.TransactItems).toEqual([
      expect.objectContaining({
        Put: expect.objectContaining({
          ConditionExpression: '#version = :current',
          ExpressionAttributeValues: { ':current': 1 },
        }),
      }),
      {
        Put: expect.objectContaining({
          Item: expect.objectContaining({ SK: `TAG#blue#${item.id}` }),
        }),
      },
      { Delete: expect.objectContaining({ Key: { PK: 'OWNER#alice', SK: `TAG#red#${item.id}` } }) },
    ]);
  });

  it('is a VersionMismatchError when the version changed between its read and its write', async () => {
    documentClient.on(GetCommand).resolvesOnce(stored(1)).resolves(stored(2));
    documentClient.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    await expect(repo.delete('alice', item.id, { expectedVersion: 1 })).rejects.toThrow(
      VersionMismatchError,
    );
  });

  it('is an ItemNotFoundError when the item was deleted between its read and its write', async () => {
    documentClient.on(GetCommand).resolvesOnce(stored(1)).resolves({});
    documentClient.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed'));
    await expect(
      repo.replace('alice', item.id, input, { expectedVersion: undefined, now }),
    ).rejects.toThrow(ItemNotFoundError);
  });

  it('gives up (StoreUnavailableError) after 5 lost races when no version was named (If-Match: *)', async () => {
    documentClient.on(GetCommand).resolves(stored(1));
    documentClient.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(
      repo.replace('alice', item.id, input, { expectedVersion: undefined, now }),
    ).rejects.toThrow(StoreUnavailableError);
    expect(documentClient.commandCalls(TransactWriteCommand)).toHaveLength(5);
  });

  it('succeeds when a retried untagged replace finds the item its lost first attempt wrote', async () => {
    const untagged = { PK: 'OWNER#alice', SK: `ITEM#${item.id}`, ...item };
    const ours = { ...untagged, name: 'Boots', updatedAt: now, version: 2 };
    documentClient.on(GetCommand).resolvesOnce({ Item: untagged }).resolves({ Item: ours });
    documentClient.on(PutCommand).rejects(conditionFailed(item));
    const next = await repo.replace(
      'alice',
      item.id,
      { name: 'Boots', tags: [] },
      { expectedVersion: 1, now },
    );
    expect(next).toMatchObject({ version: 2, updatedAt: now });
  });

  it('is a VersionMismatchError when the untagged item there is another writer’s', async () => {
    const untagged = { PK: 'OWNER#alice', SK: `ITEM#${item.id}`, ...item };
    const theirs = { ...untagged, name: 'Sandals', updatedAt: now, version: 2 };
    documentClient.on(GetCommand).resolvesOnce({ Item: untagged }).resolves({ Item: theirs });
    documentClient.on(PutCommand).rejects(conditionFailed(item));
    await expect(
      repo.replace('alice', item.id, { name: 'Boots', tags: [] }, { expectedVersion: 1, now }),
    ).rejects.toThrow(VersionMismatchError);
  });
});

describe('DynamoItemRepository failures DynamoDB Local cannot be made to give (faults injected)', () => {
  const documentClient = mockClient(DynamoDBDocumentClient);
  const repo = new DynamoItemRepository(
    documentClient as unknown as DynamoDBDocumentClient,
    'items',
  );
  afterEach(() => documentClient.reset());

  const claim = { key: 'k-1', requestHash: 'h', expiresAt: 1_800_000_000 };
  /** TransactWriteItems' answer when it cancels the create (API reference, CancellationReasons). */
  const cancelled = (...codes: string[]) =>
    Object.assign(new Error('Transaction cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: codes.map((Code) => ({ Code })),
    });

  it('reads a failed check on the idempotency record (the second action) as the key taken', async () => {
    documentClient.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    await expect(repo.create('alice', item, claim)).rejects.toThrow(IdempotencyKeyTakenError);
  });

  it.each([
    ['a transaction cancelled for a conflict', cancelled('None', 'TransactionConflict')],
    [
      'TransactionConflictException',
      Object.assign(new Error('conflict'), { name: 'TransactionConflictException' }),
    ],
  ])(
    'reads %s on an idempotent create as another request with the key in flight',
    async (_, error) => {
      documentClient.on(TransactWriteCommand).rejects(error);
      await expect(repo.create('alice', item, claim)).rejects.toThrow(IdempotencyPendingError);
    },
  );

  it('is a StoreUnavailableError when DynamoDB still throttles after the SDK’s retries', async () => {
    documentClient.on(GetCommand).rejects(
      Object.assign(new Error('Rate exceeded'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    );
    await expect(repo.get('alice', item.id)).rejects.toThrow(StoreUnavailableError);
  });
});
