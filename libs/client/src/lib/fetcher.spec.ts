import { anItem, baseUrl, fakeFetch, json, problem, type Reply } from '../../test/fake-fetch';
import type { RetryEvent } from './client-options';
import { createItemsClient } from './items-client';

const item = anItem();
const unavailable = () => problem('unavailable');
const throttled = (headers: Record<string, string> = {}) =>
  json(429, { message: 'Too Many Requests' }, headers);

function clientWith(replies: Reply[], retry = { maxAttempts: 3, baseDelayMs: 0 }) {
  const fetch = fakeFetch(...replies);
  const retries: RetryEvent[] = [];
  const client = createItemsClient({ baseUrl, fetch, retry, onRetry: (e) => retries.push(e) });
  return { client, fetch, retries };
}

describe('retries', () => {
  it('retries a read on 503 and returns the later success', async () => {
    const { client, fetch } = clientWith([unavailable(), json(200, item)]);

    await expect(client.items.get(item.id)).resolves.toEqual(item);
    expect(fetch.requests).toHaveLength(2);
  });

  it('retries on gateway throttling (429) and on network errors', async () => {
    const { client, fetch, retries } = clientWith([
      throttled(),
      new TypeError('fetch failed'),
      json(200, { items: [] }),
    ]);

    await expect(client.items.list()).resolves.toEqual({ items: [] });
    expect(fetch.requests).toHaveLength(3);
    expect(retries.map((r) => r.error.kind)).toEqual(['gateway', 'network']);
  });

  it('stops after maxAttempts and throws the last error', async () => {
    const { client, fetch } = clientWith([unavailable()]);

    await expect(client.items.remove(item.id)).rejects.toMatchObject({
      name: 'ItemsApiError',
      status: 503,
      type: 'urn:items-api:problem:unavailable',
    });
    expect(fetch.requests).toHaveLength(3);
  });

  it('does not retry errors that a repeat cannot fix', async () => {
    const { client, fetch } = clientWith([problem('internal'), json(200, item)]);

    await expect(client.items.get(item.id)).rejects.toMatchObject({ status: 500 });
    expect(fetch.requests).toHaveLength(1);
  });

  it('does not retry a POST without an Idempotency-Key', async () => {
    const { client, fetch } = clientWith([unavailable(), json(201, item)]);

    const response = await client.raw.createItem({ body: { name: 'Milk' } });

    expect(response.status).toBe(503);
    expect(fetch.requests).toHaveLength(1);
  });

  it('does not retry a PUT without If-Match', async () => {
    const { client, fetch } = clientWith([new TypeError('socket hang up'), json(200, item)]);

    await expect(
      client.raw.replaceItem({ params: { id: item.id }, body: { name: 'x' }, headers: {} }),
    ).rejects.toMatchObject({ kind: 'network', status: 0 });
    expect(fetch.requests).toHaveLength(1);
  });

  it('does not retry when retries are turned off', async () => {
    const fetch = fakeFetch(unavailable(), json(200, item));
    const client = createItemsClient({ baseUrl, fetch, retry: false });

    await expect(client.items.get(item.id)).rejects.toMatchObject({ status: 503 });
    expect(fetch.requests).toHaveLength(1);
  });
});

describe('Retry-After', () => {
  afterEach(() => jest.useRealTimers());

  it('waits as long as Retry-After asks before retrying', async () => {
    jest.useFakeTimers();
    const { client, fetch, retries } = clientWith([
      throttled({ 'retry-after': '2' }),
      json(200, item),
    ]);

    const result = client.items.get(item.id);
    await jest.advanceTimersByTimeAsync(1999);
    const sentBeforeTheWaitEnds = fetch.requests.length;
    await jest.advanceTimersByTimeAsync(1);

    await expect(result).resolves.toEqual(item);
    expect(sentBeforeTheWaitEnds).toBe(1);
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, delayMs: 2000 })]);
  });

  it('fails at once when Retry-After is longer than maxDelayMs, saying when to come back', async () => {
    const slow = fakeFetch(problem('unavailable', {}, { 'retry-after': '120' }), json(200, item));
    const patient = createItemsClient({ baseUrl, fetch: slow, retry: { maxDelayMs: 5000 } });

    await expect(patient.items.get(item.id)).rejects.toMatchObject({
      status: 503,
      retryAfterMs: 120_000,
    });
    expect(slow.requests).toHaveLength(1);
  });
});

describe('a network error in a page of another origin', () => {
  const inPage = (origin: string) =>
    Object.defineProperty(globalThis, 'location', { value: { origin }, configurable: true });
  afterEach(() => Reflect.deleteProperty(globalThis, 'location'));

  it('names the likely CORS refusal and the local fix (Fetch Standard: a refused CORS check is a TypeError)', async () => {
    inPage('http://localhost:5173');
    const client = createItemsClient({
      baseUrl,
      fetch: fakeFetch(new TypeError('Failed to fetch')),
      retry: false,
    });

    await expect(client.items.get(item.id)).rejects.toMatchObject({
      kind: 'network',
      detail:
        "Failed to fetch: the API may not allow this page's origin http://localhost:5173 (CORS); locally: npm start -- --cors-origin http://localhost:5173",
    });
  });

  it('says nothing of CORS when the page is on the API’s own origin', async () => {
    inPage(new URL(baseUrl).origin);
    const client = createItemsClient({
      baseUrl,
      fetch: fakeFetch(new TypeError('Failed to fetch')),
      retry: false,
    });

    await expect(client.items.get(item.id)).rejects.toMatchObject({
      kind: 'network',
      detail: 'Failed to fetch',
    });
  });
});
