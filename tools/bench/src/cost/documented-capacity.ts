import { ItemKeys } from '@items-api/api';
import { itemSize, readUnits, transactWriteUnits, writeUnits } from './capacity-units';

type Doc = Record<string, unknown>;

export const readCommands = new Set(['GetItemCommand', 'QueryCommand']);
export const writeCommands = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
]);

type Action = {
  Put?: { TableName?: string; Item?: Doc };
  Delete?: { TableName?: string; Key?: Doc };
};

/** The size of the record stored at a key, when known (undefined: not seen). */
export type SizeOf = (tableName: unknown, key: Doc) => number | undefined;

const keyOf = (table: unknown, record: Doc) =>
  JSON.stringify([table, record[ItemKeys.partitionKey], record[ItemKeys.sortKey]]);

/**
 * The size of every record written through one client, so a delete (which returns nothing) can
 * be charged by the documented rule: by the size of the item it removed.
 */
export class StoredSizes {
  private readonly sizes = new Map<string, number>();

  readonly sizeOf: SizeOf = (table, key) => this.sizes.get(keyOf(table, key));

  /** Applies a write that succeeded. */
  apply(command: string, input: Doc): void {
    const actions = actionsOf(command, input);
    for (const { Put, Delete } of actions) {
      if (Put?.Item) this.sizes.set(keyOf(Put.TableName, Put.Item), itemSize(Put.Item));
      if (Delete?.Key) this.sizes.delete(keyOf(Delete.TableName, Delete.Key));
    }
  }
}

type BatchRequest = { PutRequest?: { Item?: Doc }; DeleteRequest?: { Key?: Doc } };

/** A write call as its record-level actions. */
function actionsOf(command: string, input: Doc): Action[] {
  switch (command) {
    case 'TransactWriteItemsCommand':
      return (input.TransactItems ?? []) as Action[];
    case 'PutItemCommand':
      return [{ Put: input as Action['Put'] }];
    case 'DeleteItemCommand':
      return [{ Delete: input as Action['Delete'] }];
    case 'BatchWriteItemCommand':
      return Object.entries((input.RequestItems ?? {}) as Record<string, BatchRequest[]>).flatMap(
        ([TableName, requests]) =>
          requests.map(({ PutRequest, DeleteRequest }) => ({
            ...(PutRequest?.Item ? { Put: { TableName, Item: PutRequest.Item } } : {}),
            ...(DeleteRequest?.Key ? { Delete: { TableName, Key: DeleteRequest.Key } } : {}),
          })),
      );
    default:
      return [];
  }
}

/** A write action's size: DynamoDB charges the larger of the item before and after it. */
function actionBytes({ Put, Delete }: Action, sizeOf: SizeOf): number | undefined {
  if (Put?.Item) return Math.max(itemSize(Put.Item), sizeOf(Put.TableName, Put.Item) ?? 0);
  if (Delete?.Key) return sizeOf(Delete.TableName, Delete.Key);
  return undefined;
}

const unknownSizes: SizeOf = () => undefined;

/**
 * The units DynamoDB's documented rules charge for one call, from the items it read or wrote;
 * undefined when the call does not show them and `sizeOf` does not know them (a delete returns
 * no item).
 */
export function documentedUnits(
  command: string,
  input: Doc,
  output: Doc,
  sizeOf: SizeOf = unknownSizes,
): number | undefined {
  const consistent = input.ConsistentRead === true;
  switch (command) {
    case 'GetItemCommand':
      return readUnits(output.Item ? itemSize(output.Item as Doc) : 0, consistent);
    case 'QueryCommand': {
      const items = (output.Items ?? []) as Doc[];
      return readUnits(
        items.reduce((sum, item) => sum + itemSize(item), 0),
        consistent,
      );
    }
    case 'PutItemCommand':
      return writeUnits(actionBytes({ Put: input as Action['Put'] }, sizeOf) ?? 0);
    case 'UpdateItemCommand':
      // The new image (ReturnValues ALL_NEW); DynamoDB charges the larger of old and new.
      return output.Attributes ? writeUnits(itemSize(output.Attributes as Doc)) : undefined;
    case 'DeleteItemCommand': {
      const bytes = actionBytes({ Delete: input as Action['Delete'] }, sizeOf);
      return bytes === undefined ? undefined : writeUnits(bytes);
    }
    case 'TransactWriteItemsCommand': {
      const sizes = ((input.TransactItems ?? []) as Action[]).map((a) => actionBytes(a, sizeOf));
      return sizes.every((bytes) => bytes !== undefined)
        ? transactWriteUnits(sizes as number[])
        : undefined;
    }
    default:
      return undefined;
  }
}

/** ConsumedCapacity of one response (an object, or a list for transactions). */
export function reportedUnits(consumed: unknown): number | undefined {
  if (consumed === undefined) return undefined;
  const list = (Array.isArray(consumed) ? consumed : [consumed]) as { CapacityUnits?: number }[];
  return list.reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
}

/**
 * The units the estimate prices: DynamoDB's documented rule where the call shows the items it
 * touched (that is what AWS bills), else what DynamoDB Local reported (a delete of a record this
 * client did not write). The cost table prints both, so any disagreement is visible.
 */
export function billableUnits(reported?: number, documented?: number): number {
  return documented ?? reported ?? 0;
}
