import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

type TestEventOptions = {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string | object;
  sub?: string | null;
};

/** A payload v2 event as API Gateway's JWT authorizer passes it on (`sub: null` → no authorizer). */
export function createTestEvent({
  method = 'GET',
  path = '/items',
  query = '',
  headers = {},
  body,
  sub = 'alice',
}: TestEventOptions = {}): APIGatewayProxyEventV2 {
  const text =
    body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    headers: {
      host: 'api.test',
      ...(typeof body === 'object' ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(query)) } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'api.test',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'jest' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:09:30:00 +0000',
      timeEpoch: 0,
      ...(sub === null ? {} : { authorizer: { jwt: { claims: { sub }, scopes: [] } } }),
    },
    isBase64Encoded: false,
    ...(text === undefined ? {} : { body: text }),
  } as APIGatewayProxyEventV2;
}

export const testContext = {
  awsRequestId: 'aws-req-1',
  functionName: 'items-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:items-test',
  memoryLimitInMB: '512',
  getRemainingTimeInMillis: () => 10_000,
} as Context;
