import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AuthorizerResult } from '../auth/jwt-authorizer';
import { applyCors, isCorsEnabled, isPreflight, preflightHeaders } from '../gateway/cors';
import { fromResult, jsonResponse, type HttpResponse } from '../gateway/from-result';
import { GatewayLimits, GatewayMessages, type GatewayMessage } from '../gateway/gateway-errors';
import { createRouteMatcher } from '../gateway/route-matcher';
import { Throttle } from '../gateway/throttle';
import { toEvent } from '../gateway/to-event';
import type { GatewayConfig } from '../template/gateway-config';
import { invoke, type Integration } from './invoke';
import { lambdaContext } from './lambda-context';
import { readBody } from './read-body';

export type GatewayServerOptions = {
  config: GatewayConfig;
  /** Handlers by the logical id of the function the template routes to. */
  integrations: Readonly<Record<string, Integration>>;
  authorize: (authorization: string | undefined) => Promise<AuthorizerResult>;
  /** Answers for local-only paths (the dev issuer's endpoints), checked before the gateway. */
  localRoutes?: (req: IncomingMessage, url: URL) => Promise<HttpResponse | undefined>;
};

const gatewayError = ({ status, message }: GatewayMessage, headers: Record<string, string> = {}) =>
  jsonResponse(status, JSON.stringify({ message }), headers);

function send(res: ServerResponse, response: HttpResponse, requestId: string): void {
  const headers: Record<string, string | string[]> = {
    ...response.headers,
    'apigw-requestid': requestId,
    'content-length': String(response.body.length),
  };
  if (response.cookies.length) headers['set-cookie'] = response.cookies;
  res.writeHead(response.status, headers).end(response.body);
}

/** An HTTP server that behaves like the stage's HTTP API in front of in-process functions. */
export function createGatewayServer(options: GatewayServerOptions): Server {
  const { config } = options;
  const matchRoute = createRouteMatcher(config.routes);
  const throttle = new Throttle(config.throttle);

  async function respond(req: IncomingMessage): Promise<HttpResponse> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://gateway.local');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const local = await options.localRoutes?.(req, url);
    if (local) return local;
    if (Number(req.headers['content-length'] ?? 0) > GatewayLimits.maxRequestBytes) {
      req.resume();
      return gatewayError(GatewayMessages.tooLarge);
    }
    const body = await readBody(req, GatewayLimits.maxRequestBytes);
    if (!body) return gatewayError(GatewayMessages.tooLarge);
    if (isCorsEnabled(config.cors) && isPreflight(method, headers)) {
      return {
        status: 204,
        headers: preflightHeaders(config.cors, headers),
        cookies: [],
        body: Buffer.alloc(0),
      };
    }
    const match = matchRoute(method, url.pathname);
    if (!match) return gatewayError(GatewayMessages.notFound);
    if (!throttle.take(match.route.routeKey)) return gatewayError(GatewayMessages.tooManyRequests);
    let authorizer: { claims: Record<string, string>; scopes: string[] } | undefined;
    if (match.route.auth === 'jwt') {
      const verdict = await options.authorize(req.headers.authorization);
      if (!verdict.ok)
        return gatewayError(GatewayMessages.unauthorized, {
          'www-authenticate': verdict.challenge,
        });
      // A route with AuthorizationScopes needs one of them in the token's scope claim, else 403
      // (API Gateway developer guide, "Control access to HTTP APIs with JWT authorizers").
      const required = match.route.scopes ?? [];
      if (required.length && !required.some((scope) => verdict.scopes.includes(scope))) {
        return gatewayError(GatewayMessages.forbidden);
      }
      authorizer = { claims: verdict.claims, scopes: verdict.scopes };
    }
    const integration = options.integrations[match.route.functionId];
    const fn = config.functions[match.route.functionId];
    if (!integration || !fn) return gatewayError(GatewayMessages.internal);
    const event = toEvent(
      {
        method,
        url: req.url ?? '/',
        headers: req.headers,
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      },
      { routeKey: match.route.routeKey, pathParameters: match.pathParameters, authorizer },
    );
    const outcome = await invoke(
      integration,
      event,
      lambdaContext(match.route.functionId, fn, event.requestContext.requestId),
      {
        functionTimeoutMs: fn.timeoutSeconds * 1000,
        integrationTimeoutMs: Math.min(
          match.route.timeoutMs,
          GatewayLimits.maxIntegrationTimeoutMs,
        ),
      },
    );
    return outcome.ok ? fromResult(outcome.result) : gatewayError(outcome.error);
  }

  return createServer((req, res) => {
    const requestId = randomUUID();
    respond(req)
      .catch(() => gatewayError(GatewayMessages.internal))
      .then((response) => {
        // The preflight answer already is the CORS configuration; everything else gets it applied.
        const preflight = isPreflight(req.method ?? '', req.headers as Record<string, string>);
        const cors =
          isCorsEnabled(config.cors) && !preflight
            ? applyCors(config.cors, req.headers.origin, response.headers)
            : response.headers;
        send(res, { ...response, headers: cors }, requestId);
      });
  });
}
