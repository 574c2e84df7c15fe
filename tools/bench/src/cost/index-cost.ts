import type { ItemsHandler } from '@items-api/api';
import { formatETag, Headers, ItemLimits, itemsContract, type Item } from '@items-api/contract';
import { createRouteEvent, type TestEvent } from '@items-api/test-events';
import { formatNumber } from '../report/format';
import { renderTable } from '../report/render-table';
import { benchContext } from '../support/api-event';
import type { CapacityRecord } from './capacity-recorder';

/** Tag counts compared: none, one, two and the most an item may carry. */
const TAG_COUNTS = [0, 1, 2, ItemLimits.tagsMax] as const;
const PAGE = 25;

type Units = { readonly reported?: number; readonly documented?: number };

export type IndexCostRow = {
  readonly op: string;
  readonly tags: number;
  readonly read: Units;
  readonly write: Units;
};

type Call = { status: number; body: unknown };

/** A call's units of one kind: undefined when any of its DynamoDB calls lacks the figure. */
function unitsOf(records: readonly CapacityRecord[], kind: CapacityRecord['kind']): Units {
  const mine = records.filter((r) => r.kind === kind);
  const sum = (pick: (r: CapacityRecord) => number | undefined) =>
    mine.every((r) => pick(r) !== undefined)
      ? mine.reduce((total, r) => total + (pick(r) ?? 0), 0)
      : undefined;
  return { reported: sum((r) => r.reported), documented: sum((r) => r.documented) };
}

/**
 * Read and write units per call of each operation, for items carrying 0, 1, 2 and 20 tags (the
 * most):
 * the real handler on DynamoDB Local through the recording client, one owner of its own.
 */
export async function measureIndexCost({
  handler,
  owner,
  capacity,
}: {
  handler: ItemsHandler;
  owner: string;
  capacity: CapacityRecord[];
}): Promise<IndexCostRow[]> {
  const rows: IndexCostRow[] = [];
  const call = async (op: string, tags: number, event: TestEvent, ok: number) => {
    capacity.length = 0;
    const result = await handler(event, benchContext);
    if (result.statusCode !== ok) {
      throw new Error(`index cost: ${op} answered ${result.statusCode} ${result.body ?? ''}`);
    }
    rows.push({ op, tags, read: unitsOf(capacity, 'read'), write: unitsOf(capacity, 'write') });
    return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
  };
  const body = (name: string, tags: string[]) => ({
    name,
    description: 'Waterproof leather, size 44, resoled once',
    tags,
  });
  const post = (tags: string[], key?: string) =>
    createRouteEvent(
      itemsContract.createItem,
      {},
      {
        headers: key ? { [Headers.idempotencyKey]: key } : {},
        body: body('Trail boots', tags),
        sub: owner,
      },
    );
  const ifMatch = (item: Item) => ({ [Headers.ifMatch]: formatETag(item.version) });
  const put = (item: Item, tags: string[]) =>
    createRouteEvent(
      itemsContract.replaceItem,
      { id: item.id },
      { headers: ifMatch(item), body: body('Renamed', tags), sub: owner },
    );
  const del = (item: Item) =>
    createRouteEvent(
      itemsContract.deleteItem,
      { id: item.id },
      { headers: ifMatch(item), sub: owner },
    );

  for (const k of TAG_COUNTS) {
    const tags = Array.from({ length: k }, (_, i) => `tag-${i}`);
    const swapped = tags.map((tag) => `${tag}-new`);
    const keyed: Call = await call('create (Idempotency-Key)', k, post(tags, `index-${k}`), 201);
    const plain: Call = await call('create (no key)', k, post(tags), 201);
    const kept: Call = await call('replace, same tags', k, put(keyed.body as Item, tags), 200);
    const moved: Call = await call(
      'replace, every tag new',
      k,
      put(kept.body as Item, swapped),
      200,
    );
    await call('delete', k, del(moved.body as Item), 204);
    capacity.length = 0;
    await handler(del(plain.body as Item), benchContext);
  }
  for (let i = 0; i < PAGE; i++) await handler(post(['page']), benchContext);
  const list = (query: Record<string, string>) =>
    createRouteEvent(itemsContract.listItems, {}, { query, sub: owner });
  await call(`list, ${PAGE} items`, 1, list({ limit: String(PAGE) }), 200);
  await call(`list by tag, ${PAGE} items`, 1, list({ limit: String(PAGE), tag: 'page' }), 200);
  return rows;
}

const show = (value?: number) => (value === undefined ? 'n/a' : formatNumber(value));

/** Documented units where known, else reported: what the cost model prices. */
const priced = (units: Units) => units.documented ?? units.reported ?? Number.NaN;

/** What the first and each further tag add to an operation's write units (0, 1 and most tags). */
export function writeUnitsPerTag(rows: readonly IndexCostRow[], op: string) {
  const at = (tags: number) => rows.find((r) => r.op === op && r.tags === tags);
  const [none, first, most] = [at(0), at(1), at(ItemLimits.tagsMax)];
  if (!none || !first || !most) return undefined;
  const [w0, w1, wMost] = [priced(none.write), priced(first.write), priced(most.write)];
  return { firstTag: w1 - w0, eachFurther: (wMost - w1) / (most.tags - 1) };
}

export function indexCostTable(rows: readonly IndexCostRow[]): string {
  const table = renderTable(
    ['operation', 'tags', 'RRU reported', 'RRU documented', 'WRU reported', 'WRU documented'],
    rows.map((r) => [
      r.op,
      String(r.tags),
      show(r.read.reported),
      show(r.read.documented),
      show(r.write.reported),
      show(r.write.documented),
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right'],
  );
  const ops = [...new Set(rows.map((r) => r.op))].filter((op) => !op.startsWith('list'));
  const perTag = ops.flatMap((op) => {
    const added = writeUnitsPerTag(rows, op);
    return added
      ? [
          `${op}: first tag +${formatNumber(added.firstTag)} WRU, each further tag +${formatNumber(added.eachFurther)} WRU`,
        ]
      : [];
  });
  return [
    `Tag index — read and write units per call (the item above: name, description, its tags; every record under 1 KB). Measured with ReturnConsumedCapacity on DynamoDB Local ("reported") and computed from DynamoDB's documented rules ("documented": 1 WRU per KB written, transactional writes 2×, a delete charged by the item it removes; a replace first reads the item, 1 RRU consistent).`,
    table,
    `Write units the index adds per tag (documented rule): ${perTag.join('; ')}. An item's first tag also turns its write into a transaction (2× the item's own units). Reads are unchanged: a list by tag reads the tag's copies, the same bytes as the items themselves.`,
  ].join('\n\n');
}
