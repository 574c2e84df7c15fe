import { toEvent } from './to-event';

const base = { method: 'POST', sourceIp: '127.0.0.1' };

describe('toEvent (payload format 2.0)', () => {
  it('lower-cases headers, joins repeated ones with commas and moves cookies out', () => {
    const event = toEvent(
      {
        ...base,
        url: '/items?limit=5&tag=a&tag=b',
        headers: { 'x-multi': ['a', 'b'], cookie: 'a=1; b=2', 'content-type': 'application/json' },
        body: Buffer.from('{"name":"x"}'),
      },
      { routeKey: 'POST /items' },
    );
    expect(event.headers['x-multi']).toBe('a,b');
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.rawQueryString).toBe('limit=5&tag=a&tag=b');
    expect(event.queryStringParameters).toEqual({ limit: '5', tag: 'a,b' });
    expect(event.body).toBe('{"name":"x"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes binary bodies', () => {
    const bytes = Buffer.from([0, 255, 1, 2]);
    const event = toEvent(
      {
        ...base,
        url: '/items',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes,
      },
      { routeKey: '$default' },
    );
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(bytes);
  });

  it('fills requestContext with method, path, source IP, request id, time and the JWT claims', () => {
    const event = toEvent(
      {
        ...base,
        method: 'GET',
        url: '/items/abc',
        headers: { 'user-agent': 'curl' },
        body: Buffer.alloc(0),
      },
      {
        routeKey: 'GET /items/{id}',
        pathParameters: { id: 'abc' },
        authorizer: { claims: { sub: 'alice' }, scopes: [] },
      },
    );
    expect(event).not.toHaveProperty('body');
    expect(event.pathParameters).toEqual({ id: 'abc' });
    expect(event.requestContext).toMatchObject({
      http: {
        method: 'GET',
        path: '/items/abc',
        sourceIp: '127.0.0.1',
        userAgent: 'curl',
        protocol: 'HTTP/1.1',
      },
      routeKey: 'GET /items/{id}',
      stage: '$default',
      requestId: expect.any(String),
      timeEpoch: expect.any(Number),
      authorizer: { jwt: { claims: { sub: 'alice' }, scopes: [] } },
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });
});
