/**
 * One pair of a query string as the WHATWG URL standard's `application/x-www-form-urlencoded`
 * parser reads it: split on `&`, then on the first `=`, `+` is a space, then percent-decoding.
 * `wellFormed` is false when an escape is not percent-encoded UTF-8 (`%ZZ`, `%FF`): the name and
 * value then hold the parser's lenient reading (malformed bytes as U+FFFD), which is what the
 * gateway forwards, and a strict reader refuses the parameter.
 */
export type QueryPair = { name: string; value: string; wellFormed: boolean };

/** The WHATWG parser's reading of one name or value, and whether it was well-formed. */
function decode(text: string): { text: string; ok: boolean } {
  const lenient = new URLSearchParams(`a=${text}`).get('a') ?? '';
  try {
    return { text: decodeURIComponent(text.replace(/\+/g, ' ')), ok: true };
  } catch {
    return { text: lenient, ok: false };
  }
}

export function parseQuery(rawQueryString: string): QueryPair[] {
  if (!rawQueryString) return [];
  return rawQueryString
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      const name = decode(at === -1 ? pair : pair.slice(0, at));
      const value = decode(at === -1 ? '' : pair.slice(at + 1));
      return { name: name.text, value: value.text, wellFormed: name.ok && value.ok };
    });
}

/**
 * `queryStringParameters` of payload format 2.0: repeated parameters joined with `,` (AWS guide
 * "Working with AWS Lambda proxy integrations for HTTP APIs"); absent when the query is empty.
 */
export function joinQueryParameters(rawQueryString: string): Record<string, string> | undefined {
  const joined: Record<string, string> = {};
  let any = false;
  for (const { name, value } of parseQuery(rawQueryString)) {
    joined[name] = Object.hasOwn(joined, name) ? `${joined[name]},${value}` : value;
    any = true;
  }
  return any ? joined : undefined;
}
