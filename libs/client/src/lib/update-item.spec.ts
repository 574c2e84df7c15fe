import { anItem, baseUrl, fakeFetch, json, problem, type Reply } from '../../test/fake-fetch';
import type { ItemChange } from './items-api';
import { createItemsClient } from './items-client';

const v1 = anItem({ version: 1, tags: ['a'] });
const v2 = anItem({ version: 2, tags: ['a', 'b'], description: 'changed elsewhere' });

function clientWith(...replies: Reply[]) {
  const fetch = fakeFetch(...replies);
  return { client: createItemsClient({ baseUrl, fetch }), fetch };
}

const addUrgent: ItemChange = (draft) => ({ ...draft, tags: [...draft.tags, 'urgent'] });

describe('items.update', () => {
  it('reads, applies the change to the writable fields and replaces with If-Match', async () => {
    const done = anItem({ version: 2, tags: ['a', 'urgent'] });
    const { client, fetch } = clientWith(json(200, v1), json(200, done));

    await expect(client.items.update(v1.id, addUrgent)).resolves.toEqual(done);

    expect(fetch.requests[1]).toMatchObject({
      method: 'PUT',
      body: { name: 'Milk', tags: ['a', 'urgent'] },
      headers: expect.objectContaining({ 'if-match': '"1"' }),
    });
  });

  it('re-reads and applies the change again when the write meets a 412', async () => {
    const done = anItem({ version: 3 });
    const { client, fetch } = clientWith(
      problem('preconditionFailed'),
      json(200, v2),
      json(200, done),
    );
    const change = jest.fn<ReturnType<ItemChange>, Parameters<ItemChange>>(addUrgent);

    await expect(client.items.update(v1, change)).resolves.toEqual(done);

    expect(change).toHaveBeenCalledTimes(2);
    expect(change.mock.calls[1][1]).toEqual(v2);
    expect(fetch.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'PUT']);
    expect(fetch.requests[2]).toMatchObject({
      body: { name: 'Milk', description: 'changed elsewhere', tags: ['a', 'b', 'urgent'] },
      headers: expect.objectContaining({ 'if-match': '"2"' }),
    });
  });

  it('gives up after maxAttempts rounds with the 412 error', async () => {
    const { client, fetch } = clientWith(
      problem('preconditionFailed'),
      json(200, v2),
      problem('preconditionFailed'),
    );

    await expect(client.items.update(v1, addUrgent, { maxAttempts: 2 })).rejects.toMatchObject({
      status: 412,
    });
    expect(fetch.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'PUT']);
  });

  it('passes other errors through without another round', async () => {
    const { client, fetch } = clientWith(problem('notFound'));

    await expect(client.items.update(v1, addUrgent)).rejects.toMatchObject({ status: 404 });
    expect(fetch.requests).toHaveLength(1);
  });
});
