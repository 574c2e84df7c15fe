import { ItemSchema, ProblemTypes } from '@items-api/contract';
import { startTestApi, type TestApi } from './test-api';

describe('items CRUD through the local server on DynamoDB Local', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.stop());

  it('creates, reads, replaces, lists and deletes an item', async () => {
    const created = await t.request('/items', {
      method: 'POST',
      json: { name: 'Boots', description: 'Size 43', tags: ['outdoor'] },
    });
    expect(created.status).toBe(201);
    const item = ItemSchema.parse(created.json);
    expect(item).toMatchObject({
      name: 'Boots',
      description: 'Size 43',
      tags: ['outdoor'],
      version: 1,
    });
    expect(created.headers.get('location')).toBe(`/items/${item.id}`);
    expect(created.headers.get('etag')).toBe('"1"');

    const read = await t.request(`/items/${item.id}`);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(item);

    const replaced = await t.request(`/items/${item.id}`, {
      method: 'PUT',
      json: { name: 'Boots', tags: [] },
      headers: { 'if-match': read.headers.get('etag')! },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ version: 2, tags: [], createdAt: item.createdAt });
    expect(replaced.json).not.toHaveProperty('description');
    expect(replaced.headers.get('etag')).toBe('"2"');

    const list = await t.request('/items');
    expect(list.json.items.map((i: { id: string }) => i.id)).toContain(item.id);

    expect(
      (await t.request(`/items/${item.id}`, { method: 'DELETE', headers: { 'if-match': '"2"' } }))
        .status,
    ).toBe(204);
    const gone = await t.request(`/items/${item.id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toBe('application/problem+json');
    expect(gone.json.type).toBe(ProblemTypes.notFound.type);
  });

  it('answers 304 to If-None-Match with the current ETag and 200 after a change', async () => {
    const { json: item } = await t.request('/items', { method: 'POST', json: { name: 'Cached' } });
    const notModified = await t.request(`/items/${item.id}`, {
      headers: { 'if-none-match': '"1"' },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    await t.request(`/items/${item.id}`, {
      method: 'PUT',
      json: { name: 'Changed' },
      headers: { 'if-match': '"1"' },
    });
    expect(
      (await t.request(`/items/${item.id}`, { headers: { 'if-none-match': '"1"' } })).status,
    ).toBe(200);
  });

  it('returns 428 for PUT without If-Match and 412 for a stale one, changing nothing', async () => {
    const { json: item } = await t.request('/items', { method: 'POST', json: { name: 'Locked' } });
    expect(
      (await t.request(`/items/${item.id}`, { method: 'PUT', json: { name: 'X' } })).status,
    ).toBe(428);
    expect(
      (
        await t.request(`/items/${item.id}`, {
          method: 'PUT',
          json: { name: 'X' },
          headers: { 'if-match': '"9"' },
        })
      ).status,
    ).toBe(412);
    expect(
      (await t.request(`/items/${item.id}`, { method: 'DELETE', headers: { 'if-match': '"9"' } }))
        .status,
    ).toBe(412);
    expect((await t.request(`/items/${item.id}`)).json).toEqual(item);
  });

  it('accepts If-Match: * for any existing version', async () => {
    const { json: item } = await t.request('/items', { method: 'POST', json: { name: 'Any' } });
    const res = await t.request(`/items/${item.id}`, {
      method: 'PUT',
      json: { name: 'Y' },
      headers: { 'if-match': '*' },
    });
    expect(res.status).toBe(200);
  });

  it('answers 404 problem for PUT and DELETE of a missing item', async () => {
    const missing = '01JD8X3ZK5N2M4Q7R9T1V3W5Y7';
    expect(
      (
        await t.request(`/items/${missing}`, {
          method: 'PUT',
          json: { name: 'X' },
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(404);
    expect((await t.request(`/items/${missing}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('answers 405 with Allow for a known path and an unrouted method', async () => {
    const res = await t.request('/items', { method: 'PATCH', json: { name: 'x' } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, POST');
  });
});
