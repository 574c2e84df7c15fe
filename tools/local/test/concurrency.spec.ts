import { startTestApi, type TestApi } from './test-api';

describe('optimistic locking and idempotency under concurrency', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.stop());

  it('lets exactly one of 20 concurrent PUTs with the same If-Match win', async () => {
    const { json: item } = await t.request('/items', {
      method: 'POST',
      json: { name: 'contended' },
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request(`/items/${item.id}`, {
          method: 'PUT',
          json: { name: `writer ${i}` },
          headers: { 'if-match': '"1"' },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const winner = results.find((r) => r.status === 200)!.json;
    expect((await t.request(`/items/${item.id}`)).json).toEqual(winner);
  });

  it('replays the first response for the same key and body', async () => {
    const headers = { 'idempotency-key': 'create-boots-1' };
    const first = await t.request('/items', { method: 'POST', json: { name: 'Boots' }, headers });
    const again = await t.request('/items', { method: 'POST', json: { name: 'Boots' }, headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
  });

  it('answers 422 for the same key with another body, writing nothing', async () => {
    const headers = { 'idempotency-key': 'create-boots-2' };
    await t.request('/items', { method: 'POST', json: { name: 'Boots' }, headers });
    const before = (await t.request('/items?limit=100')).json.items.length;
    const other = await t.request('/items', { method: 'POST', json: { name: 'Sandals' }, headers });
    expect(other.status).toBe(422);
    expect((await t.request('/items?limit=100')).json.items.length).toBe(before);
  });

  it('creates one item for 10 concurrent POSTs with one key (the rest replay it or say 409)', async () => {
    const headers = { 'idempotency-key': 'burst-key' };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request('/items', { method: 'POST', json: { name: 'Once' }, headers }),
      ),
    );
    for (const r of results) expect([201, 409]).toContain(r.status);
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.json.id));
    expect(ids.size).toBe(1);
    const named = (await t.request('/items?limit=100')).json.items.filter(
      (i: { name: string }) => i.name === 'Once',
    );
    expect(named).toHaveLength(1);
  });
});
