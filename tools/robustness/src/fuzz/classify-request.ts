import { ContentTypes } from '@items-api/contract';
import type { ZodTypeAny } from 'zod';
import { routeOf, zodOf } from './contract-routes';
import { ISSUED_CURSOR, type FuzzRequest } from './request-arbitrary';

const asSent = (value: string) => new URLSearchParams({ v: value }).get('v') ?? value;

const accepts = (schema: ZodTypeAny | undefined, value: unknown) =>
  !schema || schema.safeParse(value).success;

/** `application/json`, whatever its case or parameters. */
const isJsonMediaType = (contentType: string | undefined) =>
  contentType?.split(';')[0]?.trim().toLowerCase() === ContentTypes.json;

function bodyAccepted(schema: ZodTypeAny | undefined, body: FuzzRequest['body']): boolean {
  if (!schema) return true;
  if (!body || !isJsonMediaType(body.contentType)) return false;
  try {
    return schema.safeParse(JSON.parse(body.text)).success;
  } catch {
    return false;
  }
}

/**
 * Header fields with an empty value count as absent, as ts-rest's Lambda adapter (and so the
 * deployed function) reads them: `If-Match:` with nothing after it is no `If-Match`.
 */
const presentHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));

/**
 * Whether the contract accepts the request as it will be sent (with `id` resolved): its path
 * params, query, headers and body each pass the route's schemas, the body as JSON.
 */
export function contractAccepts(request: FuzzRequest, id: string | undefined): boolean {
  const route = routeOf(request.operationId).route as Record<string, unknown>;
  // An issued cursor is valid by construction; any cursor the API issued has this form. Other
  // values are judged as the query string carries them: encoding a lone surrogate makes it U+FFFD
  // (URLSearchParams serialises USV strings, WHATWG URL §5.2), so what arrives is well formed.
  const query = Object.fromEntries(
    Object.entries(request.query ?? {}).map(([name, value]) => [
      name,
      value === ISSUED_CURSOR ? 'issued.cursor' : asSent(value),
    ]),
  );
  return (
    accepts(zodOf(route['pathParams']), { id }) &&
    accepts(zodOf(route['query']), query) &&
    accepts(zodOf(route['headers']), presentHeaders(request.headers)) &&
    bodyAccepted(zodOf(route['body']), request.body)
  );
}
