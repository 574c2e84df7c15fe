import { randomBase64url, randomHex } from '../random-ids';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AuthorizerResult } from '../auth/jwt-authorizer';
import {
  addForwardedHeaders,
  applyCors,
  buildEvent,
  isTextMediaType,
  createRouteSelector,
  gatewayBody,
  GatewayMessages,
  isCorsEnabled,
  isPreflight,
  jsonResponse,
  joinRawHeaders,
  preflightHeaders,
  readRequestPath,
  readResult,
  requestHeadSize,
  traceHeader,
  type ApiIdentity,
  type GatewayMessage,
  type HttpResponse,
  type LambdaAuthorizer,
} from '@items-api/http-api';
import { GatewayLimits } from '../gateway/gateway-limits';
import { Throttle } from '../gateway/throttle';
import type { GatewayConfig } from '../template/gateway-config';
import { invoke, type Integration } from './invoke';
import { ByteBudget } from './byte-budget';
import { readBody } from './read-body';

export type GatewayServerOptions = {
  config: GatewayConfig;
  /** The functions' integrations, by the logical id of the function the template routes to. */
  integrations: Readonly<Record<string, Integration>>;
  /**
   * The route's JWT authorizer (by logical id): the identity source's value and the route's
   * authorization scopes.
   */
  authorize: (
    identity: string | undefined,
    routeScopes: readonly string[],
    authorizerId?: string,
  ) => Promise<AuthorizerResult>;
  /**
   * Called when a function's result cannot become a response (the gateway answers 500): API
   * Gateway logs nothing the function can see, so the local server says why in its log.
   */
  onRefusedResult?: (functionId: string, reason: string) => void;
  /** The API's Lambda authorizers, by logical id (see `createLambdaAuthorizer`). */
  lambdaAuthorizers?: Readonly<Record<string, LambdaAuthorizer>>;
  /** The region in the route ARNs Lambda authorizers see. Default `us-east-1`. */
  region?: string;
  /** Answers for local-only paths (the dev issuer's endpoints), checked before the gateway. */
  localRoutes?: (req: IncomingMessage, url: URL) => Promise<HttpResponse | undefined>;
  /**
   * Time a client has to send its whole request (default 30 s). AWS publishes no such limit;
   * Node's default would hold a slow sender's connection for 300 s.
   */
  requestTimeoutMs?: number;
  /** Open connections beyond which new ones are closed at once (default 1024). */
  maxConnections?: number;
  /** Request-body bytes held at once before large requests wait (default 32 MiB; `ByteBudget`). */
  maxHeldBodyBytes?: number;
};

const gatewayError = (answer: GatewayMessage, headers: Record<string, string> = {}) =>
  jsonResponse(answer.status, gatewayBody(answer), headers);

/** The API the local server reports in events: its own id, a placeholder account, one stage. */
const localApi: ApiIdentity = { apiId: 'local', accountId: '000000000000', stage: '$default' };

/**
 * Ids in the captured format (`ZhMpgigvDoEEPlg=`, `LV7fzho-PHcEJPw=`: 11 bytes, URL-safe base64,
 * padded): one per request, sent as `apigw-requestid` and given to the function as
 * `requestContext.requestId`, as on AWS (the troubleshooting page's
 * `apigw-requestid: Mc7UVioPPHcEKPA=`).
 */
const newRequestId = () => `${randomBase64url(11)}=`;

/** Bodies this small never wait for the body budget: a large upload cannot hold them back. */
const SMALL_BODY_BYTES = 64 * 1024;

/**
 * The largest body that can still fit Lambda's 6 MB invocation payload once in the event (text as
 * it is, anything else base64-encoded), and never more than HTTP API's 10 MB payload quota.
 */
const largestBody = (contentType: string | undefined) =>
  Math.min(
    isTextMediaType(contentType)
      ? GatewayLimits.maxInvocationPayloadBytes
      : Math.floor((GatewayLimits.maxInvocationPayloadBytes * 3) / 4), // base64: RFC 4648 §4
    GatewayLimits.maxRequestBytes,
  );

const byteLength = (value: unknown): number => {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : Buffer.byteLength(json);
};

function send(res: ServerResponse, response: HttpResponse, requestId: string): void {
  const headers: Record<string, string | string[]> = {
    ...response.headers,
    'apigw-requestid': requestId,
    'content-length': String(response.body.length),
  };
  if (response.cookies.length) headers['set-cookie'] = response.cookies;
  res.writeHead(response.status, headers).end(response.body);
}

/** Node's own refusals (unparseable request, header overflow, slow client) in the gateway's shape. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const answer =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? GatewayMessages.headersTooLarge
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? GatewayMessages.requestTimeout
        : GatewayMessages.badRequest;
  const body = gatewayBody(answer);
  // Destroyed once the answer is written: a client that keeps its side open (half-open) must not
  // hold a connection slot after its request was refused.
  socket.end(
    `HTTP/1.1 ${answer.status} ${answer.message}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** An HTTP server that behaves like the stage's HTTP API in front of in-process functions. */
export function createGatewayServer(options: GatewayServerOptions): Server {
  const { config } = options;
  const formatOne = config.routes.filter((r) => r.payloadFormatVersion !== '2.0');
  if (formatOne.length) {
    throw new Error(
      `payload format 1.0 is not emulated (routes ${formatOne.map((r) => r.routeKey).join(', ')})`,
    );
  }
  const routes = createRouteSelector(config.routes);
  const throttle = new Throttle(config.throttle);
  const bodies = new ByteBudget(options.maxHeldBodyBytes ?? 32 * 1024 * 1024);
  const corsEnabled = isCorsEnabled(config.cors);

  async function respond(
    req: IncomingMessage,
    joined: { headers: Record<string, string>; cookies: string[] },
    requestId: string,
  ): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const localUrl = parseTarget(target);
    const local = localUrl && (await options.localRoutes?.(req, localUrl));
    if (local) return local;
    const requestLine = `${method} ${target} HTTP/${req.httpVersion}`;
    if (requestHeadSize(requestLine, req.rawHeaders) > GatewayLimits.maxRequestHeadBytes) {
      return gatewayError(GatewayMessages.headersTooLarge);
    }
    if (Number(joined.headers['content-length'] ?? 0) > GatewayLimits.maxRequestBytes) {
      return gatewayError(GatewayMessages.tooLarge);
    }
    const requestPath = readRequestPath(target);
    if (!requestPath.ok) return gatewayError(GatewayMessages.badRequest);
    const match = routes.select(method, requestPath.path);
    if (!match) {
      // "API Gateway automatically sends a response to preflight OPTIONS requests, even if there
      // isn't an OPTIONS route configured" (AWS guide "Configuring CORS for an HTTP API"). A
      // preflight that a route does match ($default, ANY, OPTIONS /{proxy+}) goes to that route:
      // the same guide has `$default` catch OPTIONS requests, hence its advice to add an
      // unauthenticated `OPTIONS /{proxy+}` route with an integration; an authorized `ANY` route
      // fails browser preflights too (anomalyco/sst#5493).
      if (corsEnabled && isPreflight(method, joined.headers)) {
        return { status: 204, headers: {}, cookies: [], body: Buffer.alloc(0) };
      }
      return gatewayError(GatewayMessages.notFound);
    }
    const { route } = match;
    if (!throttle.take(route.routeKey)) return gatewayError(GatewayMessages.tooManyRequests);
    const receivedAt = new Date();
    const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
    const request = {
      method,
      path: requestPath.path,
      rawQueryString: requestPath.rawQueryString,
      headers: addForwardedHeaders(
        joined.headers,
        { sourceIp, port: req.socket.localPort ?? 0, protocol: 'http' },
        () => traceHeader(receivedAt, randomHex(12)),
      ),
      cookies: joined.cookies,
      sourceIp,
      requestId,
      receivedAt,
    };
    const eventContext = {
      api: localApi,
      routeKey: route.routeKey,
      ...(match.pathParameters ? { pathParameters: match.pathParameters } : {}),
    };
    let authorizer: { claims: Record<string, string>; scopes: string[] | null } | undefined;
    let lambdaAuthorizer: Record<string, unknown> | null | undefined;
    const routeAuthorizer = route.authorizerId ? config.authorizers[route.authorizerId] : undefined;
    if (route.auth === 'jwt') {
      const identityHeader =
        routeAuthorizer?.type === 'jwt'
          ? routeAuthorizer.identityHeader
          : config.authorizer.identityHeader;
      const verdict = await options.authorize(
        joined.headers[identityHeader],
        route.scopes ?? [],
        route.authorizerId,
      );
      if (!verdict.ok) {
        const refusal =
          verdict.status === 403 ? GatewayMessages.forbidden : GatewayMessages.unauthorized;
        return gatewayError(refusal, { 'www-authenticate': verdict.challenge });
      }
      authorizer = { claims: verdict.claims, scopes: verdict.scopes };
    } else if (route.auth === 'lambda') {
      const authorize = route.authorizerId && options.lambdaAuthorizers?.[route.authorizerId];
      if (!authorize) return gatewayError(GatewayMessages.internal);
      const verdict = await authorize(request, eventContext, {
        ...localApi,
        region: options.region ?? 'us-east-1',
      });
      if (!verdict.ok) return gatewayError(verdict.answer);
      lambdaAuthorizer = verdict.context;
    }
    // The body is read only once the request may pass: a throttled or unauthorised client does
    // not get 10 MB buffered. One that cannot fit Lambda's invocation payload is refused unread.
    const bodyLimit = largestBody(joined.headers['content-type']);
    const declared = Number(joined.headers['content-length'] ?? 0);
    if (declared > bodyLimit) return gatewayError(GatewayMessages.tooLarge);
    const chunked = joined.headers['content-length'] === undefined;
    const release =
      chunked || declared > SMALL_BODY_BYTES
        ? await bodies.reserve(chunked ? bodyLimit : declared)
        : undefined;
    try {
      const body = await readBody(req, bodyLimit);
      if (!body) return gatewayError(GatewayMessages.tooLarge);
      const integration = options.integrations[route.functionId];
      const fn = config.functions[route.functionId];
      if (!integration || !fn) return gatewayError(GatewayMessages.internal);
      const event = buildEvent(
        { ...request, body },
        {
          ...eventContext,
          ...(authorizer ? { authorizer } : {}),
          ...(lambdaAuthorizer !== undefined ? { lambdaAuthorizer } : {}),
        },
      );
      if (byteLength(event) > GatewayLimits.maxInvocationPayloadBytes) {
        return gatewayError(GatewayMessages.tooLarge);
      }
      const outcome = await invoke(integration, event, {
        integrationTimeoutMs: Math.min(route.timeoutMs, GatewayLimits.maxIntegrationTimeoutMs),
      });
      if (!outcome.ok) return gatewayError(outcome.error);
      const refused = (reason: string) => {
        options.onRefusedResult?.(route.functionId, reason);
        return gatewayError(GatewayMessages.internal);
      };
      // Lambda refuses a result over its 6 MB response payload quota; the gateway answers 500.
      const resultBytes = byteLength(outcome.result);
      if (resultBytes > GatewayLimits.maxInvocationPayloadBytes) {
        return refused(
          `the result is ${resultBytes} bytes, over Lambda's ${GatewayLimits.maxInvocationPayloadBytes}-byte response payload quota`,
        );
      }
      const read = readResult(outcome.result);
      return read.ok ? read.response : refused(read.reason);
    } finally {
      release?.();
    }
  }

  const server = createServer(
    {
      // Heads up to 64 KB reach the gateway, which answers 431 over its 10240-byte quota itself.
      maxHeaderSize: 64 * 1024,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      headersTimeout: Math.min(options.requestTimeoutMs ?? 30_000, 10_000),
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      const requestId = newRequestId();
      const joined = joinRawHeaders(req.rawHeaders);
      respond(req, joined, requestId)
        .catch(() => gatewayError(GatewayMessages.internal))
        .then((response) => {
          if (!corsEnabled) return send(res, response, requestId);
          const preflight = isPreflight(req.method ?? '', joined.headers);
          const headers = preflight
            ? {
                ...Object.fromEntries(
                  Object.entries(response.headers).filter(
                    ([name]) => !name.startsWith('access-control-'),
                  ),
                ),
                ...preflightHeaders(config.cors, joined.headers),
              }
            : applyCors(config.cors, joined.headers['origin'], response.headers);
          send(res, { ...response, headers }, requestId);
        })
        .catch(() => res.destroy());
    },
  );
  server.maxConnections = options.maxConnections ?? 1024;
  server.on('clientError', answerClientError);
  return server;
}

/** The request target as a URL for the local-only routes; undefined when it is not one. */
function parseTarget(target: string): URL | undefined {
  try {
    return new URL(target, 'http://gateway.local');
  } catch {
    return undefined;
  }
}
