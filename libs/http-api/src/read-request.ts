import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { isPlainPath } from './normalise-path';

// A payload 2.0 event read back into the request it stands for, by a function behind the
// gateway. Reading never changes the event: what the function received stays as received.

/** Tab, LF, CR or space: the HTTP whitespace a Fetch `Headers` object trims (Fetch §2.2). */
const isHttpWhitespace = (code: number) =>
  code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
const HTTP_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

const trimmed = (value: string) =>
  isHttpWhitespace(value.charCodeAt(0)) || isHttpWhitespace(value.charCodeAt(value.length - 1))
    ? value.replace(HTTP_WHITESPACE, '')
    : value;

/**
 * The request's headers: names lower-cased (the gateway sends them so; direct callers may not),
 * values trimmed of HTTP whitespace, empty ones absent, and the `cookies` the gateway split off
 * joined back into one `cookie` header (RFC 6265 §5.4: `; `-separated).
 */
export function requestHeaders(event: APIGatewayProxyEventV2): Record<string, string> {
  const headers: Record<string, string> = {};
  if (event.cookies?.length) headers['cookie'] = event.cookies.join('; ');
  const received = event.headers ?? {};
  for (const name in received) {
    const value = received[name];
    const key = name.toLowerCase();
    if (value) headers[key] = trimmed(value);
    else delete headers[key];
  }
  return headers;
}

/** The body as text, base64-decoded when the gateway encoded it; undefined when there is none. */
export function requestBody(event: APIGatewayProxyEventV2): string | undefined {
  if (event.body === undefined || event.body === '') return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

/**
 * The decoded path (HTTP APIs deliver `rawPath` percent-decoded: `readRequestPath`) as a URI
 * reference again, for a problem's `instance` and the logs: each segment encoded, so a decoded
 * `#`, `?` or space stays inside its segment.
 */
export const encodePath = (path: string) =>
  isPlainPath(path) ? path : path.split('/').map(encodeURIComponent).join('/');
