/**
 * Facts of events AWS delivered, re-expressed as data (no captured file is copied). Each entry
 * names its source; values are the shapes and rules the captures show, not their ids or times.
 */

const POWERTOOLS =
  'aws-powertools/powertools-lambda-typescript packages/parser/tests/events/apigw-http';

export type FieldType = 'string' | 'number' | 'boolean' | 'object' | 'null' | 'array';

/** Formats every captured HTTP API event shares. */
export const capturedFormats = {
  /**
   * `ZhMpgigvDoEEPlg=`, `ZhLNpgotDoEEJUQ=`, `ATfSmjLgPHcESJw=`, and `LV7fzho-PHcEJPw=` in
   * aws-lambda-go's `apigw-v2-request-no-authorizer.json`: 15 URL-safe base64 characters and `=`.
   */
  requestId: /^[A-Za-z0-9_-]{15}=$/,
  /** `17/Jun/2024:15:49:29 +0000`. */
  time: /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/,
  /** `Root=1-66705b09-5f85233d2fb7bd54034f7e30`: epoch seconds in hex, then 24 hex digits. */
  traceId: /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/,
};

/**
 * `jwt-authorizer-auth.json`: `POST /cognito` behind a JWT authorizer (Cognito id token), a route
 * without authorization scopes, no body, sent by HTTPie (which also sends `Connection:
 * keep-alive` and `Content-Length: 0`).
 */
export const jwtAuthorizerCapture = {
  source: `${POWERTOOLS}/jwt-authorizer-auth.json`,
  sent: {
    method: 'POST',
    target: '/cognito',
    headers: [
      ['Accept', '*/*'],
      ['Accept-Encoding', 'gzip, deflate'],
      ['Connection', 'keep-alive'],
      ['Content-Length', '0'],
      ['User-Agent', 'HTTPie/3.2.2'],
    ] as [string, string][],
  },
  event: {
    types: {
      version: 'string',
      routeKey: 'string',
      rawPath: 'string',
      rawQueryString: 'string',
      headers: 'object',
      requestContext: 'object',
      isBase64Encoded: 'boolean',
    } satisfies Record<string, FieldType>,
    values: { version: '2.0', routeKey: 'POST /cognito', rawPath: '/cognito', rawQueryString: '' },
    isBase64Encoded: false,
  },
  /** Header names the function saw: the client's, lower-cased, plus the gateway's four. */
  headerNames: [
    'accept',
    'accept-encoding',
    'authorization',
    'content-length',
    'host',
    'user-agent',
    'x-amzn-trace-id',
    'x-forwarded-for',
    'x-forwarded-port',
    'x-forwarded-proto',
  ],
  headerValues: { 'content-length': '0', 'accept-encoding': 'gzip, deflate' },
  requestContext: {
    types: {
      accountId: 'string',
      apiId: 'string',
      authorizer: 'object',
      domainName: 'string',
      domainPrefix: 'string',
      http: 'object',
      requestId: 'string',
      routeKey: 'string',
      stage: 'string',
      time: 'string',
      timeEpoch: 'number',
    } satisfies Record<string, FieldType>,
    values: { routeKey: 'POST /cognito', stage: '$default' },
    http: {
      types: {
        method: 'string',
        path: 'string',
        protocol: 'string',
        sourceIp: 'string',
        userAgent: 'string',
      } satisfies Record<string, FieldType>,
      values: { method: 'POST', path: '/cognito', protocol: 'HTTP/1.1', userAgent: 'HTTPie/3.2.2' },
    },
    /** `authorizer` holds only `jwt`, which holds `claims` and `scopes: null`. */
    authorizerKeys: ['jwt'],
    jwtKeys: ['claims', 'scopes'],
    scopes: null,
    /** Every claim value is a string: `"exp": "1718722804"`, `"auth_time": "1718636404"`. */
    claimValueType: 'string',
  },
};

/**
 * hotsock/voker `vokerhttp/testdata/apigwv2-request.json` (live capture, us-west-2, July 2026):
 * `$default` route, a JSON body, two cookies, repeated and encoded query parameters, a repeated
 * header. Logged through aws-lambda-go's typed event, so its empty `authorizer`/`authentication`
 * objects and `null` `pathParameters`/`stageVariables` are the logger's, not the gateway's, and
 * are not taken as facts here.
 */
export const vokerCapture = {
  source: 'hotsock/voker vokerhttp/testdata/apigwv2-request.json',
  sent: {
    method: 'POST',
    target:
      '/capture/space%20value?repeat=one&repeat=two&redirect=https%3A%2F%2Fexample.com%2Fa%2Fb&literalPlus=a+b&encodedPlus=a%2Bb&empty=',
    headers: [
      ['Accept', '*/*'],
      ['Content-Type', 'application/json'],
      ['User-Agent', 'curl/8.7.1'],
      ['Cookie', 'session=abc123; theme=dark'],
      ['X-Voker-Probe', 'first'],
      ['X-Voker-Probe', 'second'],
    ] as [string, string][],
    body: '{"message":"hello from the public internet","unicode":"lambda-λ"}',
  },
  event: {
    rawPath: '/capture/space value',
    rawQueryString:
      'repeat=one&repeat=two&redirect=https%3A%2F%2Fexample.com%2Fa%2Fb&literalPlus=a+b&encodedPlus=a%2Bb&empty=',
    cookies: ['session=abc123', 'theme=dark'],
    queryStringParameters: {
      empty: '',
      encodedPlus: 'a+b',
      literalPlus: 'a b',
      redirect: 'https://example.com/a/b',
      repeat: 'one,two',
    },
    headerValues: { 'x-voker-probe': 'first,second', 'content-type': 'application/json' },
    /** No `cookie` header: the cookies moved to `cookies`. */
    absentHeaders: ['cookie'],
    httpPath: '/capture/space value',
    body: '{"message":"hello from the public internet","unicode":"lambda-λ"}',
    isBase64Encoded: false,
  },
};

/** The type name of a JSON value, as the tables above use them. */
export const typeOf = (value: unknown): FieldType =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as FieldType);

/**
 * aws/aws-lambda-go `events/testdata/apigw-v2-request-no-authorizer.json` (a shape sample): on a
 * route without an authorizer, `requestContext` has no `authorizer` key at all. (Powertools'
 * `no-auth.json` repeats its Lambda-authorizer capture, `"authorizer": {"lambda": null}`, so it
 * is not used for this.)
 */
export const noAuthorizerSample = {
  source: 'aws/aws-lambda-go events/testdata/apigw-v2-request-no-authorizer.json',
  absentRequestContextKeys: ['authorizer'],
};
