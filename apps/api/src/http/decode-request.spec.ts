import { ProblemTypes } from '@items-api/contract';
import { createTestContext, createTestEvent } from '@items-api/test-events';
import { createTestHandler } from '../../test/test-handler';

const testContext = createTestContext();

describe('the items function reads a request once and leaves the event as received', () => {
  it.each([
    ['a HEAD of a list', { method: 'HEAD', path: '/items', query: 'limit=2&_=123' }],
    ['a padded path', { method: 'GET', path: '/items/./', query: 'limit=1' }],
    ['a decoded space in the path', { method: 'GET', path: '/items/a b' }],
    ['a PUT with a body', { method: 'PUT', path: '/items/x', body: { name: 'A' } }],
    ['an unknown path', { method: 'GET', path: '/nope' }],
  ])('%s', async (_label, options) => {
    const { handler } = createTestHandler();
    const event = createTestEvent(options);
    const before = structuredClone(event);
    await handler(event, testContext);
    expect(event).toEqual(before);
  });

  it('answers HEAD as GET without the body, with the length of the GET body (RFC 9110 §9.3.2)', async () => {
    const { call } = createTestHandler();
    await call({ method: 'POST', body: { name: 'Boots' } });
    const get = await call({ method: 'GET', path: '/items' });
    const head = await call({ method: 'HEAD', path: '/items' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers?.['content-length']).toBe(String(Buffer.byteLength(get.body ?? '')));
  });

  // WHATWG URL's form parser would turn these into U+FFFD; the function refuses them instead,
  // naming the parameter, for every parameter the route declares.
  it.each([
    ['limit=%FF', 'query.limit'],
    ['cursor=%E0%A4', 'query.cursor'],
    ['tag=%ED%A0%80', 'query.tag'],
  ])('refuses %s with a 400 naming %s', async (query, path) => {
    const { call } = createTestHandler();
    const res = await call({ method: 'GET', path: '/items', query });
    expect(res.statusCode).toBe(400);
    expect(res.json.type).toBe(ProblemTypes.validation.type);
    expect(res.json.errors).toEqual([{ path, message: 'must be well-formed UTF-8' }]);
  });

  it('ignores a malformed parameter the route does not declare, as the document says', async () => {
    const { call } = createTestHandler();
    const res = await call({ method: 'GET', path: '/items', query: 'x=%FF&limit=1' });
    expect(res.statusCode).toBe(200);
  });

  it('names the normalised path, encoded, as the problem’s instance', async () => {
    const { call } = createTestHandler();
    const res = await call({ method: 'GET', path: '/items/a:b/../c:d' });
    expect(res.statusCode).toBe(400);
    expect(res.json.instance).toBe('/items/c%3Ad');
  });
});
