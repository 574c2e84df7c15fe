/**
 * The page runs only our own files: no inline or eval'd script, no inline `<style>`.
 * Swagger UI sets styles through the DOM (allowed without 'unsafe-inline') and its stylesheet
 * draws icons with `data:` SVGs, hence `img-src data:`.
 *
 * - `header`: the page served by the API; "try it" calls the same origin only.
 * - `meta`: the static copy, opened from disk or any host; "try it" may call a deployed stage
 *   (https) or the local server. `frame-ancestors` is left out: browsers ignore it in a `<meta>`.
 */
export function contentSecurityPolicy(delivery: 'header' | 'meta'): string {
  const served = delivery === 'header';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${served ? "'self'" : 'https: http://localhost:* http://127.0.0.1:*'}`,
    "base-uri 'none'",
    "form-action 'none'",
    ...(served ? ["frame-ancestors 'none'"] : []),
  ].join('; ');
}
