import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { domainOf, gatewayTime, isTextMediaType } from './event-fields';
import { joinQueryParameters } from './query';

/** A request as the gateway has read it: path decoded, headers joined (`joinRawHeaders`). */
export type IncomingRequest = {
  method: string;
  /** The decoded path (`readRequestPath`), a named stage's prefix included. */
  path: string;
  /** The query string exactly as sent, without `?`. */
  rawQueryString: string;
  /** Names lower-cased; the gateway's own headers (`addForwardedHeaders`) included. */
  headers: Readonly<Record<string, string>>;
  cookies: readonly string[];
  body: Uint8Array;
  sourceIp: string;
  /** The id the gateway also returns as `apigw-requestid`. */
  requestId: string;
  receivedAt: Date;
};

export type JwtAuthorizerContext = {
  /** Every claim value as a string, as the JWT authorizer passes them on. */
  claims: Record<string, string>;
  /** `null` when the route has no authorization scopes (Powertools `jwt-authorizer-auth.json`). */
  scopes: string[] | null;
};

/** Which API and stage the event is from. */
export type ApiIdentity = { apiId: string; accountId: string; stage: string };

export type EventContext = {
  api: ApiIdentity;
  routeKey: string;
  pathParameters?: Record<string, string>;
  authorizer?: JwtAuthorizerContext;
  /**
   * A Lambda authorizer's `context` (`requestContext.authorizer.lambda`; `null` when it returned
   * none, as in Powertools' `lambda-authorizer-auth.json`).
   */
  lambdaAuthorizer?: Record<string, unknown> | null;
};

/** A JWT-authorized payload 2.0 event. */
export type HttpApiEvent = APIGatewayProxyEventV2 & {
  requestContext: { authorizer?: { jwt: JwtAuthorizerContext } };
};

/**
 * `requestContext.authorizer` of a route behind a Lambda authorizer. `HttpApiEvent` keeps the JWT
 * shape its readers rely on; such an event holds this one instead.
 */
const lambdaAuthorizerField = (context: Record<string, unknown> | null) =>
  ({ authorizer: { lambda: context } }) as unknown as {
    authorizer?: { jwt: JwtAuthorizerContext };
  };

/**
 * An HTTP request as the payload format 2.0 event API Gateway gives a Lambda proxy integration
 * (AWS guide "Working with AWS Lambda proxy integrations for HTTP APIs", and the captured events):
 * `queryStringParameters`, `pathParameters`, `cookies` and `body` only when there are any, text
 * bodies as they are and every other body base64-encoded.
 */
export function buildEvent(request: IncomingRequest, context: EventContext): HttpApiEvent {
  const { headers, body } = request;
  const isText = isTextMediaType(headers['content-type']);
  const queryStringParameters = joinQueryParameters(request.rawQueryString);
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return {
    version: '2.0',
    routeKey: context.routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    ...(request.cookies.length ? { cookies: [...request.cookies] } : {}),
    headers: { ...headers },
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(context.pathParameters ? { pathParameters: context.pathParameters } : {}),
    requestContext: {
      accountId: context.api.accountId,
      apiId: context.api.apiId,
      ...(context.authorizer ? { authorizer: { jwt: context.authorizer } } : {}),
      ...(context.lambdaAuthorizer !== undefined
        ? lambdaAuthorizerField(context.lambdaAuthorizer)
        : {}),
      ...domainOf(headers['host'], context.api.apiId),
      http: {
        method: request.method,
        path: request.path,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: context.routeKey,
      stage: context.api.stage,
      time: gatewayTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(bytes.length ? { body: bytes.toString(isText ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: bytes.length > 0 && !isText,
  };
}
