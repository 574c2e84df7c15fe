import { Headers, type HeaderName } from './headers';

/**
 * The HTTP API quotas its own answers name (AWS guide "Quotas for configuring and running an
 * HTTP API"); the stack and the local gateway hold to the same figures.
 */
export const GatewayQuotas = {
  /** "Payload size 10 MB". */
  maxRequestBytes: 10 * 1024 * 1024,
  /** "Total combined size of request line and header values 10240 bytes". */
  maxRequestHeadBytes: 10_240,
  /** The maximum (and default) integration timeout, 30 seconds. */
  maxIntegrationTimeoutSeconds: 30,
} as const;

/**
 * `10240` → `10,240`, without `toLocaleString`: its first call loads ICU's number formatting,
 * which cost the function's cold start about 9 ms.
 */
const groupThousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export type GatewayAnswer = {
  readonly status: number;
  /** The `message` of API Gateway's `{"message": …}` body. */
  readonly message: string;
  readonly when: string;
  /** `jwt`: only on routes behind the JWT authorizer. */
  readonly routes: 'jwt' | 'all';
  readonly headers?: readonly HeaderName[];
};

/**
 * What API Gateway (HTTP API) answers itself, as `application/json` `{"message": …}`, before or
 * instead of the function. Sources: the HTTP API guides "Controlling access to HTTP APIs with JWT
 * authorizers" (401, with `WWW-Authenticate`; 403 for a missing scope), "Quotas for configuring
 * and running an HTTP API" (10 MB payload → 413; request line and headers over 10,240 bytes →
 * 431, which AWS does not document a status for: the stricter reading is declared, with the
 * gateway's usual body; a path it cannot decode → 400, likewise undocumented; 30 s integration timeout → 503), "Throttle
 * requests to your HTTP APIs" (429, no `Retry-After`) and "Troubleshooting issues with HTTP API
 * Lambda integrations" (500 when the function fails or returns a malformed result).
 */
export const GatewayAnswers = [
  {
    status: 401,
    message: 'Unauthorized',
    when: 'the token is missing, expired or not valid for this API (JWT authorizer)',
    routes: 'jwt',
    headers: [Headers.wwwAuthenticate],
  },
  {
    status: 403,
    message: 'Forbidden',
    when: 'the token lacks a scope the route requires (JWT authorizer)',
    routes: 'jwt',
  },
  {
    status: 413,
    message: 'Request Entity Too Large',
    when: `the request is over ${GatewayQuotas.maxRequestBytes / (1024 * 1024)} MB`,
    routes: 'all',
  },
  {
    status: 400,
    message: 'Bad Request',
    when: 'the path cannot be decoded (a malformed percent-escape), before any route is matched',
    routes: 'all',
  },
  {
    status: 431,
    message: 'Request Header Fields Too Large',
    when: `the request line and headers are over the limit (${groupThousands(GatewayQuotas.maxRequestHeadBytes)} bytes for HTTP APIs; RFC 6585 §5)`,
    routes: 'all',
  },
  {
    status: 429,
    message: 'Too Many Requests',
    when: 'the stage or route throttle is exceeded; no `Retry-After` is sent, so back off exponentially with jitter',
    routes: 'all',
  },
  {
    status: 500,
    message: 'Internal Server Error',
    when: 'the function crashed or returned a malformed result',
    routes: 'all',
  },
  {
    status: 503,
    message: 'Service Unavailable',
    when: `the function did not answer within the ${GatewayQuotas.maxIntegrationTimeoutSeconds} s integration timeout`,
    routes: 'all',
  },
] as const satisfies readonly GatewayAnswer[];
