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

/**
 * A function's result as API Gateway (payload 2.0) turns it into a response. A result without
 * `statusCode` is taken as a JSON body with status 200.
 */
export function fromResult(result: unknown): HttpResponse {
  if (!isStructured(result)) {
    return jsonResponse(200, typeof result === 'string' ? result : JSON.stringify(result ?? null));
  }
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
