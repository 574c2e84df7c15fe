import { anItem, baseUrl, fakeFetch, hangingReply, json, problem } from '../../test/fake-fetch';
import { createItemsClient } from './items-client';

const item = anItem();

describe('authorization', () => {
  it('sends a string token as a bearer token', async () => {
    const fetch = fakeFetch(json(200, item));
    const client = createItemsClient({ baseUrl, fetch, token: 'abc' });

    await client.items.get(item.id);

    expect(fetch.requests[0].headers['authorization']).toBe('Bearer abc');
  });

  it('calls a token function for every request, retries included', async () => {
    const fetch = fakeFetch(problem('unavailable'), json(200, item), json(200, item));
    let issued = 0;
    const token = async () => `token-${++issued}`;
    const client = createItemsClient({ baseUrl, fetch, token, retry: { baseDelayMs: 0 } });

    await client.items.get(item.id);
    await client.items.get(item.id);

    expect(fetch.requests.map((r) => r.headers['authorization'])).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
    ]);
  });

  it('sends no authorization header without a token', async () => {
    const fetch = fakeFetch(json(200, item));
    const client = createItemsClient({ baseUrl, fetch });

    await client.items.get(item.id);

    expect(fetch.requests[0].headers).not.toHaveProperty('authorization');
  });
});

describe('timeouts and cancellation', () => {
  it('throws a timeout error when an attempt outlives timeoutMs', async () => {
    const fetch = fakeFetch(hangingReply);
    const client = createItemsClient({ baseUrl, fetch, timeoutMs: 20, retry: false });

    await expect(client.items.get(item.id)).rejects.toMatchObject({
      kind: 'timeout',
      status: 0,
      type: 'urn:items-api:client:timeout',
    });
  });

  it('retries a timed-out idempotent call', async () => {
    const fetch = fakeFetch(hangingReply, json(200, item));
    const client = createItemsClient({ baseUrl, fetch, timeoutMs: 20, retry: { baseDelayMs: 0 } });

    await expect(client.items.get(item.id)).resolves.toEqual(item);
    expect(fetch.requests).toHaveLength(2);
  });

  it('lets a per-call timeoutMs override the client default', async () => {
    const fetch = fakeFetch(hangingReply);
    const client = createItemsClient({ baseUrl, fetch, timeoutMs: 0, retry: false });

    await expect(client.items.get(item.id, { timeoutMs: 20 })).rejects.toMatchObject({
      kind: 'timeout',
    });
  });

  it("rejects with the caller's abort reason and does not retry", async () => {
    const fetch = fakeFetch(hangingReply, json(200, item));
    const client = createItemsClient({ baseUrl, fetch, retry: { baseDelayMs: 0 } });
    const controller = new AbortController();
    const reason = new Error('user navigated away');

    const result = client.items.get(item.id, { signal: controller.signal });
    controller.abort(reason);

    await expect(result).rejects.toBe(reason);
    expect(fetch.requests).toHaveLength(1);
  });

  it('stops waiting between retries when the caller aborts', async () => {
    const fetch = fakeFetch(problem('unavailable', {}, { 'retry-after': '5' }), json(200, item));
    const controller = new AbortController();
    const reason = new Error('cancelled');
    // Abort just as the client starts its 5 s wait.
    const client = createItemsClient({ baseUrl, fetch, onRetry: () => controller.abort(reason) });

    await expect(client.items.get(item.id, { signal: controller.signal })).rejects.toBe(reason);
    expect(fetch.requests).toHaveLength(1);
  });
});
