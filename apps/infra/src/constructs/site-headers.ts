/**
 * The web app's security headers, one definition for CloudFront's response-headers policy, the
 * document's own policy and the local web server. The app loads only its own script and styles
 * (no inline code) and talks to the API and the sign-in endpoints, nothing else.
 */
export const siteHeaderSettings = {
  /**
   * HSTS as browsers' preload lists require (hstspreload.org, "Submission requirements"):
   * max-age of at least one year (two here), includeSubDomains and preload.
   */
  hstsMaxAgeSeconds: 63_072_000,
  hstsIncludeSubdomains: true,
  hstsPreload: true,
  frameOptions: 'DENY',
  /** The sign-in callback URL carries the authorization code: never send it on as a Referer. */
  referrerPolicy: 'no-referrer',
} as const;

/** What the app loads besides its API calls: its own script, styles and images only. */
const documentDirectives = [
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
];

/** CSP for the app; `connectSources` are the stage's API origin and the issuer's origin. */
export function siteContentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'none'",
    ...documentDirectives,
    `connect-src 'self' ${connectSources.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The policy CloudFront sends with every file of the deployed site: the app's policy without
 * `connect-src`, which comes from the document itself (`withDocumentPolicy`). The API's CORS
 * names the site's distribution, so the distribution's header policy cannot name the API (a
 * cycle); the index.html written at deploy time can. Every other fetch directive is listed, as
 * `default-src` would also close `connect-src`; a browser enforces both policies (CSP Level 3,
 * "The effect of multiple policies"), so the page gets their intersection: the app's policy.
 */
export function siteHeaderContentSecurityPolicy(): string {
  return [
    ...documentDirectives,
    ...[
      'child-src',
      'font-src',
      'frame-src',
      'manifest-src',
      'media-src',
      'object-src',
      'worker-src',
    ].map((directive) => `${directive} 'none'`),
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * `index.html` with the app's policy in a `<meta http-equiv>` as the first element of its head,
 * ahead of any script. `frame-ancestors` is left to the header: a policy in a meta element
 * ignores it (CSP Level 3, "The <meta> element").
 */
export function withDocumentPolicy(indexHtml: string, connectSources: readonly string[]): string {
  if (!/<head>/i.test(indexHtml)) throw new Error('index.html has no <head> to put the CSP in');
  const policy = siteContentSecurityPolicy(connectSources).replace(/; frame-ancestors 'none'$/, '');
  return indexHtml.replace(
    /<head>/i,
    `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
  );
}

/** The HSTS header value from the settings above. */
export const strictTransportSecurity = [
  `max-age=${siteHeaderSettings.hstsMaxAgeSeconds}`,
  ...(siteHeaderSettings.hstsIncludeSubdomains ? ['includeSubDomains'] : []),
  ...(siteHeaderSettings.hstsPreload ? ['preload'] : []),
].join('; ');

/** The headers as the local web server sends them (CloudFront adds the same from the policy). */
export function siteHeaders(connectSources: readonly string[]): Record<string, string> {
  return {
    'content-security-policy': siteContentSecurityPolicy(connectSources),
    'strict-transport-security': strictTransportSecurity,
    'x-frame-options': siteHeaderSettings.frameOptions,
    'x-content-type-options': 'nosniff',
    'referrer-policy': siteHeaderSettings.referrerPolicy,
  };
}
