import { buildEvent, type ApiIdentity, type IncomingRequest } from './build-event';
import { isTextMediaType } from './event-fields';

const api: ApiIdentity = { apiId: 'local', accountId: '000000000000', stage: '$default' };

const request = (overrides: Partial<IncomingRequest> = {}): IncomingRequest => ({
  method: 'POST',
  path: '/items',
  rawQueryString: '',
  headers: { host: 'api.example.com', 'user-agent': 'curl/8' },
  cookies: [],
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  requestId: 'ZhMpgigvDoEEPlg=',
  receivedAt: new Date(Date.UTC(2024, 5, 7, 15, 4, 5)),
  ...overrides,
});

describe('buildEvent (payload format 2.0)', () => {
  it('splits repeated query parameters into a comma-joined map and keeps the raw string', () => {
    const event = buildEvent(request({ rawQueryString: 'limit=5&tag=a&tag=b&x=a+b&e=' }), {
      api,
      routeKey: 'POST /items',
    });
    expect(event.rawQueryString).toBe('limit=5&tag=a&tag=b&x=a+b&e=');
    // hotsock/voker live capture: `literalPlus=a+b` → "a b", `empty=` → "".
    expect(event.queryStringParameters).toEqual({ limit: '5', tag: 'a,b', x: 'a b', e: '' });
  });

  it('omits body, cookies, queryStringParameters and pathParameters when there are none (captured events)', () => {
    const event = buildEvent(request(), { api, routeKey: 'POST /items' });
    expect(Object.keys(event).sort()).toEqual(
      [
        'headers',
        'isBase64Encoded',
        'rawPath',
        'rawQueryString',
        'requestContext',
        'routeKey',
        'version',
      ].sort(),
    );
    expect(event.isBase64Encoded).toBe(false);
  });

  // AWS Compute Blog "Handling binary data using Amazon API Gateway HTTP APIs": the encoding is
  // inferred from the content type; text for text/*, JSON, XML and JavaScript only.
  it.each([
    ['text/plain', true],
    ['text/csv; charset=utf-8', true],
    ['application/json', true],
    ['Application/JSON; charset=UTF-8', true],
    ['application/xml', true],
    ['application/javascript', true],
    ['application/x-www-form-urlencoded', false],
    ['application/problem+json', false],
    ['application/octet-stream', false],
    ['multipart/form-data; boundary=x', false],
    [undefined, false],
  ])('treats a %s body as text: %s', (contentType, text) => {
    expect(isTextMediaType(contentType)).toBe(text);
    const body = Buffer.from('name=x&y=ü');
    const event = buildEvent(
      request({
        headers: { host: 'h', ...(contentType ? { 'content-type': contentType } : {}) },
        body,
      }),
      { api, routeKey: 'POST /items' },
    );
    expect(event.isBase64Encoded).toBe(!text);
    expect(Buffer.from(event.body ?? '', text ? 'utf8' : 'base64')).toEqual(body);
  });

  it('sets requestContext like the captured events: domain without port, the given id and time', () => {
    const event = buildEvent(request({ headers: { host: 'abc123.example.com:3000' } }), {
      api,
      routeKey: 'GET /items/{id}',
      pathParameters: { id: 'x' },
      authorizer: { claims: { sub: 'alice' }, scopes: null },
    });
    expect(event.requestContext).toMatchObject({
      domainName: 'abc123.example.com',
      domainPrefix: 'abc123',
      requestId: 'ZhMpgigvDoEEPlg=',
      time: '07/Jun/2024:15:04:05 +0000',
      timeEpoch: Date.UTC(2024, 5, 7, 15, 4, 5),
      authorizer: { jwt: { claims: { sub: 'alice' }, scopes: null } },
    });
  });
});
