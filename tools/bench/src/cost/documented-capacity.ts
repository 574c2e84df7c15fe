import { itemSize, readUnits, transactWriteUnits, writeUnits } from './capacity-units';

type Doc = Record<string, unknown>;

export const readCommands = new Set(['GetItemCommand', 'QueryCommand']);
export const writeCommands = new Set([
  'PutItemCommand',
  'UpdateItemCommand',
  'DeleteItemCommand',
  'TransactWriteItemsCommand',
]);

/**
 * The units DynamoDB's documented rules charge for one call, from the items it read or wrote;
 * undefined when the call does not show them (a delete returns no item).
 */
export function documentedUnits(command: string, input: Doc, output: Doc): number | undefined {
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
      return writeUnits(itemSize(input.Item as Doc));
    case 'UpdateItemCommand':
      // The new image (ReturnValues ALL_NEW); DynamoDB charges the larger of old and new.
      return output.Attributes ? writeUnits(itemSize(output.Attributes as Doc)) : undefined;
    case 'TransactWriteItemsCommand': {
      const puts = ((input.TransactItems ?? []) as { Put?: { Item?: Doc } }[]).map(
        (t) => t.Put?.Item,
      );
      return puts.every((item) => item !== undefined)
        ? transactWriteUnits(puts.map((item) => itemSize(item as Doc)))
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
 * touched (that is what AWS bills), else what DynamoDB Local reported (a delete returns no
 * item). The cost table prints both, so any disagreement is visible.
 */
export function billableUnits(reported?: number, documented?: number): number {
  return documented ?? reported ?? 0;
}
