import { createTestContext } from './create-test-context';
import { itemsContract } from '@items-api/contract';
import { createRouteEvent, createTestEvent, testHost } from './create-test-event';

// Facts of AWS's captured HTTP API events, re-expressed: Powertools for Lambda TypeScript
// `packages/parser/tests/events/apigw-http/jwt-authorizer-auth.json` (POST /cognito behind a JWT
// authorizer, a route without scopes) and `no-auth.json`; hotsock/voker
// `vokerhttp/testdata/apigwv2-request.json` (cookies, repeated query parameters).
const capturedTopLevelKeys = [
  'headers',
  'isBase64Encoded',
  'rawPath',
  'rawQueryString',
  'requestContext',
  'routeKey',
  'version',
];
const capturedContextKeys = [
  'accountId',
  'apiId',
  'authorizer',
  'domainName',
  'domainPrefix',
  'http',
  'requestId',
  'routeKey',
  'stage',
  'time',
  'timeEpoch',
];

describe('createTestEvent, against AWS’s captured HTTP API events', () => {
  it('has the keys of jwt-authorizer-auth.json for a bodiless request on a route without parameters', () => {
    const event = createTestEvent({ routeKey: 'POST /cognito', scopes: null });

    expect(Object.keys(event).sort()).toEqual(capturedTopLevelKeys);
    expect(Object.keys(event.requestContext).sort()).toEqual(capturedContextKeys);
    expect(Object.keys(event.requestContext.http).sort()).toEqual([
      'method',
      'path',
      'protocol',
      'sourceIp',
      'userAgent',
    ]);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /cognito',
      rawPath: '/cognito',
      rawQueryString: '',
      isBase64Encoded: false,
      requestContext: {
        routeKey: 'POST /cognito',
        stage: '$default',
        http: { method: 'POST', path: '/cognito', protocol: 'HTTP/1.1' },
      },
    });
  });

  it('carries the gateway’s headers, its host as domainName and the API id as domainPrefix', () => {
    const event = createTestEvent({ headers: { 'User-Agent': 'HTTPie/3.2.2', Accept: '*/*' } });

    expect(event.headers).toMatchObject({
      accept: '*/*',
      host: testHost,
      'user-agent': 'HTTPie/3.2.2',
      'x-forwarded-port': '443',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': event.requestContext.http.sourceIp,
    });
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.requestContext.http.userAgent).toBe('HTTPie/3.2.2');
    expect(event.requestContext.domainName).toBe(testHost);
    expect(testHost).toMatch(/^[a-z0-9]{10}\.execute-api\.[a-z0-9-]+\.amazonaws\.com$/);
    expect(event.requestContext.domainPrefix).toBe(event.requestContext.apiId);
  });

  it('stamps a request id and time in the captured formats, the time agreeing with timeEpoch', () => {
    const receivedAt = new Date('2024-06-17T15:49:29.348Z');
    const { requestContext } = createTestEvent({ receivedAt });

    expect(requestContext.requestId).toMatch(/^[A-Za-z0-9_-]{15}=$/);
    expect(requestContext.time).toBe('17/Jun/2024:15:49:29 +0000');
    expect(requestContext.timeEpoch).toBe(1718639369348);
  });

  it('passes every claim as a string, and scopes null on a route without authorization scopes', () => {
    const event = createTestEvent({ sub: 'bob', scopes: null, claims: { 'cognito:groups': 'a' } });
    const jwt = event.requestContext.authorizer?.jwt;

    expect(jwt?.scopes).toBeNull();
    expect(jwt?.claims).toMatchObject({ sub: 'bob', 'cognito:groups': 'a', token_use: 'access' });
    expect(Object.values(jwt?.claims ?? {}).every((value) => typeof value === 'string')).toBe(true);
    expect(Number(jwt?.claims['exp'])).toBeGreaterThan(Number(jwt?.claims['iat']));
  });

  it('passes the token’s scopes on a route that asks for some', () => {
    const jwt = createTestEvent({ scopes: ['items/read'] }).requestContext.authorizer?.jwt;

    expect(jwt?.scopes).toEqual(['items/read']);
    expect(jwt?.claims['scope']).toBe('items/read');
  });

  it('has no authorizer key at all on a route without an authorizer (sub: null)', () => {
    expect(createTestEvent({ sub: null }).requestContext).not.toHaveProperty('authorizer');
  });

  it('moves cookies to `cookies` and joins repeated query parameters with commas (voker capture)', () => {
    const event = createTestEvent({
      headers: { Cookie: 'session=abc123; theme=dark' },
      query: 'repeat=one&repeat=two&literalPlus=a+b&encodedPlus=a%2Bb&empty=',
    });

    expect(event.cookies).toEqual(['session=abc123', 'theme=dark']);
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.rawQueryString).toBe(
      'repeat=one&repeat=two&literalPlus=a+b&encodedPlus=a%2Bb&empty=',
    );
    expect(event.queryStringParameters).toEqual({
      repeat: 'one,two',
      literalPlus: 'a b',
      encodedPlus: 'a+b',
      empty: '',
    });
  });

  it('has no queryStringParameters, pathParameters, cookies or body when the request has none', () => {
    const event = createTestEvent({ routeKey: 'GET /items' });

    for (const key of ['queryStringParameters', 'pathParameters', 'cookies', 'body'])
      expect(event).not.toHaveProperty(key);
  });

  it('reads path parameters by the route key, one segment per {name} and the rest for {name+}', () => {
    expect(
      createTestEvent({ routeKey: 'GET /items/{id}', path: '/items/01J' }).pathParameters,
    ).toEqual({ id: '01J' });
    expect(
      createTestEvent({ routeKey: 'OPTIONS /{proxy+}', path: '/items/a/b' }).pathParameters,
    ).toEqual({ proxy: 'items/a/b' });
    expect(
      createTestEvent({ routeKey: 'GET /docs/{asset}', path: '/prod/docs/x.css', stage: 'prod' })
        .pathParameters,
    ).toEqual({ asset: 'x.css' });
    expect(() => createTestEvent({ routeKey: 'GET /items/{id}', path: '/items' })).toThrow(
      /does not match/,
    );
  });

  it('sends an object body as JSON with its content type and length, and bytes base64-encoded', () => {
    const json = createTestEvent({ method: 'POST', body: { name: 'λ' } });
    expect(json).toMatchObject({ body: '{"name":"λ"}', isBase64Encoded: false });
    expect(json.headers).toMatchObject({
      'content-type': 'application/json',
      'content-length': '13',
    });

    const bytes = createTestEvent({ method: 'POST', body: new Uint8Array([0xff, 0x00]) });
    expect(bytes).toMatchObject({ body: '/wA=', isBase64Encoded: true });
    expect(bytes.headers).not.toHaveProperty('content-type');
  });
});

describe('createTestContext', () => {
  it('names the function in its ARN and log group, and reports the time left it was given', () => {
    const context = createTestContext({ functionName: 'f', remainingMs: 600 });

    expect(context.invokedFunctionArn).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:f$/);
    expect(context.logGroupName).toBe('/aws/lambda/f');
    expect(context.getRemainingTimeInMillis()).toBe(600);
    expect(context.awsRequestId).toMatch(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
  });
});

describe('createRouteEvent', () => {
  it('sends a contract route’s request with its route key, method, path and path parameters', () => {
    const event = createRouteEvent(itemsContract.replaceItem, { id: '01J' }, { sub: 'bob' });

    expect(event).toMatchObject({
      routeKey: 'PUT /items/{id}',
      rawPath: '/items/01J',
      pathParameters: { id: '01J' },
      requestContext: { http: { method: 'PUT', path: '/items/01J' } },
    });
    expect(event.requestContext.authorizer?.jwt.claims['sub']).toBe('bob');
    expect(() => createRouteEvent(itemsContract.getItem)).toThrow(/no value for :id/);
  });
});
