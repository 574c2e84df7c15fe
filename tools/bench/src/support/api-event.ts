import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export type ApiEventOptions = {
  method: string;
  /** `/items/01J…` */
  path: string;
  /** The route API Gateway matched: `GET /items/{id}`. */
  routeKey: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** The caller, as the JWT authorizer's verified `sub` claim. */
  sub: string;
};

/**
 * A payload format 2.0 event as HTTP API's JWT authorizer hands it on (claims as strings),
 * built once per request shape: the benchmarks time the handler, not event construction.
 */
export function apiEvent(options: ApiEventOptions): APIGatewayProxyEventV2 {
  const { method, path, routeKey, pathParameters, query, headers = {}, body, sub } = options;
  const rawQueryString = query ? new URLSearchParams(query).toString() : '';
  const now = Math.floor(Date.now() / 1000);
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString,
    headers: {
      host: 'bench.execute-api.us-east-1.amazonaws.com',
      'user-agent': 'items-api-bench',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(query ? { queryStringParameters: query } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'bench.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'bench',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: 'bench-request',
      routeKey,
      stage: '$default',
      time: '25/Nov/2026:09:30:00 +0000',
      timeEpoch: now * 1000,
      authorizer: {
        jwt: {
          claims: {
            sub,
            iss: 'https://issuer.bench.local',
            aud: 'items-api',
            token_use: 'id',
            iat: String(now),
            exp: String(now + 3600),
          },
          scopes: [],
        },
      },
    } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
}

/** `GET /items/{id}`: the request four of the six benchmarks time. */
export const getItemEvent = (sub: string, id: string) =>
  apiEvent({
    method: 'GET',
    path: `/items/${id}`,
    routeKey: 'GET /items/{id}',
    pathParameters: { id },
    sub,
  });

export const benchContext = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'items-bench',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:items-bench',
  memoryLimitInMB: '512',
  awsRequestId: 'bench-request',
  logGroupName: '/aws/lambda/items-bench',
  logStreamName: 'bench',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;
