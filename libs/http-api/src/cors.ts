/** An HTTP API's `CorsConfiguration` (AWS::ApiGatewayV2::Api), as read from its template. */
export type CorsConfig = {
  /** The origins written as plain values in the template. */
  readonly allowOrigins: readonly string[];
  /** How many origins CloudFormation resolves at deploy time (the web app's distribution). */
  readonly deployTimeOrigins?: number;
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly allowCredentials: boolean;
  readonly maxAgeSeconds?: number;
};

type HeaderMap = Record<string, string>;

const lower = (values: readonly string[]) => values.map((v) => v.toLowerCase());

function allowedOrigin(cors: CorsConfig, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return cors.allowOrigins.includes(origin) ? origin : undefined;
}

export const isCorsEnabled = (cors: CorsConfig) => cors.allowOrigins.length > 0;

/**
 * A CORS preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method` (Fetch standard,
 * "CORS-preflight request"); header names lower-cased, as payload format 2.0 has them.
 */
export const isPreflight = (
  method: string,
  headers: Readonly<Record<string, string | undefined>>,
) =>
  method === 'OPTIONS' &&
  Boolean(headers['origin']) &&
  Boolean(headers['access-control-request-method']);

/**
 * The CORS headers of a preflight answer: the API's configuration, whether the gateway answered
 * the preflight itself or a route's integration did (the integration's own are ignored).
 */
export function preflightHeaders(cors: CorsConfig, headers: HeaderMap): HeaderMap {
  const origin = allowedOrigin(cors, headers['origin']);
  const method = headers['access-control-request-method']?.toUpperCase() ?? '';
  const methods = cors.allowMethods.map((m) => m.toUpperCase());
  if (!origin || !(methods.includes('*') || methods.includes(method))) return {};
  const requested = lower(
    (headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  );
  const allowHeaders = lower(cors.allowHeaders);
  const headersAllowed =
    allowHeaders.includes('*') || requested.every((h) => allowHeaders.includes(h));
  if (!headersAllowed) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': methods.join(','),
    ...(requested.length ? { 'access-control-allow-headers': requested.join(',') } : {}),
    ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...(cors.maxAgeSeconds !== undefined
      ? { 'access-control-max-age': String(cors.maxAgeSeconds) }
      : {}),
  };
}

/**
 * CORS headers on an actual response. "If you configure CORS for an API, API Gateway ignores
 * CORS headers returned from your backend integration" (AWS guide "Configuring CORS for an HTTP
 * API"): the function's own `access-control-*` headers are dropped and the API's apply.
 */
export function applyCors(
  cors: CorsConfig,
  requestOrigin: string | undefined,
  response: HeaderMap,
): HeaderMap {
  const kept = Object.fromEntries(
    Object.entries(response).filter(([name]) => !name.startsWith('access-control-')),
  );
  const origin = allowedOrigin(cors, requestOrigin);
  if (!origin) return kept;
  return {
    ...kept,
    'access-control-allow-origin': origin,
    ...(cors.exposeHeaders.length
      ? { 'access-control-expose-headers': lower(cors.exposeHeaders).join(',') }
      : {}),
    ...(cors.allowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
    ...(origin !== '*' ? { vary: withOriginVary(kept['vary']) } : {}),
  };
}

/** The function's own `vary` is kept; `origin` is added to it (RFC 9110 §12.5.5: a list). */
function withOriginVary(vary: string | undefined): string {
  const names = (vary ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.some((name) => name === '*' || name.toLowerCase() === 'origin'))
    return names.join(', ');
  return [...names, 'origin'].join(', ');
}
