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

const describe = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object' || typeof value === 'undefined'
        ? `an ${typeof value}`
        : `a ${typeof value}`;

/** The headers lower-cased and as strings, or why they cannot be sent. */
function readHeaders(value: unknown): Record<string, string> | string {
  if (value === undefined) return {};
  if (!isRecord(value)) return `headers is ${describe(value)}, not an object`;
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!fieldName.test(name)) return `header name ${JSON.stringify(name)} is not a token`;
    if (!isHeaderValue(v)) {
      return typeof v === 'string'
        ? `header ${name} holds a line break or NUL`
        : `header ${name} is ${describe(v)}, not a string, number or boolean`;
    }
    headers[name.toLowerCase()] = String(v);
  }
  return headers;
}

/** Why a structured result cannot become a response, or undefined when it can. */
function malformation(result: Record<string, unknown>): string | undefined {
  const { statusCode, body = '', cookies = [], isBase64Encoded = false } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode)) {
    return `statusCode is ${JSON.stringify(statusCode) ?? describe(statusCode)}, not an integer`;
  }
  if (statusCode < 100 || statusCode > 599) return `statusCode ${statusCode} is outside 100–599`;
  if (
    !Array.isArray(cookies) ||
    !cookies.every((c) => typeof c === 'string' && fieldValue.test(c))
  ) {
    return 'cookies must be a list of strings without line breaks';
  }
  if (typeof body !== 'string') return `body is ${describe(body)}, not a string`;
  if (typeof isBase64Encoded !== 'boolean') {
    return `isBase64Encoded is ${describe(isBase64Encoded)}, not a boolean`;
  }
  return undefined;
}

/** A result the gateway turns into a response, or why it answers 500 instead. */
export type ReadResult = { ok: true; response: HttpResponse } | { ok: false; reason: string };

/**
 * A function's result as API Gateway (payload format 2.0) turns it into a response, per the AWS
 * guide "Working with AWS Lambda proxy integrations for HTTP APIs": a result without
 * `statusCode` is a 200 with `content-type: application/json` and the result as the body (a
 * string as it is, anything else as JSON); a structured result gives `statusCode`, `headers`,
 * `cookies` (each a `set-cookie`) and `body` (base64-decoded when `isBase64Encoded`).
 * A malformed structured result — a status outside 100–599, a header that is an object or holds
 * a line break, cookies that are not strings, a body that is not a string — is refused with its
 * reason; the gateway answers it with 500 `{"message":"Internal Server Error"}`.
 */
export function readResult(result: unknown): ReadResult {
  if (!isRecord(result) || !('statusCode' in result)) {
    const json = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { ok: true, response: jsonResponse(200, json) };
  }
  const headers = readHeaders(result['headers']);
  if (typeof headers === 'string') return { ok: false, reason: headers };
  const reason = malformation(result);
  if (reason !== undefined) return { ok: false, reason };
  const {
    statusCode,
    body = '',
    cookies = [],
    isBase64Encoded = false,
  } = result as {
    statusCode: number;
    body?: string;
    cookies?: string[];
    isBase64Encoded?: boolean;
  };
  const bytes = Buffer.from(body, isBase64Encoded ? 'base64' : 'utf8');
  if (bytes.length && !headers['content-type']) headers['content-type'] = DEFAULT_CONTENT_TYPE;
  return { ok: true, response: { status: statusCode, headers, cookies, body: bytes } };
}
