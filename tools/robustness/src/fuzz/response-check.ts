import {
  ContentTypes,
  formatETag,
  GatewayErrorSchema,
  Headers,
  type ContractRoute,
} from '@items-api/contract';
import type { ApiResponse } from '../harness/robust-api';

/**
 * What a response must keep beyond its declared shape (status, media type, schema and headers
 * are checked against the committed openapi.json by Ajv as each response arrives): no 5xx, a
 * problem's `status` equal to the HTTP status, an ETag naming the body's version and a Location
 * naming its id. Readable lines, empty when it keeps them.
 */
export function contractViolations(_route: ContractRoute, response: ApiResponse): string[] {
  const { status } = response;
  if (status >= 500) return [`answered ${status}: ${response.text.slice(0, 200)}`];
  const problems: string[] = [];
  const body = response.json as { id?: string; version?: number; status?: number } | undefined;
  if (status >= 400 && body?.status !== undefined && body.status !== status) {
    problems.push(`problem status ${body.status} differs from HTTP ${status}`);
  }
  const etag = response.headers.get(Headers.etag);
  if (etag && body?.version !== undefined && etag !== formatETag(body.version)) {
    problems.push(`etag ${etag} does not name version ${body.version}`);
  }
  const location = response.headers.get(Headers.location);
  if (location && body?.id && !location.endsWith(`/${body.id}`)) {
    problems.push(`location ${location} does not name ${body.id}`);
  }
  return problems;
}

/** The gateway's own `{"message": …}` answer (JSON, not problem+json), which the function never gives. */
export const isGatewayAnswer = (response: ApiResponse) =>
  response.headers.get(Headers.contentType)?.split(';')[0]?.trim() === ContentTypes.json &&
  GatewayErrorSchema.safeParse(response.json).success;
