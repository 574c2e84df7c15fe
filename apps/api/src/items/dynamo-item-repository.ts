import type { Item, ValidItemInput } from '@items-api/contract';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError, PreconditionFailedError } from '../errors';
import { callDynamo } from './dynamo-errors';
import { translateCreateError } from './create-errors';
import type {
  ExpectedVersion,
  IdempotencyRecord,
  ItemRepository,
  ListPage,
  NewIdempotencyRecord,
} from './item-repository';
import { itemKey, ItemKeys } from './item-keys';
import { toItem } from './item-record';

const isConditionFailure = (e: unknown): e is Error & { Item?: unknown } =>
  e instanceof Error && e.name === 'ConditionalCheckFailedException';

/** The stored item (as DynamoDB returns it in the error, marshalled) is the one this request made. */
const isSameWrite = (stored: unknown, item: Item) => {
  const record = stored as Record<string, { S?: string } | undefined> | undefined;
  return record?.['id']?.S === item.id && record?.['createdAt']?.S === item.createdAt;
};

/** ItemRepository on one DynamoDB table (PK = OWNER#sub, SK = ITEM#ulid | IDEMPOTENCY#key). */
export class DynamoItemRepository implements ItemRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(
    owner: string,
    { limit, afterId }: { limit: number; afterId?: string },
  ): Promise<ListPage> {
    const result = await callDynamo(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': ItemKeys.partitionKey, '#sk': ItemKeys.sortKey },
          ExpressionAttributeValues: {
            ':pk': ItemKeys.owner(owner),
            ':prefix': ItemKeys.itemPrefix,
          },
          ScanIndexForward: false, // ULIDs sort by time: newest first
          Limit: limit,
          ...(afterId ? { ExclusiveStartKey: itemKey(owner, afterId) } : {}),
        }),
      ),
    );
    const lastSk = result.LastEvaluatedKey?.[ItemKeys.sortKey] as string | undefined;
    return {
      items: (result.Items ?? []).map(toItem),
      ...(lastSk ? { lastId: lastSk.slice(ItemKeys.itemPrefix.length) } : {}),
    };
  }

  async get(owner: string, id: string): Promise<Item | undefined> {
    const result = await callDynamo(() =>
      this.client.send(
        // Consistent: a GET right after a PUT must show it, or If-Match flows see stale ETags.
        new GetCommand({
          TableName: this.tableName,
          Key: itemKey(owner, id),
          ConsistentRead: true,
        }),
      ),
    );
    return result.Item ? toItem(result.Item) : undefined;
  }

  async create(owner: string, item: Item, idempotency?: NewIdempotencyRecord): Promise<void> {
    const itemPut = {
      TableName: this.tableName,
      Item: { ...itemKey(owner, item.id), ...item },
      ConditionExpression: 'attribute_not_exists(#sk)',
      ExpressionAttributeNames: { '#sk': ItemKeys.sortKey },
    };
    if (!idempotency) {
      await callDynamo(() =>
        this.client.send(
          new PutCommand({ ...itemPut, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
        ),
      ).catch((error: unknown) => {
        // The SDK retried a put whose answer was lost after it landed: the item there is ours.
        if (isConditionFailure(error) && isSameWrite(error.Item, item)) return;
        throw error;
      });
      return;
    }
    const record: IdempotencyRecord = { ...idempotency, item };
    await callDynamo(() =>
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: itemPut },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  [ItemKeys.partitionKey]: ItemKeys.owner(owner),
                  [ItemKeys.sortKey]: ItemKeys.idempotency(idempotency.key),
                  ...record,
                },
                // TTL deletion lags, so an expired record counts as absent.
                ConditionExpression: 'attribute_not_exists(#sk) OR #exp < :now',
                ExpressionAttributeNames: {
                  '#sk': ItemKeys.sortKey,
                  '#exp': ItemKeys.ttlAttribute,
                },
                ExpressionAttributeValues: {
                  ':now': Math.floor(Date.parse(item.createdAt) / 1000),
                },
              },
            },
          ],
        }),
      ),
    ).catch(translateCreateError);
  }

  async replace(
    owner: string,
    id: string,
    input: ValidItemInput,
    { expectedVersion, now }: { expectedVersion: ExpectedVersion; now: string },
  ): Promise<Item> {
    const hasDescription = input.description !== undefined;
    const update = new UpdateCommand({
      TableName: this.tableName,
      Key: itemKey(owner, id),
      UpdateExpression: `SET #name = :name, #tags = :tags, #updatedAt = :now, #version = #version + :one ${
        hasDescription ? ', #description = :description' : 'REMOVE #description'
      }`,
      ConditionExpression: `attribute_exists(#sk)${expectedVersion === undefined ? '' : ' AND #version = :expected'}`,
      ExpressionAttributeNames: {
        '#sk': ItemKeys.sortKey,
        '#name': 'name',
        '#tags': 'tags',
        '#updatedAt': 'updatedAt',
        '#version': 'version',
        '#description': 'description',
      },
      ExpressionAttributeValues: {
        ':name': input.name,
        ':tags': input.tags,
        ':now': now,
        ':one': 1,
        ...(hasDescription ? { ':description': input.description } : {}),
        ...(expectedVersion === undefined ? {} : { ':expected': expectedVersion }),
      },
      ReturnValues: 'ALL_NEW',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    try {
      const result = await callDynamo(() => this.client.send(update));
      return toItem(result.Attributes ?? {});
    } catch (error) {
      throw this.conditionError(error);
    }
  }

  async delete(
    owner: string,
    id: string,
    { expectedVersion }: { expectedVersion: ExpectedVersion },
  ): Promise<void> {
    const remove = new DeleteCommand({
      TableName: this.tableName,
      Key: itemKey(owner, id),
      ConditionExpression: `attribute_exists(#sk)${expectedVersion === undefined ? '' : ' AND #version = :expected'}`,
      ExpressionAttributeNames: {
        '#sk': ItemKeys.sortKey,
        ...(expectedVersion === undefined ? {} : { '#version': 'version' }),
      },
      ...(expectedVersion === undefined
        ? {}
        : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
    try {
      await callDynamo(() => this.client.send(remove));
    } catch (error) {
      throw this.conditionError(error);
    }
  }

  async findIdempotencyRecord(owner: string, key: string, nowEpochSeconds: number) {
    const result = await callDynamo(() =>
      this.client.send(
        new GetCommand({
          TableName: this.tableName,
          Key: {
            [ItemKeys.partitionKey]: ItemKeys.owner(owner),
            [ItemKeys.sortKey]: ItemKeys.idempotency(key),
          },
          ConsistentRead: true,
        }),
      ),
    );
    const record = result.Item as IdempotencyRecord | undefined;
    if (!record || record.expiresAt <= nowEpochSeconds) return undefined;
    return {
      key,
      requestHash: record.requestHash,
      expiresAt: record.expiresAt,
      item: toItem(record.item),
    };
  }

  /** A failed version check: the old item came back → it changed (412); nothing came back → 404. */
  private conditionError(error: unknown): unknown {
    if (!isConditionFailure(error)) return error;
    return error.Item
      ? new PreconditionFailedError(undefined, { cause: error })
      : new NotFoundError(undefined, { cause: error });
  }
}
