import { formatETag, ProblemTypes } from '@items-api/contract';
import { itemRoutes } from '../src/fuzz/contract-routes';
import { createPartitionReader, type PartitionReader } from '../src/harness/partition';
import {
  startRobustApi,
  unthrottledTemplate,
  type ApiResponse,
  type RobustApi,
} from '../src/harness/robust-api';

// Every contract route that names one item, with each conditional header it may carry.
const idRoutes = itemRoutes.filter((route) => route.path.includes('{id}'));
const conditions: Record<string, Record<string, string>[]> = {
  GET: [{}, { 'if-none-match': '*' }, { 'if-none-match': formatETag(1) }],
  PUT: [{ 'if-match': '*' }, { 'if-match': formatETag(1) }, { 'if-match': formatETag(7) }],
  DELETE: [{}, { 'if-match': '*' }, { 'if-match': formatETag(1) }, { 'if-match': formatETag(7) }],
};
const NEVER_CREATED = '01JD8X3ZK5N2M4Q7R9T1V3W5Y7';

/** What a caller can observe of a response, minus the path it echoes. */
const observable = (res: ApiResponse) => ({
  status: res.status,
  contentType: res.headers.get('content-type'),
  etag: res.headers.get('etag'),
  body: res.json ? { ...res.json, instance: undefined } : res.text,
});

describe('broken object-level authorization (owner B on owner A’s items)', () => {
  let t: RobustApi;
  let partitions: PartitionReader;
  let aliceItem: { id: string };

  beforeAll(async () => {
    t = await startRobustApi({ template: unthrottledTemplate() });
    partitions = createPartitionReader(t.api.dynamodbEndpoint, t.api.tableName);
    aliceItem = (await t.send('/items', { method: 'POST', json: { name: 'alice only' } })).json;
    for (let i = 0; i < 3; i += 1) {
      await t.send('/items', { method: 'POST', as: 'bob', json: { name: `bob ${i}` } });
    }
  }, 180_000);

  afterAll(async () => {
    partitions?.close();
    await t?.stop();
  });

  const cases = idRoutes.flatMap((route) =>
    (conditions[route.method] ?? [{}]).map(
      (headers) => [route.operationId, headers, route] as const,
    ),
  );

  it.each(cases)(
    '%s with %j answers bob exactly as for a missing item',
    async (_name, headers, route) => {
      const attempt = (id: string) =>
        t.send(route.path.replace('{id}', id), {
          method: route.method,
          as: 'bob',
          headers,
          ...(route.method === 'PUT' ? { json: { name: 'taken over' } } : {}),
        });
      const onAlices = await attempt(aliceItem.id);
      expect(onAlices.status).toBe(404);
      expect(onAlices.json.type).toBe(ProblemTypes.notFound.type);
      expect(observable(onAlices)).toEqual(observable(await attempt(NEVER_CREATED)));
    },
  );

  it("never lists alice's items to bob on any page", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const query = new URLSearchParams({ limit: '1', ...(cursor ? { cursor } : {}) });
      const res = await t.send(`/items?${query}`, { as: 'bob' });
      expect(res.status).toBe(200);
      seen.push(...res.json.items.map((item: { id: string }) => item.id));
      cursor = res.json.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(3);
    expect(seen).not.toContain(aliceItem.id);
  });

  it("never replays alice's item to bob for her Idempotency-Key and body", async () => {
    const headers = { 'idempotency-key': 'alice-create-42' };
    const body = { name: 'same body' };
    const alices = await t.send('/items', { method: 'POST', json: body, headers });
    const bobs = await t.send('/items', { method: 'POST', as: 'bob', json: body, headers });
    expect([alices.status, bobs.status]).toEqual([201, 201]);
    expect(bobs.json.id).not.toBe(alices.json.id);
    expect((await t.send(`/items/${bobs.json.id}`)).status).toBe(404);
  });

  it('keeps owners apart whose subs differ only by case or prefix', async () => {
    const subs = ['carol', 'Carol', 'caro', 'carol#ITEM', 'OWNER#carol'];
    for (const sub of subs) {
      await t.send('/items', { method: 'POST', as: sub, json: { name: `of [${sub}]` } });
    }
    for (const sub of subs) {
      const names = (await t.send('/items', { as: sub })).json.items.map(
        (i: { name: string }) => i.name,
      );
      expect(names).toEqual([`of [${sub}]`]);
    }
  });

  it('refuses a sub with white space (401 invalid_token), stricter than OpenID Connect Core §2 asks', async () => {
    const res = await t.send('/items', { as: 'carol ' });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  });

  it("leaves alice's item and partition untouched by everything bob tried", async () => {
    const items = await partitions.items('alice');
    expect(items.find((item) => item['id'] === aliceItem.id)).toMatchObject({
      name: 'alice only',
      version: 1,
    });
    expect((await t.send(`/items/${aliceItem.id}`)).json).toEqual(aliceItem);
  });
});
