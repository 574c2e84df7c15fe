// Fields of a payload 2.0 event as HTTP API writes them, each the way AWS's captured events
// (Powertools for Lambda TypeScript, `packages/parser/tests/events/apigw-http/*.json`) show it.

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `17/Jun/2024:15:49:29 +0000`: the captured `requestContext.time` format, always UTC. */
export function gatewayTime(date: Date): string {
  const clock = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(two).join(':');
  return `${two(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${clock} +0000`;
}

/**
 * An X-Ray trace header as the gateway adds it (`Root=1-66705b09-5f85233d2fb7bd54034f7e30`,
 * X-Ray developer guide "Tracing header"): epoch seconds in 8 hex digits, then 24 hex digits.
 */
export function traceHeader(now: Date, unique24Hex: string): string {
  if (!/^[0-9a-f]{24}$/.test(unique24Hex)) throw new Error('a trace id ends in 24 hex digits');
  const seconds = Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${seconds}-${unique24Hex}`;
}

/**
 * Media types whose bodies reach the function as text; every other body, and one without a
 * content type, arrives base64-encoded with `isBase64Encoded: true`. HTTP APIs have no binary
 * media type setting: "API Gateway infers the encoding from the content-type" (AWS Compute Blog,
 * "Handling binary data using Amazon API Gateway HTTP APIs"); text passes as-is for `text/*`,
 * `application/json`, `application/xml` and `application/javascript`. Structured-syntax types
 * (`+json`) and forms are not on that list, so they are encoded — the stricter reading.
 */
export function isTextMediaType(contentType: string | undefined): boolean {
  const mediaType = mediaTypeOf(contentType);
  return (
    mediaType.startsWith('text/') ||
    ['application/json', 'application/xml', 'application/javascript'].includes(mediaType)
  );
}

/** `Application/JSON; charset=UTF-8` → `application/json` (RFC 9110 §8.3.1: case-insensitive). */
export const mediaTypeOf = (contentType: string | undefined) =>
  contentType?.split(';')[0]?.trim().toLowerCase() ?? '';

const isIpAddress = (host: string) => host.startsWith('[') || /^[\d.]+$/.test(host);

/**
 * `domainName` is the host without a port (captures: `lsw1ro4ipb.execute-api…`, never with
 * `:443`); `domainPrefix` its first label. An IP address has no labels — AWS never serves one —
 * so the API id stands in, as it is the prefix of an API's default endpoint.
 */
export function domainOf(
  host: string | undefined,
  apiId: string,
): { domainName: string; domainPrefix: string } {
  const value = host || 'localhost';
  const domainName = value.startsWith('[')
    ? value.slice(0, value.indexOf(']') + 1)
    : (value.split(':')[0] ?? value);
  const domainPrefix = isIpAddress(domainName) ? apiId : (domainName.split('.')[0] ?? domainName);
  return { domainName, domainPrefix };
}
