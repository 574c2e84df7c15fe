import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * An API Gateway HTTP API (payload 2.0) event as the gateway sends it for `routeKey`.
 * `path` defaults to the route key's path; pass one with a stage prefix to mimic a named stage.
 */
export function createTestEvent(
  routeKey: string,
  overrides: Partial<APIGatewayProxyEventV2> = {},
): APIGatewayProxyEventV2 {
  const [method, routePath = '/'] = routeKey.split(' ');
  const rawPath = overrides.rawPath ?? routePath;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { host: 'api.test', 'accept-encoding': 'identity' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.test',
      domainPrefix: 'api',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'jest',
      },
      requestId: 'request-1',
      routeKey,
      stage: '$default',
      time: '25/Nov/2026:09:30:00 +0000',
      timeEpoch: 1_795_000_000_000,
    },
    ...overrides,
  };
}
