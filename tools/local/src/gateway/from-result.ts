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

type StructuredResult = {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
};

const isStructured = (result: unknown): result is StructuredResult =>
  typeof result === 'object' && result !== null && 'statusCode' in result;

/** A function result API Gateway cannot turn into a response (it answers 500 for one). */
export class MalformedResultError extends Error {
  override name = 'MalformedResultError';
}

const isScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The payload 2.0 response fields' types ("Working with AWS Lambda proxy integrations for HTTP
 * APIs", API Gateway developer guide): an HTTP status code, scalar header values, string cookies
 * and body. Anything else is a malformed Lambda response; AWS does not document every case, so
 * each is refused (the stricter reading).
 */
function assertWellFormed(result: StructuredResult): void {
  const { statusCode, headers, cookies, body } = result as Record<string, unknown>;
  if (!Number.isInteger(statusCode) || (statusCode as number) < 100 || (statusCode as number) > 599)
    throw new MalformedResultError(
      `statusCode ${JSON.stringify(statusCode)} is not an HTTP status`,
    );
  if (
    headers !== undefined &&
    (typeof headers !== 'object' || headers === null || Array.isArray(headers))
  )
    throw new MalformedResultError('headers is not an object');
  for (const [name, value] of Object.entries((headers ?? {}) as object))
    if (!isScalar(value))
      throw new MalformedResultError(`header ${name} is not a string, number or boolean`);
  if (
    cookies !== undefined &&
    !(Array.isArray(cookies) && cookies.every((c) => typeof c === 'string'))
  )
    throw new MalformedResultError('cookies is not an array of strings');
  if (body !== undefined && body !== null && typeof body !== 'string')
    throw new MalformedResultError('body is not a string');
}

/**
 * A function's result as API Gateway (payload 2.0) turns it into a response. A result without
 * `statusCode` is taken as a JSON body with status 200.
 * @throws MalformedResultError for a result API Gateway would answer with a 500.
 */
export function fromResult(result: unknown): HttpResponse {
  if (!isStructured(result)) {
    return jsonResponse(200, typeof result === 'string' ? result : JSON.stringify(result ?? null));
  }
  assertWellFormed(result);
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [
      name.toLowerCase(),
      String(value),
    ]),
  );
  const body = result.body ?? '';
  return {
    status: result.statusCode,
    headers,
    cookies: result.cookies ?? [],
    body: Buffer.from(body, result.isBase64Encoded ? 'base64' : 'utf8'),
  };
}
