// How API Gateway's HTTP API reads a route's path and writes a payload 2.0 event: what the local
// gateway does and what the tests' events must look like, written once.

/**
 * A route path as a regular expression (AWS guide "Working with routes for HTTP APIs"): `{id}`
 * takes one segment, a greedy `{proxy+}` the rest of the path; `names` in capture order.
 */
export function routePathPattern(routePath: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = routePath
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^\{(\w+)(\+?)\}$/.exec(segment);
      if (!param) return `/${segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')}`;
      names.push(param[1] ?? '');
      return param[2] ? '/(.+)' : '/([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source || '/'}$`), names };
}

/**
 * `queryStringParameters` of payload format 2.0: repeated parameters joined with `,`; absent
 * when the query is empty.
 */
export function joinQueryParameters(rawQueryString: string): Record<string, string> | undefined {
  const grouped = new Map<string, string[]>();
  new URLSearchParams(rawQueryString).forEach((value, name) =>
    grouped.set(name, [...(grouped.get(name) ?? []), value]),
  );
  return grouped.size
    ? Object.fromEntries([...grouped].map(([name, values]) => [name, values.join(',')]))
    : undefined;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** `17/Jun/2024:15:49:29 +0000`: the captured `requestContext.time` format, always UTC. */
export function gatewayTime(date: Date): string {
  const clock = [date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()].map(two).join(':');
  return `${two(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${clock} +0000`;
}
