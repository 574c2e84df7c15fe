const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * The page's policy: no script at all, styles only from this page, the form posts back here and
 * may be redirected on to the client's registered redirect URI (CSP `form-action` covers redirects).
 */
export const authorizePageCsp = (redirectOrigin?: string) =>
  `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${redirectOrigin ? ` ${redirectOrigin}` : ''}; frame-ancestors 'none'; base-uri 'none'`;

/**
 * The local sign-in page: a user name, no password (any name signs in as that subject). The
 * authorization request travels in hidden fields so the POST can be checked exactly as the GET.
 */
export function authorizePage(params: URLSearchParams, error?: string): string {
  const hidden = [...params]
    .filter(([name]) => name !== 'username' && name !== 'cancel')
    .map(
      ([name, value]) =>
        `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`,
    )
    .join('\n      ');
  const username = params.get('username') ?? '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Sign in — local issuer</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 24rem; margin: 4rem auto; padding: 0 1rem; }
      label, input { display: block; font: inherit; }
      button { font: inherit; margin-right: .5rem; }
      input[type=text] { width: 100%; padding: .4rem; margin: .25rem 0 1rem; box-sizing: border-box; }
      button { padding: .4rem 1.2rem; }
      [role=alert] { color: #a00; }
    </style>
  </head>
  <body>
    <main>
      <h1>Sign in</h1>
      <p>Local development issuer: any user name signs in, no password.</p>
      ${error ? `<p role="alert" id="username-error">${escapeHtml(error)}</p>` : ''}
      <form method="post">
      ${hidden}
        <label for="username">Username</label>
        <input id="username" name="username" type="text" autocomplete="username" required maxlength="128" value="${escapeHtml(username)}"${error ? ' aria-invalid="true" aria-describedby="username-error"' : ''} autofocus>
        <button type="submit">Sign in</button>
        <button type="submit" name="cancel" value="1" formnovalidate>Cancel</button>
      </form>
    </main>
  </body>
</html>
`;
}
