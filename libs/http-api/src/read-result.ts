export type HttpResponse = {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
};

/** A JSON response: a function result without `statusCode`, the gateway's own errors, the JWKS. */
export const jsonResponse = (
  status: number,
  json: string,
  headers: Record<string, string> = {},
): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  cookies: [],
  body: Buffer.from(json),
});

/**
 * The content type a structured result without one gets. AWS documents none; deployed HTTP APIs
 * answer `text/plain` (quarkusio/quarkus#15909, rackspace/sailplane#138: a JSON body arrives as
 * `text/plain`), with the charset a Go HTTP server adds to text.
 */
export const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';

type HeaderValue = string | number | boolean;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// RFC 9110 §5.1 field names (tokens) and §5.5 field values (no CR, LF or NUL).
const fieldName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const fieldValue = /^[^\r\n\0]*$/;

const isHeaderValue = (value: unknown): value is HeaderValue =>
  (typeof value === 'string' && fieldValue.test(value)) ||
  typeof value === 'number' ||
  typeof value === 'boolean';

function readHeaders(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (!isRecord(value)) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!fieldName.test(name) || !isHeaderValue(v)) return undefined;
    headers[name.toLowerCase()] = String(v);
  }
  return headers;
}

const isCookieList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((c) => typeof c === 'string' && fieldValue.test(c));

/**
 * A function's result as API Gateway (payload format 2.0) turns it into a response, per the AWS
 * guide "Working with AWS Lambda proxy integrations for HTTP APIs": a result without
 * `statusCode` is a 200 with `content-type: application/json` and the result as the body (a
 * string as it is, anything else as JSON); a structured result gives `statusCode`, `headers`,
 * `cookies` (each a `set-cookie`) and `body` (base64-decoded when `isBase64Encoded`).
 * @returns `undefined` for a malformed structured result, which the gateway answers with 500
 *   `{"message":"Internal Server Error"}`: a status outside 100–599, a header that is an object or
 *   holds a line break, cookies that are not strings, a body that is not a string.
 */
export function readResult(result: unknown): HttpResponse | undefined {
  if (!isRecord(result) || !('statusCode' in result)) {
    return jsonResponse(200, typeof result === 'string' ? result : JSON.stringify(result ?? null));
  }
  const { statusCode, body = '', cookies = [], isBase64Encoded = false } = result;
  const headers = readHeaders(result['headers']);
  if (
    typeof statusCode !== 'number' ||
    !Number.isInteger(statusCode) ||
    statusCode < 100 ||
    statusCode > 599 ||
    !headers ||
    !isCookieList(cookies) ||
    typeof body !== 'string' ||
    typeof isBase64Encoded !== 'boolean'
  ) {
    return undefined;
  }
  const bytes = Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length && !headers['content-type']) headers['content-type'] = DEFAULT_CONTENT_TYPE;
  return { status: statusCode, headers, cookies, body: bytes };
}
