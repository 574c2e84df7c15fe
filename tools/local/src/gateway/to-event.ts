import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type IncomingRequest = {
  method: string;
  /** Path and query as received: `/items?limit=5`. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  sourceIp: string;
};

export type EventContext = {
  routeKey: string;
  pathParameters?: Record<string, string>;
  authorizer?: { claims: Record<string, string>; scopes: string[] };
};

// Bodies API Gateway passes as text; anything else arrives base64-encoded.
const textual =
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|[^;]*\+(json|xml))/i;

/** Header values as API Gateway v2 sends them: lower-case names, repeated headers comma-joined. */
function joinHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name, value]) => value !== undefined && name !== 'cookie')
      .map(([name, value]) => [
        name.toLowerCase(),
        Array.isArray(value) ? value.join(',') : String(value),
      ]),
  );
}

function joinQuery(search: URLSearchParams): Record<string, string> | undefined {
  const grouped = new Map<string, string[]>();
  search.forEach((value, name) => grouped.set(name, [...(grouped.get(name) ?? []), value]));
  return grouped.size
    ? Object.fromEntries([...grouped].map(([name, values]) => [name, values.join(',')]))
    : undefined;
}

function clfTime(date: Date): string {
  const [, day, month, year, time] =
    /^\w+, (\d+) (\w+) (\d+) ([\d:]+)/.exec(date.toUTCString()) ?? [];
  return `${day}/${month}/${year}:${time} +0000`;
}

/** An HTTP request as the payload format 2.0 event API Gateway gives a Lambda proxy integration. */
export function toEvent(request: IncomingRequest, context: EventContext): APIGatewayProxyEventV2 {
  const url = new URL(request.url, 'http://gateway.local');
  const headers = joinHeaders(request.headers);
  const cookieHeader = request.headers.cookie;
  const cookies = cookieHeader
    ? cookieHeader
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean)
    : undefined;
  const isText = textual.test(headers['content-type'] ?? '') || request.body.length === 0;
  const now = new Date();
  const requestId = randomUUID();
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(joinQuery(url.searchParams) ? { queryStringParameters: joinQuery(url.searchParams) } : {}),
    ...(context.pathParameters ? { pathParameters: context.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: (headers['host'] ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: context.routeKey,
      stage: '$default',
      time: clfTime(now),
      timeEpoch: now.getTime(),
      ...(context.authorizer ? { authorizer: { jwt: context.authorizer } } : {}),
    },
    isBase64Encoded: !isText,
    ...(request.body.length ? { body: request.body.toString(isText ? 'utf8' : 'base64') } : {}),
  };
  return event;
}
