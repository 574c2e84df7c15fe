import { ContentTypes, ItemLimits, ProblemLimits, ProblemTypes } from '@items-api/contract';
import { createTestContext, createTestEvent } from '@items-api/test-events';
import { createTestHandler } from '../../test/test-handler';
import type { InMemoryItemRepository } from '../../test/in-memory-item-repository';

const testContext = createTestContext();

type Call = ReturnType<typeof createTestHandler>['call'];

const stored = (repo: unknown) => (repo as InMemoryItemRepository).items.size;
const create = async (call: Call, body: object = { name: 'Boots' }) =>
  (await call({ method: 'POST', body })).json;

describe('no 500 for any client input', () => {
  it.each(['GET', 'HEAD', 'DELETE'])(
    'ignores a body on %s (RFC 9110 §9.3.1: a GET body has no defined semantics)',
    async (method) => {
      const { call } = createTestHandler();
      const item = await create(call);
      const path = method === 'DELETE' ? `/items/${item.id}` : '/items';
      const res = await call({
        method,
        path,
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(res.statusCode).toBe(method === 'DELETE' ? 204 : 200);
    },
  );

  it.each([
    ['/items/%2e%2e', 404],
    ['/items/..', 404],
    ['/items/.%2e', 404],
    ['/items/%2e', 404],
    ['/items/.', 404],
    ['/items/x/..', 404],
    ['/nope/../items', 200],
    ['/items\\..', 404],
    ['/items/a#b', 404],
  ])('routes %s on its normalised path (RFC 3986 §5.2.4): %i', async (path, status) => {
    const { call } = createTestHandler();
    const res = await call({ path });
    expect(res.statusCode).toBe(status);
    expect(res.headers?.['content-type']).toBe(
      status === 200 ? ContentTypes.json : ContentTypes.problem,
    );
  });

  it('checks an array’s length before its elements and lists at most 20 field errors', async () => {
    const { call, repo } = createTestHandler();
    const tags = await call({ method: 'POST', body: { name: 'x', tags: Array(21_000).fill('') } });
    expect(tags.statusCode).toBe(400);
    expect(tags.json.errors).toEqual([
      { path: 'body.tags', message: 'must have at most 20 items' },
    ]);
    const fields = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i]));
    const many = await call({ method: 'POST', body: { name: 'x', ...fields } });
    expect(many.statusCode).toBe(400);
    expect(many.json.errors).toHaveLength(ProblemLimits.errorsMax);
    expect(many.json.detail).toMatch(/^500 problems \(the first 20 are listed\)/);
    expect(many.body?.length).toBeLessThan(4_000);
    expect(stored(repo)).toBe(0);
  });

  it.each([
    ['a non-string sub', 123],
    ['an empty sub', ''],
    ['a sub over 255 characters', 's'.repeat(256)],
    ['a sub with a space', 'a b'],
  ])('answers 401 invalid_token (RFC 6750 §3.1) for %s, on every route', async (_label, sub) => {
    const { call, handler } = createTestHandler();
    for (const [method, path] of [
      ['GET', '/items'],
      ['POST', '/items'],
      ['GET', '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7'],
      ['HEAD', '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7'],
      ['PUT', '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7'],
      ['DELETE', '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7'],
    ]) {
      const event = createTestEvent({ method, path, body: { name: 'x' } });
      (event.requestContext as { authorizer?: unknown }).authorizer = {
        jwt: { claims: { sub }, scopes: [] },
      };
      const res = await handler(event, testContext);
      expect([method, res.statusCode]).toEqual([method, 401]);
      expect(res.headers?.['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    }
    expect((await call({ sub: 's'.repeat(255) })).statusCode).toBe(200);
  });
});

describe('one rule, two readers', () => {
  const emoji = '😀';

  it.each([
    {
      label: 'a name of exactly 200 emoji',
      body: { name: emoji.repeat(ItemLimits.nameMax) },
      status: 201,
    },
    {
      label: 'a name of 201 emoji',
      body: { name: emoji.repeat(ItemLimits.nameMax + 1) },
      status: 400,
    },
    {
      label: 'a tag of exactly 40 emoji',
      body: { name: 'x', tags: [emoji.repeat(ItemLimits.tagMax)] },
      status: 201,
    },
    {
      label: 'a tag of 41 emoji',
      body: { name: 'x', tags: [emoji.repeat(ItemLimits.tagMax + 1)] },
      status: 400,
    },
    { label: 'a lone surrogate', body: { name: '\ud800x' }, status: 400 },
    {
      label: 'a lone surrogate in a description',
      body: { name: 'x', description: 'a\udc00' },
      status: 400,
    },
    { label: 'duplicate tags', body: { name: 'x', tags: ['a', 'a'] }, status: 400 },
    { label: 'a blank name', body: { name: '   ' }, status: 400 },
    { label: 'a tab', body: { name: '\t' }, status: 400 },
    { label: 'a padded name', body: { name: '  padded  ' }, status: 400 },
    { label: 'inner white space', body: { name: 'two  words', tags: ['a b'] }, status: 201 },
  ])('$label → $status', async ({ body, status }) => {
    const { call, repo } = createTestHandler();
    const res = await call({ method: 'POST', body });
    expect(res.statusCode).toBe(status);
    if (status === 201) expect(res.json).toMatchObject(body);
    else expect(stored(repo)).toBe(0);
  });

  it('stores what was sent, unchanged', async () => {
    const { call } = createTestHandler();
    const item = await create(call, { name: 'Ünïcödé 😀', tags: ['Case', 'case'] });
    expect((await call({ path: `/items/${item.id}` })).json).toMatchObject({
      name: 'Ünïcödé 😀',
      tags: ['Case', 'case'],
    });
  });

  it('ignores query parameters the operation does not list', async () => {
    const { call } = createTestHandler();
    expect((await call({ query: '_=123' })).statusCode).toBe(200);
    expect((await call({ query: 'limit=1&_=1&limit_=9' })).statusCode).toBe(200);
    const bad = await call({ query: 'limit=0&_=1' });
    expect(bad.json.errors).toEqual([expect.objectContaining({ path: 'query.limit' })]);
  });

  it.each([
    ['1e1', 200],
    ['1.0', 200],
    [' 5', 400],
    ['0x10', 400],
    ['+5', 400],
    ['', 400],
  ])('reads limit=%s as JSON Schema reads a number: %i', async (limit, status) => {
    const { call } = createTestHandler();
    expect((await call({ query: `limit=${encodeURIComponent(limit)}` })).statusCode).toBe(status);
  });
});

describe('conditional requests (RFC 9110 §13.1) and HEAD (§9.3.2)', () => {
  async function itemAtVersion2(call: Call) {
    const item = await create(call);
    await call({
      method: 'PUT',
      path: `/items/${item.id}`,
      body: { name: 'v2' },
      headers: { 'if-match': '"1"' },
    });
    return item.id as string;
  }

  it.each([
    ['"1", "2"', 200],
    ['"2"', 200],
    ['*', 200],
    [' "9" , ,"2"', 200],
    ['W/"2"', 412],
    ['"1", W/"2"', 412],
    ['"1"', 412],
    ['"abc"', 412],
    ['2', 400],
    ['"2" junk', 400],
  ])('PUT If-Match %s → %i (strong comparison)', async (ifMatch, status) => {
    const { call } = createTestHandler();
    const id = await itemAtVersion2(call);
    const res = await call({
      method: 'PUT',
      path: `/items/${id}`,
      body: { name: 'v3' },
      headers: { 'if-match': ifMatch },
    });
    expect(res.statusCode).toBe(status);
    const after = (await call({ path: `/items/${id}` })).json;
    expect(after.version).toBe(status === 200 ? 3 : 2);
  });

  it.each([
    ['W/"2"', 412],
    ['"1", "2"', 204],
    ['*', 204],
  ])('DELETE If-Match %s → %i', async (ifMatch, status) => {
    const { call } = createTestHandler();
    const id = await itemAtVersion2(call);
    const res = await call({
      method: 'DELETE',
      path: `/items/${id}`,
      headers: { 'if-match': ifMatch },
    });
    expect(res.statusCode).toBe(status);
    expect((await call({ path: `/items/${id}` })).statusCode).toBe(status === 204 ? 404 : 200);
  });

  it.each([
    ['W/"2"', 304],
    ['"1", "2"', 304],
    ['*', 304],
    ['"1"', 200],
  ])('GET If-None-Match %s → %i (weak comparison)', async (ifNoneMatch, status) => {
    const { call } = createTestHandler();
    const id = await itemAtVersion2(call);
    const res = await call({ path: `/items/${id}`, headers: { 'if-none-match': ifNoneMatch } });
    expect(res.statusCode).toBe(status);
    expect(res.headers?.etag).toBe('"2"');
  });

  it('answers HEAD like GET, without the body', async () => {
    const { call } = createTestHandler();
    const id = await itemAtVersion2(call);
    for (const path of [
      `/items/${id}`,
      '/items',
      '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
      '/items/bad',
    ]) {
      const get = await call({ path });
      const head = await call({ method: 'HEAD', path });
      expect(head.statusCode).toBe(get.statusCode);
      expect(head.body).toBe('');
      const { 'content-length': length, ...headers } = head.headers ?? {};
      expect(headers).toEqual(get.headers);
      expect(length).toBe(String(Buffer.byteLength(get.body ?? '')));
    }
    const notModified = await call({
      method: 'HEAD',
      path: `/items/${id}`,
      headers: { 'if-none-match': '"2"' },
    });
    expect(notModified.statusCode).toBe(304);
  });

  it('lists HEAD in Allow', async () => {
    const { call } = createTestHandler();
    const res = await call({ method: 'POST', path: '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7' });
    expect(res.statusCode).toBe(405);
    expect(res.headers?.allow).toBe('GET, HEAD, PUT, DELETE');
    expect(res.json.type).toBe(ProblemTypes.methodNotAllowed.type);
  });
});

describe('docs routes reaching the items function (through the gateway’s $default route)', () => {
  it.each(['/openapi.json', '/docs', '/docs/swagger-ui.css'])(
    'answers POST %s with 405 Allow: GET, HEAD, and a misrouted GET or HEAD with 404, never 500',
    async (path) => {
      const { call } = createTestHandler();
      const post = await call({ method: 'POST', path, body: {} });
      expect([post.statusCode, post.headers?.allow]).toEqual([405, 'GET, HEAD']);
      // The stack routes GET and HEAD of a docs path to the docs function: here they are no resource.
      expect((await call({ path })).statusCode).toBe(404);
      expect((await call({ method: 'HEAD', path })).statusCode).toBe(404);
    },
  );
});
