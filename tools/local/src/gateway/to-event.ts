import { gatewayTime, joinQueryParameters } from '@items-api/stack-contract';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** A request as the gateway has read it: path decoded, headers joined (see request-headers). */
export type IncomingRequest = {
  method: string;
  /** The decoded path (see `readRequestPath`). */
  path: string;
  /** The query string exactly as sent, without `?`. */
  rawQueryString: string;
  headers: Readonly<Record<string, string>>;
  cookies: readonly string[];
  body: Buffer;
  sourceIp: string;
  /** The id the gateway also returns as `apigw-requestid`. */
  requestId: string;
  receivedAt: Date;
};

export type JwtAuthorizerContext = {
  claims: Record<string, string>;
  /** `null` when the route has no authorization scopes (Powertools `jwt-authorizer-auth.json`). */
  scopes: string[] | null;
};

export type EventContext = {
  routeKey: string;
  pathParameters?: Record<string, string>;
  authorizer?: JwtAuthorizerContext;
};

/** The API id the local server reports; also the domain prefix when the host is an IP address. */
const LOCAL_API_ID = 'local';
const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * Media types whose bodies reach the function as text; every other body, and one without a
 * content type, arrives base64-encoded with `isBase64Encoded: true`. HTTP APIs have no binary
 * media type setting: "API Gateway infers the encoding from the content-type" (AWS Compute Blog,
 * "Handling binary data using Amazon API Gateway HTTP APIs"); text passes as-is for `text/*`,
 * `application/json`, `application/xml` and `application/javascript`. Structured-syntax types
 * (`+json`) and forms are not on that list, so they are encoded — the stricter reading.
 */
export function isTextMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    mediaType.startsWith('text/') ||
    ['application/json', 'application/xml', 'application/javascript'].includes(mediaType)
  );
}

const isIpAddress = (host: string) => host.startsWith('[') || /^[\d.]+$/.test(host);

/**
 * `domainName` is the host without a port (captures: `lsw1ro4ipb.execute-api…`, never with
 * `:443`); `domainPrefix` its first label. An IP address has no labels — AWS never serves one —
 * so the API id stands in, as it is the prefix of an API's default endpoint.
 */
export function domainOf(host: string | undefined): { domainName: string; domainPrefix: string } {
  const value = host || 'localhost';
  const domainName = value.startsWith('[')
    ? value.slice(0, value.indexOf(']') + 1)
    : (value.split(':')[0] ?? value);
  const domainPrefix = isIpAddress(domainName)
    ? LOCAL_API_ID
    : (domainName.split('.')[0] ?? domainName);
  return { domainName, domainPrefix };
}

/** An HTTP request as the payload format 2.0 event API Gateway gives a Lambda proxy integration. */
export function toEvent(request: IncomingRequest, context: EventContext): APIGatewayProxyEventV2 {
  const { headers } = request;
  const isText = isTextMediaType(headers['content-type']);
  const queryStringParameters = joinQueryParameters(request.rawQueryString);
  const event: APIGatewayProxyEventV2 & {
    requestContext: { authorizer?: { jwt: JwtAuthorizerContext } };
  } = {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(request.cookies.length ? { cookies: [...request.cookies] } : {}),
    headers: { ...headers },
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(context.pathParameters ? { pathParameters: context.pathParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      ...(context.authorizer ? { authorizer: { jwt: context.authorizer } } : {}),
      ...domainOf(headers['host']),
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: context.routeKey,
      stage: '$default',
      time: gatewayTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(request.body.length ? { body: request.body.toString(isText ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: request.body.length > 0 && !isText,
  };
  return event;
}
