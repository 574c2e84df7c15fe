import type { Item, ValidItemInput } from '@items-api/contract';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { isDeepStrictEqual } from 'node:util';
import { classifyDynamoError, lostRace } from './dynamo-errors';
import {
  IdempotencyKeyTakenError,
  IdempotencyPendingError,
  ItemNotFoundError,
  StoreUnavailableError,
  VersionMismatchError,
} from './item-errors';
import type {
  ExpectedVersion,
  IdempotencyClaim,
  IdempotencyRecord,
  ItemRepository,
  ListOptions,
  ListPage,
} from './item-repository';
import { itemKey, ItemKeys, tagKey } from './item-keys';
import { itemRecord, tagRecord, toItem } from './item-record';

/** Runs a DynamoDB call; DynamoDB busy or unreachable is StoreUnavailableError. */
async function callDynamo<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw classifyDynamoError(error).kind === 'unavailable'
      ? new StoreUnavailableError({ cause: error })
      : error;
  }
}

/** The write's condition failed on an item: the one DynamoDB returned (ALL_OLD), if any. */
const failedConditionOn = (error: unknown) => {
  const failure = classifyDynamoError(error);
  return failure.kind === 'conditionFailed' ? { item: failure.item } : undefined;
};

/**
 * The create transaction failed. Reasons are positional: [0] the item put, [1] the idempotency
 * record put when there is one, then the tag-index puts (unconditional, so never a failed check
 * at [1] when no key was sent). The key held otherwise than the claim says → the caller reads
 * it again; a concurrent transaction on the same records (still in flight) → pending.
 */
function translateCreateError(error: unknown): never {
  const failure = classifyDynamoError(error);
  if (failure.kind === 'cancelled' && failure.reasons[1] === 'ConditionalCheckFailed') {
    throw new IdempotencyKeyTakenError();
  }
  if (
    failure.kind === 'conflict' ||
    (failure.kind === 'cancelled' && failure.reasons.includes('TransactionConflict'))
  ) {
    throw new IdempotencyPendingError({ cause: error });
  }
  throw error;
}

/** Every update is conditioned on the version it replaces (optimistic locking). */
const versionCondition = (version: number) => ({
  ConditionExpression: '#version = :current',
  ExpressionAttributeNames: { '#version': 'version' },
  ExpressionAttributeValues: { ':current': version },
});

const MAX_WRITE_ATTEMPTS = 5;

/**
 * The sort keys starting with `prefix` (which ends in `#`), as a BETWEEN range: `prefix` up to
 * the same string ending in `$`, the next character, which no key of ours equals. The same keys
 * as `begins_with(SK, prefix)`; on DynamoDB Local a newest-first `begins_with` page got ~10×
 * slower with 100,000 records sorting after the range (`npm run bench -- --only scale`), the
 * BETWEEN page did not.
 */
const prefixRange = (prefix: string) => ({
  ':from': prefix,
  ':to': `${prefix.slice(0, -1)}$`,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The stored item (as DynamoDB returns it in the error, marshalled) is the one this request made. */
const isSameWrite = (stored: Record<string, unknown> | undefined, item: Item) => {
  const record = stored as Record<string, { S?: string } | undefined> | undefined;
  return record?.['id']?.S === item.id && record?.['createdAt']?.S === item.createdAt;
};

/**
 * ItemRepository on one DynamoDB table (PK = OWNER#sub, SK = ITEM#ulid | TAG#tag#ulid |
 * IDEMPOTENCY#key; see item-keys.ts). The tag index is exact: every record of an item is written
 * in the transaction that writes the item.
 */
export class DynamoItemRepository implements ItemRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async list(owner: string, { limit, afterId, tag }: ListOptions): Promise<ListPage> {
    // One key range either way: the items (ITEM#…) or one tag's copies (TAG#<tag>#…).
    const prefix = tag === undefined ? ItemKeys.itemPrefix : ItemKeys.tagPrefix(tag);
    const result = await callDynamo(() =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': ItemKeys.partitionKey, '#sk': ItemKeys.sortKey },
          ExpressionAttributeValues: { ':pk': ItemKeys.owner(owner), ...prefixRange(prefix) },
          ScanIndexForward: false, // ULIDs sort by time: newest first
          // One past the page: whether more items follow (a full page may be the last one).
          Limit: limit + 1,
          ...(afterId
            ? {
                ExclusiveStartKey: {
                  [ItemKeys.partitionKey]: ItemKeys.owner(owner),
                  [ItemKeys.sortKey]: `${prefix}${afterId}`,
                },
              }
            : {}),
        }),
      ),
    );
    const records = result.Items ?? [];
    const items = records.slice(0, limit).map(toItem);
    // A page cut short by the 1 MB a Query reads at most also has more after it (Query API reference).
    const more = records.length > limit || result.LastEvaluatedKey !== undefined;
    const lastId = items.at(-1)?.id;
    return { items, ...(more && lastId ? { lastId } : {}) };
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

  async create(owner: string, item: Item, idempotency?: IdempotencyClaim): Promise<void> {
    const itemPut = {
      TableName: this.tableName,
      Item: itemRecord(owner, item),
      ConditionExpression: 'attribute_not_exists(#sk)',
      ExpressionAttributeNames: { '#sk': ItemKeys.sortKey },
    };
    if (!idempotency && item.tags.length === 0) {
      await callDynamo(() =>
        this.client.send(
          new PutCommand({ ...itemPut, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
        ),
      ).catch((error: unknown) => {
        // The SDK retried a put whose answer was lost after it landed: the item there is ours.
        const failed = failedConditionOn(error);
        if (failed && isSameWrite(failed.item, item)) return;
        throw error;
      });
      return;
    }
    const idempotencyPut = idempotency && {
      Put: {
        TableName: this.tableName,
        Item: {
          [ItemKeys.partitionKey]: ItemKeys.owner(owner),
          [ItemKeys.sortKey]: ItemKeys.idempotency(idempotency.key),
          ...toStoredIdempotencyRecord({ ...idempotency, item }),
        },
        ...claimCondition(idempotency),
      },
    };
    await callDynamo(() =>
      this.client.send(
        new TransactWriteCommand({
          // Positional, as translateCreateError reads the reasons: item, idempotency record, tags.
          TransactItems: [
            { Put: itemPut },
            ...(idempotencyPut ? [idempotencyPut] : []),
            ...item.tags.map((tag) => ({
              Put: { TableName: this.tableName, Item: tagRecord(owner, tag, item) },
            })),
          ],
          // The item's id names this write: a retry whose first answer was lost is not re-applied
          // (TransactWriteItems is idempotent per ClientRequestToken for 10 minutes).
          ClientRequestToken: item.id,
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
    return this.writeCurrent(owner, id, expectedVersion, async (current) => {
      const next = toItem({
        ...current,
        ...input,
        description: input.description,
        updatedAt: now,
        version: current.version + 1,
      });
      const removed = current.tags.filter((tag) => !next.tags.includes(tag));
      const put = {
        TableName: this.tableName,
        Item: itemRecord(owner, next),
        ...versionCondition(current.version),
      };
      if (current.tags.length === 0 && next.tags.length === 0) {
        await callDynamo(() => this.client.send(new PutCommand(put))).catch(async (error) => {
          // The SDK retried a put whose answer was lost after it landed: the stored item is ours.
          // (Transactions need no such check: the SDK's retry reuses their ClientRequestToken.)
          if (failedConditionOn(error) && isDeepStrictEqual(await this.get(owner, id), next))
            return;
          throw error;
        });
        return next;
      }
      await this.transact([
        { Put: put },
        ...next.tags.map((tag) => ({
          Put: { TableName: this.tableName, Item: tagRecord(owner, tag, next) },
        })),
        ...removed.map((tag) => ({
          Delete: { TableName: this.tableName, Key: tagKey(owner, tag, id) },
        })),
      ]);
      return next;
    });
  }

  async delete(
    owner: string,
    id: string,
    { expectedVersion }: { expectedVersion: ExpectedVersion },
  ): Promise<void> {
    await this.writeCurrent(owner, id, expectedVersion, async (current) => {
      const remove = {
        TableName: this.tableName,
        Key: itemKey(owner, id),
        ...versionCondition(current.version),
      };
      if (current.tags.length === 0) {
        await callDynamo(() => this.client.send(new DeleteCommand(remove)));
        return;
      }
      await this.transact([
        { Delete: remove },
        ...current.tags.map((tag) => ({
          Delete: { TableName: this.tableName, Key: tagKey(owner, tag, id) },
        })),
      ]);
    });
  }

  async findIdempotencyRecord(owner: string, key: string): Promise<IdempotencyRecord | undefined> {
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
    const record = result.Item as StoredIdempotencyRecord | undefined;
    if (!record) return undefined;
    return {
      key,
      requestHash: record.requestHash,
      expiresAt: Number(record[ItemKeys.ttlAttribute]),
      item: toItem(record.item),
    };
  }

  /**
   * Reads the item (consistently), checks `expectedVersion`, and runs `write`, which must be
   * conditioned on the version read: the item's tags tell which index records the write touches,
   * and the condition makes sure they are still the ones stored. Losing a race re-reads: a changed
   * version then is a VersionMismatchError (when the caller named one), a vanished item an
   * ItemNotFoundError; with no version named (`If-Match: *`, DELETE without If-Match) the write is
   * tried again on the new state, at most MAX_WRITE_ATTEMPTS times.
   */
  private async writeCurrent<T>(
    owner: string,
    id: string,
    expectedVersion: ExpectedVersion,
    write: (current: Item) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(owner, id);
      if (!current) throw new ItemNotFoundError();
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new VersionMismatchError();
      }
      try {
        return await write(current);
      } catch (error) {
        if (!lostRace(classifyDynamoError(error))) throw error;
        if (attempt >= MAX_WRITE_ATTEMPTS) throw new StoreUnavailableError({ cause: error });
        await pause(Math.random() * 20 * attempt);
      }
    }
  }

  private async transact(actions: NonNullable<TransactWriteCommandInput['TransactItems']>) {
    await callDynamo(() => this.client.send(new TransactWriteCommand({ TransactItems: actions })));
  }
}

/**
 * The idempotency put's condition: the key is free, or (with `supersedes`) still holds the expired
 * record the create read. TTL may have deleted that record meanwhile: free again, as good.
 */
function claimCondition({ supersedes }: IdempotencyClaim): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, number>;
} {
  return supersedes === undefined
    ? {
        ConditionExpression: 'attribute_not_exists(#sk)',
        ExpressionAttributeNames: { '#sk': ItemKeys.sortKey },
      }
    : {
        ConditionExpression: 'attribute_not_exists(#sk) OR #exp = :read',
        ExpressionAttributeNames: { '#sk': ItemKeys.sortKey, '#exp': ItemKeys.ttlAttribute },
        ExpressionAttributeValues: { ':read': supersedes },
      };
}

/** An idempotency record as stored: its expiry under the table's TTL attribute. */
type StoredIdempotencyRecord = Omit<IdempotencyRecord, 'expiresAt'> &
  Partial<Record<typeof ItemKeys.ttlAttribute, number>>;

function toStoredIdempotencyRecord({
  key,
  requestHash,
  expiresAt,
  item,
}: IdempotencyRecord): StoredIdempotencyRecord {
  return { key, requestHash, item, [ItemKeys.ttlAttribute]: expiresAt };
}
