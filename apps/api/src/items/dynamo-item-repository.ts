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
import { DependencyUnavailableError, NotFoundError, PreconditionFailedError } from '../errors';
import { callDynamo } from './dynamo-errors';
import { translateCreateError } from './create-errors';
import type {
  ExpectedVersion,
  IdempotencyRecord,
  ItemRepository,
  ListOptions,
  ListPage,
  NewIdempotencyRecord,
} from './item-repository';
import { itemKey, ItemKeys, tagKey } from './item-keys';
import { itemRecord, tagRecord, toItem } from './item-record';

const isConditionFailure = (e: unknown): e is Error & { Item?: unknown } =>
  e instanceof Error && e.name === 'ConditionalCheckFailedException';

type CancellationReason = { Code?: string };

/**
 * The write lost a race: its version condition failed, or DynamoDB cancelled it for a concurrent
 * transaction on the same records (TransactionCanceledException reasons, TransactWriteItems API
 * reference; TransactionConflictException for a single-item write that met a transaction).
 */
function isWriteConflict(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (isConditionFailure(e) || e.name === 'TransactionConflictException') return true;
  if (e.name !== 'TransactionCanceledException') return false;
  const reasons = (e as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.some(
    (r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict',
  );
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
const isSameWrite = (stored: unknown, item: Item) => {
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
          Limit: limit,
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
    const lastSk = result.LastEvaluatedKey?.[ItemKeys.sortKey] as string | undefined;
    return {
      items: (result.Items ?? []).map(toItem),
      ...(lastSk ? { lastId: lastSk.slice(prefix.length) } : {}),
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
        if (isConditionFailure(error) && isSameWrite(error.Item, item)) return;
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
        // TTL deletion lags, so an expired record counts as absent.
        ConditionExpression: 'attribute_not_exists(#sk) OR #exp < :now',
        ExpressionAttributeNames: { '#sk': ItemKeys.sortKey, '#exp': ItemKeys.ttlAttribute },
        ExpressionAttributeValues: { ':now': Math.floor(Date.parse(item.createdAt) / 1000) },
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
          if (isConditionFailure(error) && isDeepStrictEqual(await this.get(owner, id), next))
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
    const record = result.Item as StoredIdempotencyRecord | undefined;
    const expiresAt = record?.[ItemKeys.ttlAttribute];
    if (!record || expiresAt === undefined || expiresAt <= nowEpochSeconds) return undefined;
    return { key, requestHash: record.requestHash, expiresAt, item: toItem(record.item) };
  }

  /**
   * Reads the item (consistently), checks `expectedVersion`, and runs `write`, which must be
   * conditioned on the version read: the item's tags tell which index records the write touches,
   * and the condition makes sure they are still the ones stored. Losing a race re-reads: a changed
   * version then answers 412 (when the caller named one), a vanished item 404; with no version
   * named (`If-Match: *`, DELETE without If-Match) the write is tried again on the new state.
   */
  private async writeCurrent<T>(
    owner: string,
    id: string,
    expectedVersion: ExpectedVersion,
    write: (current: Item) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(owner, id);
      if (!current) throw new NotFoundError();
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new PreconditionFailedError();
      }
      try {
        return await write(current);
      } catch (error) {
        if (!isWriteConflict(error)) throw error;
        if (attempt >= MAX_WRITE_ATTEMPTS) throw new DependencyUnavailableError({ cause: error });
        await pause(Math.random() * 20 * attempt);
      }
    }
  }

  private async transact(actions: NonNullable<TransactWriteCommandInput['TransactItems']>) {
    await callDynamo(() => this.client.send(new TransactWriteCommand({ TransactItems: actions })));
  }
}

/** An idempotency record as stored: its expiry under the table's TTL attribute. */
type StoredIdempotencyRecord = Omit<IdempotencyRecord, 'expiresAt'> &
  Partial<Record<typeof ItemKeys.ttlAttribute, number>>;

function toStoredIdempotencyRecord({
  expiresAt,
  ...record
}: IdempotencyRecord): StoredIdempotencyRecord {
  return { ...record, [ItemKeys.ttlAttribute]: expiresAt };
}
