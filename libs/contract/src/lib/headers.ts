/**
 * Header names the API reads or writes, lower-case as API Gateway's payload v2 delivers them.
 * The handler, the OpenAPI document, the CDK CORS settings and the client all take them from here.
 */
export const Headers = {
  authorization: 'authorization',
  contentType: 'content-type',
  etag: 'etag',
  ifMatch: 'if-match',
  ifNoneMatch: 'if-none-match',
  idempotencyKey: 'idempotency-key',
  location: 'location',
  retryAfter: 'retry-after',
  allow: 'allow',
} as const;

export type HeaderName = (typeof Headers)[keyof typeof Headers];

/** Request headers a browser may send cross-origin (CORS `allowHeaders`). */
export const CorsAllowHeaders = [
  Headers.authorization,
  Headers.contentType,
  Headers.ifMatch,
  Headers.ifNoneMatch,
  Headers.idempotencyKey,
] as const;

/** Response headers a browser script may read (CORS `exposeHeaders`). */
export const CorsExposeHeaders = [Headers.etag, Headers.location, Headers.retryAfter] as const;

export const ContentTypes = {
  json: 'application/json',
  problem: 'application/problem+json',
} as const;

/** Strong entity tag for an item version: `"7"`. */
export function formatETag(version: number): string {
  return `"${version}"`;
}

/**
 * The item version an `If-Match` / `If-None-Match` value names, or `undefined` when it names
 * none we could have issued. Accepts a weak `W/` prefix so proxies that weaken tags still match.
 */
export function parseETag(value: string): number | undefined {
  const match = /^\s*(?:W\/)?"([1-9]\d{0,15})"\s*$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** True when a comma-separated `If-None-Match` list contains `*` or the given version. */
export function etagListMatches(headerValue: string, version: number): boolean {
  return headerValue.split(',').some((tag) => tag.trim() === '*' || parseETag(tag) === version);
}
