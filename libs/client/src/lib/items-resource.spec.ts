import {
  anItem,
  baseUrl,
  empty,
  fakeFetch,
  json,
  problem,
  type Reply,
} from '../../test/fake-fetch';
import { createItemsClient } from './items-client';

const item = anItem({ version: 3 });

function clientWith(...replies: Reply[]) {
  const fetch = fakeFetch(...replies);
  return { client: createItemsClient({ baseUrl, fetch, retry: { baseDelayMs: 0 } }), fetch };
}

describe('create', () => {
  it('posts the input as JSON with a generated Idempotency-Key', async () => {
    const { client, fetch } = clientWith(json(201, item));

    await expect(client.items.create({ name: 'Milk' })).resolves.toEqual(item);

    const [request] = fetch.requests;
    expect(request).toMatchObject({
      method: 'POST',
      url: `${baseUrl}/items`,
      body: { name: 'Milk' },
    });
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reuses its Idempotency-Key on every retry and makes a new one per call', async () => {
    const { client, fetch } = clientWith(
      problem('unavailable'),
      new TypeError('fetch failed'),
      json(201, item),
    );

    await client.items.create({ name: 'Milk' });
    await client.items.create({ name: 'Milk' });

    const keys = fetch.requests.map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(4);
    expect(new Set(keys.slice(0, 3)).size).toBe(1);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it("sends the caller's Idempotency-Key when given", async () => {
    const { client, fetch } = clientWith(json(201, item));

    await client.items.create({ name: 'Milk' }, { idempotencyKey: 'order-42' });

    expect(fetch.requests[0].headers['idempotency-key']).toBe('order-42');
  });
});

describe('list and get', () => {
  it('puts limit and cursor in the query string', async () => {
    const { client, fetch } = clientWith(json(200, { items: [item], nextCursor: 'c2' }));

    await expect(client.items.list({ limit: 2, cursor: 'c1' })).resolves.toEqual({
      items: [item],
      nextCursor: 'c2',
    });
    expect(fetch.requests[0].url).toBe(`${baseUrl}/items?limit=2&cursor=c1`);
  });

  it('joins a base URL with a trailing slash without doubling it', async () => {
    const fetch = fakeFetch(json(200, item));
    const client = createItemsClient({ baseUrl: `${baseUrl}/dev/`, fetch });

    await client.items.get(item.id);

    expect(fetch.requests[0].url).toBe(`${baseUrl}/dev/items/${item.id}`);
  });

  it('encodes the id into the path', async () => {
    const { client, fetch } = clientWith(problem('validation'));

    await expect(client.items.get('../x?y')).rejects.toMatchObject({ status: 400 });
    expect(fetch.requests[0].url).toBe(`${baseUrl}/items/..%2Fx%3Fy`);
  });

  it('refuses an empty id instead of calling the list route', async () => {
    const { client, fetch } = clientWith(json(200, item));

    await expect(client.items.get('')).rejects.toThrow(TypeError);
    expect(fetch.requests).toHaveLength(0);
  });

  it('revalidates a held item with If-None-Match and returns it when unchanged', async () => {
    const { client, fetch } = clientWith(empty(304));

    await expect(client.items.get(item)).resolves.toBe(item);
    expect(fetch.requests[0].headers['if-none-match']).toBe('"3"');
  });
});

describe('replace and remove', () => {
  it.each([
    ['an item read earlier', item, '"3"'],
    ['a version', 3, '"3"'],
    ['an ETag', '"3"', '"3"'],
  ])('sends If-Match from %s', async (_label, ifMatch, expected) => {
    const { client, fetch } = clientWith(json(200, item));

    await client.items.replace(item.id, { name: 'Oat milk' }, { ifMatch });

    expect(fetch.requests[0]).toMatchObject({ method: 'PUT', body: { name: 'Oat milk' } });
    expect(fetch.requests[0].headers['if-match']).toBe(expected);
  });

  it("uses the item's version as If-Match when given an item", async () => {
    const { client, fetch } = clientWith(json(200, item), empty(204));

    await client.items.replace(item, { name: 'Oat milk' });
    await client.items.remove(item);

    expect(fetch.requests.map((r) => [r.method, r.headers['if-match']])).toEqual([
      ['PUT', '"3"'],
      ['DELETE', '"3"'],
    ]);
  });

  it('deletes by id without a precondition', async () => {
    const { client, fetch } = clientWith(empty(204));

    await expect(client.items.remove(item.id)).resolves.toBeUndefined();
    expect(fetch.requests[0]).toMatchObject({
      method: 'DELETE',
      url: `${baseUrl}/items/${item.id}`,
    });
    expect(fetch.requests[0].headers).not.toHaveProperty('if-match');
  });

  it('throws a 412 error when the precondition is stale', async () => {
    const { client } = clientWith(problem('preconditionFailed'));

    const error = await client.items.remove(item).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 412, kind: 'problem' });
    expect((error as { is(name: string): boolean }).is('preconditionFailed')).toBe(true);
  });
});
