import { startTestApi, type TestApi } from './test-api';

async function listAll(t: TestApi, limit: number, as: 'alice' | 'bob' = 'alice') {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    const page = await t.request(`/items?${query}`, { as });
    expect(page.status).toBe(200);
    ids.push(...page.json.items.map((item: { id: string }) => item.id));
    cursor = page.json.nextCursor;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

/** Creates one item, waiting out the gateway's throttling (250 quick creates exceed the stage's burst). */
async function createThrottled(t: TestApi, name: string): Promise<string> {
  for (;;) {
    const res = await t.request('/items', { method: 'POST', json: { name } });
    if (res.status !== 429) {
      expect(res.status).toBe(201);
      return res.json.id;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('cursor pagination', () => {
  let t: TestApi;
  const created: string[] = [];

  beforeAll(async () => {
    t = await startTestApi();
    for (let batch = 0; batch < 25; batch += 1) {
      const ids = await Promise.all(
        Array.from({ length: 10 }, (_, i) => createThrottled(t, `item ${batch * 10 + i}`)),
      );
      created.push(...ids);
    }
    await t.request('/items', { method: 'POST', json: { name: "bob's" }, as: 'bob' });
  });
  afterAll(() => t.stop());

  it('covers 250 items exactly once, newest first', async () => {
    const { ids, pages } = await listAll(t, 100);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect([...ids].sort()).toEqual([...created].sort());
    expect(ids).toEqual([...ids].sort().reverse());
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('defaults to 25 per page', async () => {
    const page = await t.request('/items');
    expect(page.json.items).toHaveLength(25);
    expect(page.json.nextCursor).toEqual(expect.any(String));
  });

  it('rejects a tampered cursor with 400 invalid-cursor', async () => {
    const { json } = await t.request('/items?limit=5');
    const [payload, signature] = (json.nextCursor as string).split('.');
    const tampered = `${payload}.${signature!.slice(0, -2)}AA`;
    const res = await t.request(`/items?cursor=${encodeURIComponent(tampered)}`);
    expect(res.status).toBe(400);
    expect(res.json.type).toBe('urn:items-api:problem:invalid-cursor');
  });

  it("rejects another owner's cursor", async () => {
    const { json } = await t.request('/items?limit=5');
    const res = await t.request(`/items?cursor=${encodeURIComponent(json.nextCursor)}`, {
      as: 'bob',
    });
    expect(res.status).toBe(400);
  });

  it('rejects garbage cursors and bad limits with 400, never 500', async () => {
    for (const query of [
      'cursor=%25%25%25',
      'cursor=a.b',
      'limit=0',
      'limit=abc',
      'limit=1&limit=2',
    ]) {
      expect((await t.request(`/items?${query}`)).status).toBe(400);
    }
  });

  it('ignores query parameters the operation does not list (a cache buster)', async () => {
    expect((await t.request('/items?offset=3&_=123')).status).toBe(200);
  });
});
