import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { backfillTagIndex, ItemKeys } from '@items-api/api';
import type { Item } from '@items-api/contract';
import { startTestApi, type Caller, type TestApi } from './test-api';

type Init = Parameters<TestApi['request']>[1];

/** One request, waiting out the gateway's throttling (the stage's burst) so races are not cut short. */
async function send(t: TestApi, path: string, init: Init = {}) {
  for (;;) {
    const res = await t.request(path, init);
    if (res.status !== 429) return res;
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 50));
  }
}

async function create(t: TestApi, name: string, tags: string[], as: Caller = 'alice') {
  const res = await send(t, '/items', { method: 'POST', json: { name, tags }, as });
  expect(res.status).toBe(201);
  return res.json as Item;
}

/** Every page of a list, following nextCursor. */
async function listAll(
  t: TestApi,
  { tag, limit = 100, as = 'alice' }: { tag?: string; limit?: number; as?: Caller } = {},
) {
  const items: Item[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({
      limit: String(limit),
      ...(tag !== undefined ? { tag } : {}),
      ...(cursor ? { cursor } : {}),
    });
    const page = await send(t, `/items?${query}`, { as });
    expect(page.status).toBe(200);
    items.push(...page.json.items);
    cursor = page.json.nextCursor;
  } while (cursor);
  return items;
}

const ids = (items: Item[]) => items.map((item) => item.id);

describe('GET /items?tag=: the caller’s items carrying a tag, from the tag index', () => {
  let t: TestApi;
  let dynamo: DynamoDBDocumentClient;
  beforeAll(async () => {
    t = await startTestApi();
    dynamo = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: t.api.dynamodbEndpoint,
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
  });
  afterAll(async () => {
    dynamo.destroy();
    await t.stop();
  });

  /** The owner's whole partition, read straight from the table. */
  async function partition(owner: string) {
    const records: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: t.api.tableName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': ItemKeys.partitionKey },
          ExpressionAttributeValues: { ':pk': ItemKeys.owner(owner) },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      records.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return records;
  }

  /**
   * The index is exact: for every tag, the list by tag is the unfiltered list filtered by it
   * (same items, same versions, same order), and the table holds no other tag record.
   */
  async function expectExactIndex(owner: 'alice' | 'bob', tags: string[]) {
    const all = await listAll(t, { as: owner });
    for (const tag of tags) {
      expect(await listAll(t, { tag, limit: 7, as: owner })).toEqual(
        all.filter((item) => item.tags.includes(tag)),
      );
    }
    const tagRecords = (await partition(owner)).filter((r) =>
      String(r[ItemKeys.sortKey]).startsWith('TAG#'),
    );
    expect(tagRecords).toHaveLength(all.reduce((sum, item) => sum + item.tags.length, 0));
  }

  it('answers newest first, in pages of `limit` linked by nextCursor, only with the tag', async () => {
    const made: Item[] = [];
    for (let i = 0; i < 9; i++) {
      made.push(await create(t, `paged ${i}`, i % 3 === 0 ? ['paged', 'other'] : ['paged']));
    }
    await create(t, 'untagged', []);
    const first = await send(t, '/items?tag=paged&limit=4');
    expect(first.status).toBe(200);
    expect(ids(first.json.items)).toEqual(ids(made).reverse().slice(0, 4));
    expect(first.json.nextCursor).toEqual(expect.any(String));
    expect(ids(await listAll(t, { tag: 'paged', limit: 4 }))).toEqual(ids(made).reverse());
    expect(ids(await listAll(t, { tag: 'other' }))).toEqual(
      ids(made.filter((_, i) => i % 3 === 0)).reverse(),
    );
  });

  it('finds nothing for a tag no item carries (200, empty page, no cursor)', async () => {
    const res = await send(t, '/items?tag=nobody-uses-this');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ items: [] });
  });

  it('keeps tags apart that share a prefix or contain the key separator', async () => {
    const plain = await create(t, 'plain', ['sep']);
    const hash = await create(t, 'hash', ['sep#x']);
    const percent = await create(t, 'percent', ['sep%23x']);
    expect(ids(await listAll(t, { tag: 'sep' }))).toEqual([plain.id]);
    expect(ids(await listAll(t, { tag: 'sep#x' }))).toEqual([hash.id]);
    expect(ids(await listAll(t, { tag: 'sep%23x' }))).toEqual([percent.id]);
  });

  it('matches the tag exactly as stored: case-sensitive, and padded tags refused as item tags are', async () => {
    const item = await create(t, 'cased', ['Case']);
    expect(ids(await listAll(t, { tag: 'Case' }))).toEqual([item.id]);
    expect(await listAll(t, { tag: 'case' })).toEqual([]);
    const padded = await send(t, `/items?tag=${encodeURIComponent(' Case ')}`);
    expect([padded.status, padded.json.errors?.[0]?.path]).toEqual([400, 'query.tag']);
  });

  it('shows only the caller’s items: another owner’s items with the tag stay invisible', async () => {
    const mine = await create(t, 'mine', ['shared']);
    await create(t, 'theirs', ['shared'], 'bob');
    expect(ids(await listAll(t, { tag: 'shared' }))).toEqual([mine.id]);
  });

  it('follows replaces (tags added, kept, removed) and deletes', async () => {
    const item = await create(t, 'moving', ['keep', 'drop']);
    const put = await send(t, `/items/${item.id}`, {
      method: 'PUT',
      json: { name: 'moved', tags: ['keep', 'add'] },
      headers: { 'if-match': '"1"' },
    });
    expect(put.status).toBe(200);
    expect(await listAll(t, { tag: 'drop' })).toEqual([]);
    expect(await listAll(t, { tag: 'add' })).toEqual([put.json]);
    expect(await listAll(t, { tag: 'keep' })).toEqual([put.json]); // the copy is the new version
    const del = await send(t, `/items/${item.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    for (const tag of ['keep', 'add', 'drop']) expect(await listAll(t, { tag })).toEqual([]);
  });

  it('writes nothing to the index when a replace is refused (stale If-Match → 412)', async () => {
    const item = await create(t, 'guarded', ['guard']);
    const stale = await send(t, `/items/${item.id}`, {
      method: 'PUT',
      json: { name: 'late', tags: ['intruder'] },
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
    expect(await listAll(t, { tag: 'intruder' })).toEqual([]);
    expect(await listAll(t, { tag: 'guard' })).toEqual([item]);
  });

  it('indexes an idempotent create once, however often it is replayed', async () => {
    const headers = { 'idempotency-key': 'tagged-create-1' };
    const init = { method: 'POST', json: { name: 'once', tags: ['replayed'] }, headers };
    const results = await Promise.all([1, 2, 3].map(() => send(t, '/items', init)));
    const created = results.filter((r) => r.status === 201).map((r) => r.json.id);
    expect(new Set(created).size).toBe(1);
    expect(ids(await listAll(t, { tag: 'replayed' }))).toEqual([created[0]]);
  });

  it('indexes the most tags an item may have (20) in the item’s transaction', async () => {
    const tags = Array.from({ length: 20 }, (_, i) => `many-${i}`);
    const res = await send(t, '/items', {
      method: 'POST',
      json: { name: 'many', description: 'd'.repeat(2000), tags },
      headers: { 'idempotency-key': 'many-tags' },
    });
    expect(res.status).toBe(201);
    for (const tag of [tags[0]!, tags[19]!])
      expect(ids(await listAll(t, { tag }))).toEqual([res.json.id]);
    const put = await send(t, `/items/${res.json.id}`, {
      method: 'PUT',
      json: { name: 'many', tags: tags.map((tag) => `${tag}-new`) }, // 20 deletes + 21 puts
      headers: { 'if-match': '"1"' },
    });
    expect(put.status).toBe(200);
    expect(await listAll(t, { tag: tags[0]! })).toEqual([]);
    expect(await listAll(t, { tag: `${tags[19]}-new` })).toEqual([put.json]);
  });

  describe('a cursor is valid only for the query that made it', () => {
    let redCursor: string;
    let plainCursor: string;
    beforeAll(async () => {
      for (let i = 0; i < 3; i++) await create(t, `red ${i}`, ['red', 'blue']);
      redCursor = (await send(t, '/items?tag=red&limit=1')).json.nextCursor;
      plainCursor = (await send(t, '/items?limit=1')).json.nextCursor;
      expect(redCursor).toEqual(expect.any(String));
      expect(plainCursor).toEqual(expect.any(String));
    });

    it.each([
      [
        '?tag=red’s cursor with ?tag=blue',
        () => `tag=blue&cursor=${encodeURIComponent(redCursor)}`,
      ],
      ['?tag=red’s cursor without a tag', () => `cursor=${encodeURIComponent(redCursor)}`],
      [
        'the unfiltered cursor with ?tag=red',
        () => `tag=red&cursor=${encodeURIComponent(plainCursor)}`,
      ],
    ])('refuses %s as a tampered cursor (400 naming query.cursor)', async (_, query) => {
      const res = await send(t, `/items?${query()}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json.type).toBe('urn:items-api:problem:invalid-cursor');
      expect(res.json.errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
    });

    it('refuses another owner’s cursor for the same tag', async () => {
      const res = await send(t, `/items?tag=red&cursor=${encodeURIComponent(redCursor)}`, {
        as: 'bob',
      });
      expect(res.status).toBe(400);
      expect(res.json.type).toBe('urn:items-api:problem:invalid-cursor');
    });

    it('accepts it for the same tag', async () => {
      const res = await send(t, `/items?tag=red&limit=1&cursor=${encodeURIComponent(redCursor)}`);
      expect(res.status).toBe(200);
      expect(res.json.items[0].tags).toContain('red');
    });
  });

  it.each([
    ['an empty tag', 'tag='],
    ['a blank tag', 'tag=%20%20'],
    ['a tag over 40 characters', `tag=${'t'.repeat(41)}`],
    ['a repeated tag', 'tag=a&tag=b'],
    ['a tag that is not UTF-8', 'tag=%FF'],
    ['a tag encoding a lone surrogate', 'tag=%ED%A0%80'],
  ])('answers %s with a 400 problem naming query.tag', async (_, query) => {
    const res = await send(t, `/items?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.type).toBe('urn:items-api:problem:validation');
    expect(res.json.errors).toEqual([expect.objectContaining({ path: 'query.tag' })]);
  });

  it('stays exact after racing replaces (If-Match) and deletes', async () => {
    const tags = ['t', 'u', 'v'];
    const pick = (i: number) => tags.filter((_, k) => ((i >> k) & 1) === 1);
    const racers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => create(t, `race ${i}`, pick(i % 8))),
    );
    // Each item: four replaces with the same If-Match (one may win), one `If-Match: *`, and on
    // every third item a delete racing them. All at once.
    const results = await Promise.all(
      racers.flatMap((item, i) => [
        ...[1, 2, 3, 4].map((n) =>
          send(t, `/items/${item.id}`, {
            method: 'PUT',
            json: { name: `race ${i}.${n}`, tags: pick((i + n) % 8) },
            headers: { 'if-match': '"1"' },
          }),
        ),
        send(t, `/items/${item.id}`, {
          method: 'PUT',
          json: { name: `race ${i}.*`, tags: pick((i + 5) % 8) },
          headers: { 'if-match': '*' },
        }),
        ...(i % 3 === 0
          ? [send(t, `/items/${item.id}`, { method: 'DELETE', headers: { 'if-match': '*' } })]
          : []),
      ]),
    );
    for (const res of results) expect([200, 204, 404, 412]).toContain(res.status);
    expect(results.some((r) => r.status === 412)).toBe(true);
    await expectExactIndex('alice', [...tags, 'paged', 'other', 'keep', 'add', 'red', 'blue']);
    // Each survivor's stored tags are those of the last write that won, and it is listed under them.
    for (const item of racers) {
      const stored = await send(t, `/items/${item.id}`);
      if (stored.status === 404) continue;
      for (const tag of tags) {
        const listed = ids(await listAll(t, { tag })).includes(item.id);
        expect(listed).toBe(stored.json.tags.includes(tag));
      }
    }
  });

  it('backfills the copies of items stored before the index, once however often it runs', async () => {
    const legacy = (n: number, tags: string[]): Item => ({
      id: `01JD8X3ZK5N2M4Q7R9T1V3W5Y${n}`,
      name: `legacy ${n}`,
      tags,
      createdAt: '2026-11-25T09:30:00.000Z',
      updatedAt: '2026-11-25T09:30:00.000Z',
      version: 3,
    });
    const old = [legacy(1, ['legacy', 'old']), legacy(2, []), legacy(3, ['legacy'])];
    for (const item of old) {
      await dynamo.send(
        new PutCommand({
          TableName: t.api.tableName,
          Item: {
            [ItemKeys.partitionKey]: ItemKeys.owner('bob'),
            [ItemKeys.sortKey]: ItemKeys.item(item.id),
            ...item,
          },
        }),
      );
    }
    expect(await listAll(t, { tag: 'legacy', as: 'bob' })).toEqual([]);
    const first = await backfillTagIndex(dynamo, t.api.tableName);
    expect(first.indexed).toBeGreaterThanOrEqual(2);
    expect(first.changed).toBe(0);
    await backfillTagIndex(dynamo, t.api.tableName);
    expect(await listAll(t, { tag: 'legacy', as: 'bob' })).toEqual([old[2], old[0]]);
    await expectExactIndex('bob', ['legacy', 'old', 'shared']);
    await expectExactIndex('alice', ['t', 'u', 'v', 'paged', 'red']);
  });
});
