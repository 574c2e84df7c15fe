/** A preflight request as a browser sends it, and the answer it got. */
export type Preflight = {
  readonly origin: string;
  readonly method: string;
  /** Lower-case, as browsers send them in `Access-Control-Request-Headers`. */
  readonly requestHeaders: readonly string[];
  readonly status: number;
  readonly headers: Headers;
};

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);

/**
 * Why a browser would refuse this preflight, or nothing when it passes (WHATWG Fetch Standard,
 * "CORS-preflight fetch" and "CORS check"): an ok status (200–299), the origin allowed (itself,
 * or `*`), the method allowed (listed, or `*`) and each requested header allowed (listed, or `*`
 * — which never covers `authorization`).
 */
export function preflightRefusals(preflight: Preflight): string[] {
  const { headers } = preflight;
  const refusals: string[] = [];
  if (preflight.status < 200 || preflight.status > 299) {
    refusals.push(`status ${preflight.status} is not an ok status`);
  }
  const allowOrigin = headers.get('access-control-allow-origin');
  if (allowOrigin !== '*' && allowOrigin !== preflight.origin) {
    refusals.push(`access-control-allow-origin is ${allowOrigin ?? 'missing'}`);
  }
  const methods = list(headers.get('access-control-allow-methods'));
  if (!methods.includes('*') && !methods.includes(preflight.method.toLowerCase())) {
    refusals.push(`method ${preflight.method} not in access-control-allow-methods`);
  }
  const allowed = list(headers.get('access-control-allow-headers'));
  const missing = preflight.requestHeaders.filter(
    (name) => !allowed.includes(name) && !(allowed.includes('*') && name !== 'authorization'),
  );
  if (missing.length) {
    refusals.push(`access-control-allow-headers lacks ${missing.join(', ')}`);
  }
  return refusals;
}
