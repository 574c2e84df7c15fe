/**
 * The web app's security headers, one definition for CloudFront's response-headers policy and
 * the local web server. The app loads only its own script and styles (no inline code) and talks
 * to the API and the sign-in endpoints, nothing else.
 */
export const siteHeaderSettings = {
  /** Two years, subdomains included: what hstspreload.org asks for. */
  hstsMaxAgeSeconds: 63_072_000,
  frameOptions: 'DENY',
  /** The sign-in callback URL carries the authorization code: never send it on as a Referer. */
  referrerPolicy: 'no-referrer',
} as const;

/** CSP for the app; `connectSources` are the API's and the issuer's origins. */
export function siteContentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${connectSources.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers as the local web server sends them (CloudFront adds the same from the policy). */
export function siteHeaders(connectSources: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': siteContentSecurityPolicy(connectSources),
    'strict-transport-security': `max-age=${siteHeaderSettings.hstsMaxAgeSeconds}; includeSubDomains`,
    'x-frame-options': siteHeaderSettings.frameOptions,
    'x-content-type-options': 'nosniff',
    'referrer-policy': siteHeaderSettings.referrerPolicy,
  };
}
