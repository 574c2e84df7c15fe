import { allScopes, toRouteKey } from '@items-api/contract';
import {
  addForwardedHeaders,
  buildEvent,
  createRouteSelector,
  traceHeader,
  type ApiIdentity,
  type HttpApiEvent,
} from '@items-api/http-api';
import type { AppRoute } from '@ts-rest/core';

/**
 * What a test says about the request; the rest is what API Gateway adds. Facts of AWS's captured
 * HTTP API events (Powertools for Lambda TypeScript, `packages/parser/tests/events/apigw-http/`
 * `jwt-authorizer-auth.json` and `no-auth.json`; hotsock/voker `apigwv2-request.json` for
 * cookies and repeated query parameters), re-expressed, not copied.
 */
export type TestEventOptions = {
  /** The route the gateway matched: `GET /items/{id}`, `OPTIONS /{proxy+}`; `$default` unless given. */
  routeKey?: string;
  /** Default: the route key's method, else `GET`. */
  method?: string;
  /** The decoded path as sent, a named stage's prefix included. Default: the route key's path, else `/items`. */
  path?: string;
  /** Default: read from `path` by the route key's `{name}` / `{name+}` segments. */
  pathParameters?: Record<string, string>;
  /** The query string as sent (`limit=2&tag=a`), or its parameters. */
  query?: string | Record<string, string>;
  /** The client's headers (names in any case); they win over the gateway's defaults. */
  headers?: Record<string, string>;
  /** A string as sent; an object is sent as JSON (with its content type); bytes arrive base64-encoded. */
  body?: string | Uint8Array | object;
  /** Override the gateway's reading of a string body (it base64-encodes non-text media types). */
  isBase64Encoded?: boolean;
  /** The verified `sub` of the caller's token; `null`: a route without an authorizer. Default `alice`. */
  sub?: string | null;
  /** Further claims of the token (every claim value reaches the function as a string). */
  claims?: Record<string, string>;
  /** The token's scopes; `null` on a route without authorization scopes. Default: every scope of the API. */
  scopes?: readonly string[] | null;
  /** The gateway's request id (the function's correlation id). */
  requestId?: string;
  /** Default `$default`, the stage the stack deploys. */
  stage?: string;
  sourceIp?: string;
  /** When the gateway received the request. Default: now. */
  receivedAt?: Date;
};

/** A payload format 2.0 event as a JWT-authorized HTTP API hands it on. */
export type TestEvent = HttpApiEvent;

/** The captured `apiId` is ten lower-case letters and digits (`lsw1ro4ipb`); it prefixes the host. */
const testApiId = 'itemstest1';
const region = 'us-east-1';
export const testHost = `${testApiId}.execute-api.${region}.amazonaws.com`;
/** 15 URL-safe base64 characters and `=`, as every captured `requestId` (`ZhMpgigvDoEEPlg=`). */
const testRequestId = 'TestEventReqId0=';
/** RFC 5737 documentation address (TEST-NET-2). */
const testSourceIp = '198.51.100.7';
const testUserAgent = 'items-api-tests/1.0';
/** The Cognito user pool that issues the test token (Cognito's `iss` format). */
const testIssuer = `https://cognito-idp.${region}.amazonaws.com/${region}_TestPool01`;
const testClientId = '4t1vn6tpsk1c8ne4p1mf0q2rs3';

/** The fixed part of the test events' trace ids: any 24 hex digits. */
const testTraceDigits = `${'0'.repeat(12)}${'7e57'.repeat(3)}`;

/** The body as sent: a string as it is, bytes as they are, an object as JSON. */
function encodeBody(body: TestEventOptions['body']) {
  if (body === undefined) return { bytes: Buffer.alloc(0), json: false };
  if (typeof body === 'string') return { bytes: Buffer.from(body), json: false };
  if (body instanceof Uint8Array) return { bytes: Buffer.from(body), json: false };
  return { bytes: Buffer.from(JSON.stringify(body)), json: true };
}

/** The route's path parameters in `path`, as the gateway's route selection reads them. */
function readPathParameters(routeKey: string, method: string, path: string) {
  const selected = createRouteSelector([{ routeKey }]).select(method, path);
  if (!selected) throw new Error(`createTestEvent: ${method} ${path} does not match ${routeKey}`);
  return selected.pathParameters;
}

/**
 * A payload format 2.0 event as API Gateway's HTTP API gives a Lambda proxy integration: header
 * names lower-cased, the gateway's `host`, `x-amzn-trace-id` and `x-forwarded-*` added, cookies
 * moved from `cookie` to `cookies`, `queryStringParameters` / `pathParameters` / `body` only when
 * there are any, and behind the JWT authorizer its claims (all strings) and scopes.
 * Building one costs microseconds: code that times a handler builds its events beforehand.
 */
export function createTestEvent(options: TestEventOptions = {}): TestEvent {
  const routeKey = options.routeKey ?? '$default';
  const [routeMethod, routePath] = routeKey === '$default' ? [] : routeKey.split(' ');
  const method = options.method ?? (routeMethod === 'ANY' ? undefined : routeMethod) ?? 'GET';
  const path = options.path ?? routePath ?? '/items';
  const stage = options.stage ?? '$default';
  const receivedAt = options.receivedAt ?? new Date();
  const sourceIp = options.sourceIp ?? testSourceIp;
  const rawQueryString =
    typeof options.query === 'string'
      ? options.query
      : options.query
        ? new URLSearchParams(options.query).toString()
        : '';
  const body = encodeBody(options.body);
  const sent = Object.fromEntries(
    Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const { cookie, ...clientHeaders } = sent;
  const headers = addForwardedHeaders(
    {
      host: testHost,
      'user-agent': testUserAgent,
      ...(body.bytes.length ? { 'content-length': String(body.bytes.length) } : {}),
      ...(body.json ? { 'content-type': 'application/json' } : {}),
      ...clientHeaders,
    },
    { sourceIp, port: 443, protocol: 'https' },
    () => traceHeader(receivedAt, testTraceDigits),
  );
  const stagePrefix = stage === '$default' ? '' : `/${stage}`;
  const routedPath =
    stagePrefix && path.startsWith(`${stagePrefix}/`) ? path.slice(stagePrefix.length) : path;
  const pathParameters =
    options.pathParameters ??
    (routeMethod ? readPathParameters(routeKey, routeMethod, routedPath) : undefined);
  const scopes =
    options.scopes === undefined ? [...allScopes] : options.scopes && [...options.scopes];
  const api: ApiIdentity = { apiId: testApiId, accountId: '123456789012', stage };
  const event = buildEvent(
    {
      method,
      path,
      rawQueryString,
      headers,
      cookies:
        cookie
          ?.split(';')
          .map((c) => c.trim())
          .filter(Boolean) ?? [],
      body: body.bytes,
      sourceIp,
      requestId: options.requestId ?? testRequestId,
      receivedAt,
    },
    {
      api,
      routeKey,
      ...(pathParameters ? { pathParameters } : {}),
      ...(options.sub === null
        ? {}
        : { authorizer: { claims: tokenClaims(options, receivedAt), scopes } }),
    },
  );
  return options.isBase64Encoded === undefined
    ? event
    : { ...event, isBase64Encoded: options.isBase64Encoded };
}

/**
 * A Cognito access token's claims (Cognito developer guide, "Understanding the access token"),
 * every value a string as the authorizer passes them on (`"exp": "1718722804"` in the capture).
 */
function tokenClaims(options: TestEventOptions, receivedAt: Date): Record<string, string> {
  const issuedAt = Math.floor(receivedAt.getTime() / 1000) - 60;
  const scope = options.scopes === null ? undefined : (options.scopes ?? allScopes).join(' ');
  return {
    sub: options.sub ?? 'alice',
    iss: testIssuer,
    client_id: testClientId,
    token_use: 'access',
    ...(scope ? { scope } : {}),
    auth_time: String(issuedAt),
    iat: String(issuedAt),
    exp: String(issuedAt + 3600),
    jti: '5f0e2c1a-7b3d-4e8f-9a6b-1c2d3e4f5a6b',
    username: options.sub ?? 'alice',
    ...options.claims,
  };
}

/**
 * An event for a route of the contract: its route key (`toRouteKey`), method and path (the
 * route's `:name` segments filled from `params`) as the gateway's route for it sends them.
 */
export function createRouteEvent(
  route: Pick<AppRoute, 'method' | 'path'>,
  params: Record<string, string> = {},
  options: Omit<TestEventOptions, 'routeKey' | 'method' | 'path'> = {},
): TestEvent {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined)
      throw new Error(`createRouteEvent: no value for :${name} of ${route.path}`);
    return value;
  });
  return createTestEvent({ ...options, routeKey: toRouteKey(route), path });
}
