import { anItem, baseUrl, fakeFetch, json } from '../../test/fake-fetch';
import { createItemsClient } from './items-client';

const [a, b, c] = [
  '01J9Z8Y7X6W5V4T3S2R1Q0P9NA',
  '01J9Z8Y7X6W5V4T3S2R1Q0P9NB',
  '01J9Z8Y7X6W5V4T3S2R1Q0P9NC',
].map((id) => anItem({ id }));

function threePages() {
  return fakeFetch(
    json(200, { items: [a], nextCursor: 'p2' }),
    json(200, { items: [b], nextCursor: 'p3' }),
    json(200, { items: [c] }),
  );
}

describe('items.all', () => {
  it('yields every item across pages, following nextCursor until the last page', async () => {
    const fetch = threePages();
    const client = createItemsClient({ baseUrl, fetch });

    const seen = [];
    for await (const item of client.items.all({ limit: 1 })) seen.push(item.id);

    expect(seen).toEqual([a.id, b.id, c.id]);
    expect(fetch.requests.map((r) => r.url)).toEqual([
      `${baseUrl}/items?limit=1`,
      `${baseUrl}/items?limit=1&cursor=p2`,
      `${baseUrl}/items?limit=1&cursor=p3`,
    ]);
  });

  it('keeps the tag filter on every page it follows', async () => {
    const fetch = threePages();
    const client = createItemsClient({ baseUrl, fetch });

    const seen = [];
    for await (const item of client.items.all({ tag: 'red & blue', limit: 1 })) seen.push(item.id);

    expect(seen).toEqual([a.id, b.id, c.id]);
    expect(fetch.requests.map((r) => new URL(r.url).searchParams.get('tag'))).toEqual([
      'red & blue',
      'red & blue',
      'red & blue',
    ]);
    expect(fetch.requests.map((r) => new URL(r.url).searchParams.get('cursor'))).toEqual([
      null,
      'p2',
      'p3',
    ]);
  });

  it('fetches the next page only when the loop needs it', async () => {
    const fetch = threePages();
    const client = createItemsClient({ baseUrl, fetch });

    for await (const item of client.items.all()) {
      expect(item).toEqual(a);
      break;
    }

    expect(fetch.requests).toHaveLength(1);
  });
});

describe('items.pages', () => {
  it('yields whole pages, starting from a given cursor', async () => {
    const fetch = fakeFetch(json(200, { items: [b], nextCursor: 'p3' }), json(200, { items: [c] }));
    const client = createItemsClient({ baseUrl, fetch });

    const pages = [];
    for await (const page of client.items.pages({ cursor: 'p2' })) pages.push(page);

    expect(pages).toEqual([{ items: [b], nextCursor: 'p3' }, { items: [c] }]);
    expect(fetch.requests[0].url).toBe(`${baseUrl}/items?cursor=p2`);
  });
});
