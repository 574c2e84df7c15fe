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
  wwwAuthenticate: 'www-authenticate',
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

/** One entity tag of an `If-Match` / `If-None-Match` list (RFC 9110 §8.8.3). */
export type EntityTag = { readonly weak: boolean; readonly opaque: string };

/**
 * The entity tags of a conditional header that matched its pattern (`IfMatchSchema`):
 * `'*'`, or the list with empty elements dropped (RFC 9110 §5.6.1).
 */
export function parseEntityTags(value: string): '*' | EntityTag[] {
  if (value.trim() === '*') return '*';
  return [...value.matchAll(/(W\/)?"([^"]*)"/g)].map((match) => ({
    weak: match[1] !== undefined,
    opaque: match[2] ?? '',
  }));
}

/** The item version a tag names, if it is one this API could have issued. */
const versionOf = (tag: EntityTag) =>
  /^[1-9]\d{0,15}$/.test(tag.opaque) ? Number(tag.opaque) : undefined;

/**
 * The versions an `If-Match` value accepts, by the strong comparison (RFC 9110 §8.8.3.2):
 * `'any'` for `*`; otherwise the versions of its strong tags (a weak tag never matches).
 */
export function ifMatchVersions(value: string): 'any' | number[] {
  const tags = parseEntityTags(value);
  if (tags === '*') return 'any';
  return tags.flatMap((tag) => {
    const version = tag.weak ? undefined : versionOf(tag);
    return version === undefined ? [] : [version];
  });
}

/**
 * Whether an `If-None-Match` value matches the current version, by the weak comparison
 * (RFC 9110 §13.1.2): `*`, or any tag, weak or strong, naming it.
 */
export function ifNoneMatchMatches(value: string, version: number): boolean {
  const tags = parseEntityTags(value);
  return tags === '*' || tags.some((tag) => versionOf(tag) === version);
}
