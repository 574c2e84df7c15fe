/**
 * A path of unreserved characters between single slashes, no segment of dots only: there is
 * nothing to decode or remove, and a URL parser reads it as it is. Most requests are such paths,
 * answered without building a URL.
 */
const PLAIN_PATH = /^\/$|^(?:\/(?!\.{1,2}(?:\/|$))[A-Za-z0-9._~-]+)+\/?$/;

/**
 * The path a request is routed on: `%2E` decoded (an encoded unreserved character is the
 * character itself, RFC 3986 §6.2.2.2), then dot segments removed (RFC 3986 §5.2.4), as a WHATWG
 * URL parser does (it treats `%2e` as `.`). Undefined when a URL parser would read the path
 * differently still (`\`, `#`, `?`, raw non-ASCII …): such a path names no resource here, the
 * stricter choice, so that no client's URL library and this function can disagree on the route.
 */
export function normalisePath(rawPath: string): string | undefined {
  return isPlainPath(rawPath) ? rawPath : parsedPath(rawPath);
}

/** Whether a path is plain: nothing in it to decode, encode or remove. */
export const isPlainPath = (path: string) => PLAIN_PATH.test(path);

/** `normalisePath` for any path, through a URL parser. */
export function parsedPath(rawPath: string): string | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  const segments = rawPath.replace(/%2e/gi, '.').split('/').slice(1);
  const output: string[] = [];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '.' || segment === '..') {
      if (segment === '..') output.pop();
      if (last) output.push('');
      return;
    }
    output.push(segment);
  });
  const path = `/${output.join('/')}`;
  let parsed: string;
  try {
    parsed = new URL(path, 'http://localhost').pathname;
  } catch {
    return undefined;
  }
  return parsed === path ? path : undefined;
}
