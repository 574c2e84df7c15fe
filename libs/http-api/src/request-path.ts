/**
 * The request path as an HTTP API hands it on: `rawPath` and `requestContext.http.path` are both
 * the *decoded* path, and the decoding happens twice — once as the URL is parsed (a decoded `?`
 * ends the path there) and once more on what is left. Live captures (hotsock/voker,
 * `vokerhttp/testdata/ingress-paths.json`, July 2026) show: `%20` → space, `%2F` → `/`,
 * `%3F` → the path ends before it, `%23` → `#`, `%252F` → `/`, `%253F` → `?`, `%2525` → `%`, and
 * `%25done` (a `%` that is no escape once decoded) → 400.
 */
export type RequestPath =
  { ok: true; path: string; rawQueryString: string } | { ok: false; reason: string };

/** One percent-decoding pass; `undefined` when an escape is not valid UTF-8 percent-encoding. */
function decodeOnce(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * Segments that name no resource of their own. AWS documents nothing about them; the local
 * gateway refuses them (the stricter choice), so nothing that relies on a proxy resolving
 * `/a/../b` passes locally.
 */
const dotSegment = /(^|\/)\.\.?(\/|$)/;

/** The path the function sees and the query string as sent, or why the gateway answers 400. */
export function readRequestPath(target: string): RequestPath {
  const queryAt = target.indexOf('?');
  const wirePath = queryAt === -1 ? target : target.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : target.slice(queryAt + 1);
  if (!wirePath.startsWith('/')) return { ok: false, reason: 'the request target is not a path' };
  const first = decodeOnce(wirePath);
  if (first === undefined) return { ok: false, reason: 'the path has an invalid percent-escape' };
  const beforeQuestionMark = first.split('?')[0] ?? '';
  const path = decodeOnce(beforeQuestionMark);
  if (path === undefined) return { ok: false, reason: 'the path has an invalid percent-escape' };
  // A NUL or other control character has no business in a path; AWS does not say what it does.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) {
    return { ok: false, reason: 'the path contains a control character' };
  }
  if (dotSegment.test(path)) return { ok: false, reason: 'the path has a . or .. segment' };
  return { ok: true, path, rawQueryString };
}
