import { startTestApi, type TestApi } from './test-api';

describe('owner scoping', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.stop());

  it("keeps alice's item invisible and untouchable to bob (404, never 403)", async () => {
    const { json: item } = await t.request('/items', { method: 'POST', json: { name: 'private' } });
    const asBob = { as: 'bob' as const };
    expect((await t.request(`/items/${item.id}`, asBob)).status).toBe(404);
    expect(
      (
        await t.request(`/items/${item.id}`, {
          ...asBob,
          method: 'PUT',
          json: { name: 'mine now' },
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(404);
    expect((await t.request(`/items/${item.id}`, { ...asBob, method: 'DELETE' })).status).toBe(404);
    expect((await t.request('/items', asBob)).json.items).toEqual([]);
    expect((await t.request(`/items/${item.id}`)).json).toEqual(item);
  });

  it('scopes idempotency keys per owner', async () => {
    const headers = { 'idempotency-key': 'shared-key-1' };
    const a = await t.request('/items', { method: 'POST', json: { name: 'a' }, headers });
    const b = await t.request('/items', {
      method: 'POST',
      json: { name: 'b' },
      headers,
      as: 'bob',
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.id).not.toBe(b.json.id);
  });
});
