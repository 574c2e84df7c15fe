/** What the gateway knows about the connection a request came on. */
export type Connection = { sourceIp: string; port: number; protocol: 'http' | 'https' };

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1) end at the gateway: the captured events carry no
 * `connection` header although HTTPie sends `Connection: keep-alive`
 * (Powertools `apigw-http/jwt-authorizer-auth.json`).
 */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Request headers as payload format 2.0 carries them, from Node's `rawHeaders` (name, value,
 * name, value… exactly as received): names lower-cased, repeated headers joined with `,` and no
 * space ("Duplicate headers are combined with commas", AWS guide "Working with AWS Lambda proxy
 * integrations for HTTP APIs"; `"x-voker-probe": "first,second"` in hotsock/voker's live
 * capture), `cookie` headers moved to `cookies`. Node's own `req.headers` would join with `, `
 * and drop a second `Authorization`, so it is not used.
 */
export function joinRawHeaders(rawHeaders: readonly string[]): {
  headers: Record<string, string>;
  cookies: string[];
} {
  const grouped = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    grouped.set(name, [...(grouped.get(name) ?? []), rawHeaders[i + 1] ?? '']);
  }
  // "All cookie headers in the request are combined with commas and added to the cookies field"
  // (same guide): each `a=1; b=2` header contributes its cookies, in order.
  const cookies = (grouped.get('cookie') ?? [])
    .flatMap((header) => header.split(';'))
    .map((cookie) => cookie.trim())
    .filter(Boolean);
  grouped.delete('cookie');
  for (const name of hopByHop) grouped.delete(name);
  return {
    headers: Object.fromEntries([...grouped].map(([name, values]) => [name, values.join(',')])),
    cookies,
  };
}

/**
 * The headers the gateway adds, as every captured event shows them: `x-forwarded-for` (the
 * client's address appended to any the client sent), `x-forwarded-port`, `x-forwarded-proto`
 * and `x-amzn-trace-id` (kept when the client sent one, as X-Ray propagates a trace header).
 */
export function addForwardedHeaders(
  headers: Record<string, string>,
  connection: Connection,
  newTraceHeader: () => string,
): Record<string, string> {
  const forwardedFor = headers['x-forwarded-for'];
  return {
    ...headers,
    'x-amzn-trace-id': headers['x-amzn-trace-id'] || newTraceHeader(),
    'x-forwarded-for': forwardedFor
      ? `${forwardedFor}, ${connection.sourceIp}`
      : connection.sourceIp,
    'x-forwarded-port': String(connection.port),
    'x-forwarded-proto': connection.protocol,
  };
}

/**
 * The size API Gateway's quota counts: "Total combined size of request line and header values"
 * (HTTP API quotas, 10240 bytes). Names are counted too — the stricter reading.
 */
export function requestHeadSize(requestLine: string, rawHeaders: readonly string[]): number {
  return rawHeaders.reduce(
    (size, part) => size + Buffer.byteLength(part),
    Buffer.byteLength(requestLine),
  );
}
