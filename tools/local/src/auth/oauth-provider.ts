import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { jsonResponse, type HttpResponse } from '@items-api/http-api';
import { authorizePage, authorizePageCsp } from './authorize-page';
import type { DevIssuer, TokenUse } from './dev-issuer';
import type { GrantType, OAuthClient } from './oauth-clients';
import { noStore, TokenError, tokenErrorResponse, type AuthorizeErrorCode } from './oauth-errors';

/** A request to one of the issuer's endpoints; `path` is relative to the issuer URL. */
export type IssuerRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
  /** The TCP peer: the mint endpoint answers only to this machine. */
  remoteAddress: string;
};

export type OAuthProviderOptions = {
  issuer: DevIssuer;
  clients: readonly OAuthClient[];
  /** Lifetime of access and ID tokens. Default 3600 (Cognito's default). */
  tokenTtlSeconds?: number;
  /** Lifetime of an authorization code. Default 300 (Cognito: five minutes). */
  codeTtlSeconds?: number;
};

type CodeGrant = {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string[];
  sub: string;
  nonce?: string;
  expiresAt: number;
  used: boolean;
  /** The refresh-token family the code started: revoked when the code is replayed. */
  family?: string;
};

/**
 * A sign-in's refresh tokens form one family: each refresh replaces its token with a new one
 * (rotation), and only the newest is ever valid.
 */
type RefreshGrant = { clientId: string; sub: string; scope: string[]; family: string };

const html = (status: number, body: string, redirectUri?: string): HttpResponse => ({
  status,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': authorizePageCsp(redirectUri && new URL(redirectUri).origin),
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  },
  cookies: [],
  body: Buffer.from(body),
});

const redirect = (location: string): HttpResponse => ({
  status: 302,
  headers: { location, 'cache-control': 'no-store' },
  cookies: [],
  body: Buffer.alloc(0),
});

const oauthJson = (status: number, body: unknown) =>
  jsonResponse(status, JSON.stringify(body), noStore);

const opaque = () => randomBytes(32).toString('base64url');

/** RFC 7636 §4.1: 43–128 characters of the unreserved set. A S256 challenge is 43 of base64url. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const USERNAME = /^[\x21-\x7E]{1,128}$/;

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const isLoopback = (address: string) =>
  address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';

/** One value per parameter: RFC 6749 §3.1/§3.2 — a repeated parameter is an invalid request. */
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new TokenError('invalid_request', `${name} is repeated`);
  return values[0] === '' ? undefined : values[0];
}

function required(params: URLSearchParams, name: string): string {
  const value = single(params, name);
  if (value === undefined) throw new TokenError('invalid_request', `${name} is required`);
  return value;
}

const scopeList = (value: string | undefined) => value?.split(' ').filter(Boolean);

/**
 * A minimal OpenID provider for local development, as Cognito's hosted UI and OAuth endpoints
 * behave for the stack's app clients: discovery (OpenID Connect Discovery 1.0), JWKS, an
 * authorization endpoint with a user-name-only sign-in page for the authorization-code flow
 * with PKCE S256 (RFC 6749 §4.1, RFC 7636), a token endpoint for `authorization_code`,
 * `refresh_token` (rotated) and `client_credentials`, token revocation (RFC 7009) and a
 * sign-out redirect. Codes and refresh tokens live in memory.
 */
export function createOAuthProvider(options: OAuthProviderOptions) {
  const { issuer } = options;
  const tokenTtl = options.tokenTtlSeconds ?? 3600;
  const codeTtl = options.codeTtlSeconds ?? 300;
  const codes = new Map<string, CodeGrant>();
  const refreshTokens = new Map<string, RefreshGrant>();
  /** Refresh tokens already rotated out, by family: presenting one again is a replay. */
  const rotatedOut = new Map<string, string>();
  const revokeFamily = (family: string) => {
    for (const [token, grant] of refreshTokens) {
      if (grant.family === family) refreshTokens.delete(token);
    }
  };
  const issueRefreshToken = (grant: RefreshGrant) => {
    const token = opaque();
    refreshTokens.set(token, grant);
    return token;
  };
  const clientById = (id: string | undefined) => options.clients.find((c) => c.id === id);
  const url = (path: string) => `${issuer.issuer}${path}`;

  const discovery = {
    issuer: issuer.issuer,
    authorization_endpoint: url('/authorize'),
    token_endpoint: url('/token'),
    jwks_uri: url('/.well-known/jwks.json'),
    end_session_endpoint: url('/logout'),
    // RFC 8414 §2: where RFC 7009 revocation requests go, and how clients authenticate there.
    revocation_endpoint: url('/revoke'),
    revocation_endpoint_auth_methods_supported: [
      'none',
      'client_secret_basic',
      'client_secret_post',
    ],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    scopes_supported: [...new Set(options.clients.flatMap((c) => c.scopes))],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    authorization_response_iss_parameter_supported: true,
  };

  const grantScopes = (
    client: OAuthClient,
    requested: string[] | undefined,
  ): { scope: string[] } | { unknown: string[] } => {
    const scope = requested ?? [...client.scopes];
    const unknown = scope.filter((s) => !client.scopes.includes(s));
    return unknown.length ? { unknown } : { scope };
  };

  async function tokensFor(
    client: OAuthClient,
    sub: string,
    scope: string[],
    extra: { nonce?: string; refreshToken?: string } = {},
  ) {
    const expiresIn = `${tokenTtl}s`;
    const sign = (tokenUse: TokenUse, claims: Record<string, unknown> = {}) =>
      issuer.sign({ sub, ...claims }, { tokenUse, audience: client.id, scope, expiresIn });
    return {
      access_token: await sign('access'),
      ...(scope.includes('openid')
        ? { id_token: await sign('id', extra.nonce ? { nonce: extra.nonce } : {}) }
        : {}),
      ...(extra.refreshToken ? { refresh_token: extra.refreshToken } : {}),
      token_type: 'Bearer',
      expires_in: tokenTtl,
      scope: scope.join(' '),
    };
  }

  /**
   * Checks an authorization request. A bad client or redirect URI gets an error page, never a
   * redirect (RFC 6749 §4.1.2.1); every other problem is redirected back as `error=…`.
   */
  function checkAuthorization(params: URLSearchParams):
    | { page: HttpResponse }
    | { redirectError: HttpResponse }
    | {
        client: OAuthClient;
        redirectUri: string;
        scope: string[];
        codeChallenge: string;
        back: (error: AuthorizeErrorCode, description: string) => { redirectError: HttpResponse };
      } {
    const repeated = [...new Set(params.keys())].filter((k) => params.getAll(k).length > 1);
    const client = clientById(params.get('client_id') ?? undefined);
    const redirectUri = params.get('redirect_uri') ?? '';
    if (!client) return { page: html(400, errorPage('Unknown or missing client_id.')) };
    if (!client.redirectUris.includes(redirectUri)) {
      return { page: html(400, errorPage('The redirect_uri is not registered for this client.')) };
    }
    const back = (error: AuthorizeErrorCode, description: string) => {
      const target = new URL(redirectUri);
      target.searchParams.set('error', error);
      target.searchParams.set('error_description', description);
      const state = params.get('state');
      if (state !== null) target.searchParams.set('state', state);
      target.searchParams.set('iss', issuer.issuer);
      return { redirectError: redirect(target.href) } as const;
    };
    if (repeated.length) return back('invalid_request', `${repeated.join(', ')} repeated`);
    if (!client.grantTypes.includes('authorization_code')) {
      return back('unauthorized_client', 'the client may not use the authorization code flow');
    }
    if (params.get('response_type') !== 'code') {
      return back('unsupported_response_type', 'only response_type=code is supported');
    }
    const challenge = params.get('code_challenge');
    // RFC 7636 §4.4.1: a missing challenge or an unsupported method is an invalid request.
    if (!challenge) return back('invalid_request', 'code challenge required');
    if (params.get('code_challenge_method') !== 'S256') {
      return back('invalid_request', 'transform algorithm not supported (use S256)');
    }
    if (!S256_CHALLENGE.test(challenge)) {
      return back('invalid_request', 'code_challenge is not a S256 challenge');
    }
    const granted = grantScopes(client, scopeList(params.get('scope') ?? undefined));
    if ('unknown' in granted) {
      return back('invalid_scope', `unknown scope ${granted.unknown.join(' ')}`);
    }
    return { client, redirectUri, scope: granted.scope, codeChallenge: challenge, back };
  }

  function authorize(request: IssuerRequest): HttpResponse {
    const params =
      request.method === 'POST'
        ? new URLSearchParams(request.body.toString('utf8'))
        : request.query;
    const checked = checkAuthorization(params);
    if ('page' in checked) return checked.page;
    if ('redirectError' in checked) return checked.redirectError;
    if (request.method !== 'POST') return html(200, authorizePage(params), checked.redirectUri);
    if (params.get('cancel')) {
      return checked.back('access_denied', 'the sign-in was cancelled').redirectError;
    }
    const username = params.get('username')?.trim() ?? '';
    if (!USERNAME.test(username)) {
      return html(
        400,
        authorizePage(params, 'Enter a user name: 1–128 visible characters, no spaces.'),
        checked.redirectUri,
      );
    }
    const code = opaque();
    const nonce = params.get('nonce') ?? undefined;
    codes.set(code, {
      clientId: checked.client.id,
      redirectUri: checked.redirectUri,
      codeChallenge: checked.codeChallenge,
      scope: checked.scope,
      sub: username,
      ...(nonce ? { nonce } : {}),
      expiresAt: Date.now() + codeTtl * 1000,
      used: false,
    });
    const target = new URL(checked.redirectUri);
    target.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) target.searchParams.set('state', state);
    target.searchParams.set('iss', issuer.issuer);
    return redirect(target.href);
  }

  /** A form-encoded Basic credential (RFC 6749 §2.3.1); one that does not decode is no client. */
  function formDecoded(value: string): string {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      throw new TokenError('invalid_client', 'the Basic credentials are not form-encoded');
    }
  }

  /** RFC 6749 §2.3.1: HTTP Basic (form-encoded id and secret) or `client_id`/`client_secret` in the body. */
  function authenticateClient(form: URLSearchParams, authorization: string | undefined) {
    let id = single(form, 'client_id');
    let secret = single(form, 'client_secret');
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new TokenError('invalid_client', 'malformed Basic credentials');
      const basicId = formDecoded(decoded.slice(0, colon));
      if (id !== undefined && id !== basicId) {
        throw new TokenError('invalid_request', 'client_id differs from the Basic credentials');
      }
      id = basicId;
      secret = formDecoded(decoded.slice(colon + 1));
    }
    const client = clientById(id);
    if (!client) throw new TokenError('invalid_client', 'unknown client');
    if (client.secret !== undefined) {
      if (secret === undefined || !sameSecret(secret, client.secret)) {
        throw new TokenError('invalid_client', 'client authentication failed');
      }
    }
    return client;
  }

  const allowGrant = (client: OAuthClient, grant: GrantType) => {
    if (!client.grantTypes.includes(grant)) {
      throw new TokenError('unauthorized_client', `the client may not use ${grant}`);
    }
  };

  async function codeGrant(client: OAuthClient, form: URLSearchParams) {
    const code = required(form, 'code');
    const redirectUri = required(form, 'redirect_uri');
    const verifier = required(form, 'code_verifier');
    if (!VERIFIER.test(verifier)) {
      throw new TokenError('invalid_request', 'code_verifier must be 43–128 unreserved characters');
    }
    const grant = codes.get(code);
    if (!grant || grant.clientId !== client.id) {
      throw new TokenError('invalid_grant', 'the authorization code is not valid');
    }
    if (grant.used) {
      // RFC 6749 §4.1.2: a code used twice is refused and what it granted is revoked.
      if (grant.family) revokeFamily(grant.family);
      throw new TokenError('invalid_grant', 'the authorization code was already used');
    }
    grant.used = true;
    if (grant.expiresAt <= Date.now()) {
      throw new TokenError('invalid_grant', 'the authorization code has expired');
    }
    if (grant.redirectUri !== redirectUri) {
      throw new TokenError('invalid_grant', 'redirect_uri differs from the authorization request');
    }
    if (s256(verifier) !== grant.codeChallenge) {
      // RFC 7636 §4.6.
      throw new TokenError('invalid_grant', 'the code_verifier does not match the code challenge');
    }
    let refreshToken: string | undefined;
    if (client.grantTypes.includes('refresh_token')) {
      grant.family = opaque();
      refreshToken = issueRefreshToken({
        clientId: client.id,
        sub: grant.sub,
        scope: grant.scope,
        family: grant.family,
      });
    }
    return tokensFor(client, grant.sub, grant.scope, {
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      ...(refreshToken ? { refreshToken } : {}),
    });
  }

  /**
   * Refresh token rotation (RFC 6749 §6, OAuth 2.0 Security BCP RFC 9700 §4.14.2): a refresh
   * token works once; the answer carries its successor, with the same scope (§6: "identical to
   * that of the refresh token included by the client"). Presenting a token already rotated out
   * means two parties hold the family: its current token is revoked too. As Cognito with
   * `RetryGracePeriodSeconds: 0`, there is no grace period for a retry.
   */
  async function refreshGrant(client: OAuthClient, form: URLSearchParams) {
    const presented = required(form, 'refresh_token');
    const grant = refreshTokens.get(presented);
    if (!grant || grant.clientId !== client.id) {
      const family = rotatedOut.get(presented);
      if (family) revokeFamily(family);
      throw new TokenError('invalid_grant', 'the refresh token is not valid');
    }
    const requested = scopeList(single(form, 'scope'));
    if (requested?.some((s) => !grant.scope.includes(s))) {
      throw new TokenError('invalid_scope', 'a refresh cannot widen the granted scope');
    }
    refreshTokens.delete(presented);
    rotatedOut.set(presented, grant.family);
    return tokensFor(client, grant.sub, requested ?? grant.scope, {
      refreshToken: issueRefreshToken(grant),
    });
  }

  async function clientCredentialsGrant(client: OAuthClient, form: URLSearchParams) {
    if (client.secret === undefined) {
      throw new TokenError('unauthorized_client', 'a public client cannot use client_credentials');
    }
    const granted = grantScopes(client, scopeList(single(form, 'scope')));
    if ('unknown' in granted || granted.scope.includes('openid')) {
      throw new TokenError('invalid_scope', 'a scope is not allowed for this client');
    }
    // Cognito makes the client itself the subject of a client-credentials token.
    return tokensFor(client, client.id, granted.scope);
  }

  async function token(request: IssuerRequest): Promise<HttpResponse> {
    try {
      if (request.method !== 'POST') {
        throw new TokenError('invalid_request', 'the token endpoint takes POST');
      }
      const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        throw new TokenError('invalid_request', 'send application/x-www-form-urlencoded');
      }
      const form = new URLSearchParams(request.body.toString('utf8'));
      const grantType = required(form, 'grant_type');
      const grants: Record<string, GrantType> = {
        authorization_code: 'authorization_code',
        refresh_token: 'refresh_token',
        client_credentials: 'client_credentials',
      };
      const grant = Object.hasOwn(grants, grantType) ? grants[grantType] : undefined;
      if (!grant) throw new TokenError('unsupported_grant_type', `${grantType} is not supported`);
      const client = authenticateClient(form, request.headers['authorization']);
      allowGrant(client, grant);
      const body =
        grant === 'authorization_code'
          ? await codeGrant(client, form)
          : grant === 'refresh_token'
            ? await refreshGrant(client, form)
            : await clientCredentialsGrant(client, form);
      return oauthJson(200, body);
    } catch (error) {
      if (error instanceof TokenError) return tokenErrorResponse(error);
      throw error;
    }
  }

  /**
   * RFC 7009 token revocation (Cognito's `/oauth2/revoke`): the client authenticates as at the
   * token endpoint; a refresh token of this client is revoked with every token of its family
   * (§2.1: "also invalidate … tokens based on the same authorization grant"). An unknown or
   * already revoked token is answered 200 as well (§2.2). Access tokens are self-contained JWTs
   * the gateway verifies offline; a hint naming them is refused as `unsupported_token_type`
   * (§2.2.1), as Cognito revokes refresh tokens only.
   */
  function revoke(request: IssuerRequest): HttpResponse {
    try {
      if (request.method !== 'POST') {
        throw new TokenError('invalid_request', 'the revocation endpoint takes POST');
      }
      const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/x-www-form-urlencoded') {
        throw new TokenError('invalid_request', 'send application/x-www-form-urlencoded');
      }
      const form = new URLSearchParams(request.body.toString('utf8'));
      const token = required(form, 'token');
      const hint = single(form, 'token_type_hint');
      const client = authenticateClient(form, request.headers['authorization']);
      if (hint === 'access_token') {
        throw new TokenError('unsupported_token_type', 'only refresh tokens can be revoked');
      }
      const grant = refreshTokens.get(token);
      if (grant && grant.clientId !== client.id) {
        // §2.1: the token must have been issued to the client asking.
        throw new TokenError('unauthorized_client', 'the token was issued to another client');
      }
      if (grant) revokeFamily(grant.family);
      return oauthJson(200, {});
    } catch (error) {
      if (error instanceof TokenError) return tokenErrorResponse(error);
      throw error;
    }
  }

  /** Sign-out: back to a registered URI (`logout_uri` as Cognito, `post_logout_redirect_uri` as OIDC). */
  function logout(request: IssuerRequest): HttpResponse {
    const client = clientById(request.query.get('client_id') ?? undefined);
    const target =
      request.query.get('logout_uri') ?? request.query.get('post_logout_redirect_uri') ?? '';
    if (!client || !client.redirectUris.includes(target)) {
      return html(400, errorPage('Unknown client_id or a sign-out URI that is not registered.'));
    }
    return redirect(target);
  }

  /**
   * `npm run token`: a token for any subject, asked of the running server so it works whatever
   * its key (a server started with --in-memory has one per run). Only from this machine and
   * never from a web page (a browser always sends `Origin` on a POST).
   */
  async function mint(request: IssuerRequest): Promise<HttpResponse> {
    if (!isLoopback(request.remoteAddress) || request.headers['origin'] !== undefined) {
      return oauthJson(403, { error: 'access_denied', error_description: 'local command only' });
    }
    if (
      request.method !== 'POST' ||
      !request.headers['content-type']?.startsWith('application/json')
    ) {
      return oauthJson(400, { error: 'invalid_request', error_description: 'POST JSON' });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return oauthJson(400, { error: 'invalid_request', error_description: 'body is not JSON' });
    }
    const { sub, audience, scope, tokenUse, expiresIn } = body;
    const problems = [
      typeof sub !== 'string' || !sub ? 'sub must be a non-empty string' : '',
      audience !== undefined && typeof audience !== 'string' ? 'audience must be a string' : '',
      scope !== undefined && !(Array.isArray(scope) && scope.every((s) => typeof s === 'string'))
        ? 'scope must be a list of strings'
        : '',
      tokenUse !== undefined && tokenUse !== 'id' && tokenUse !== 'access'
        ? 'tokenUse must be id or access'
        : '',
      expiresIn !== undefined &&
      (typeof expiresIn !== 'string' || !/^-?\d+\s*[smhd]$/.test(expiresIn))
        ? 'expiresIn must look like 30m, 1h or 2d'
        : '',
    ].filter(Boolean);
    if (problems.length) {
      return oauthJson(400, { error: 'invalid_request', error_description: problems.join('; ') });
    }
    const token = await issuer.sign(
      { sub: sub as string },
      {
        ...(audience ? { audience: audience as string } : {}),
        ...(scope ? { scope: scope as string[] } : {}),
        ...(tokenUse ? { tokenUse: tokenUse as TokenUse } : {}),
        ...(expiresIn ? { expiresIn: expiresIn as string } : {}),
      },
    );
    return oauthJson(200, { token });
  }

  /** The issuer's endpoints by path. */
  const endpoints: Record<
    string,
    (request: IssuerRequest) => Promise<HttpResponse> | HttpResponse
  > = {
    '/.well-known/openid-configuration': () => jsonResponse(200, JSON.stringify(discovery)),
    '/.well-known/jwks.json': () => jsonResponse(200, JSON.stringify(issuer.jwks)),
    '/authorize': authorize,
    '/token': token,
    '/logout': logout,
    '/revoke': revoke,
    '/mint': mint,
  };
  /** Whether a path (below the issuer's) is one of its endpoints. */
  const serves = (path: string) => Object.hasOwn(endpoints, path);
  const answer = async (request: IssuerRequest): Promise<HttpResponse | undefined> => {
    const endpoint = serves(request.path) ? endpoints[request.path] : undefined;
    return endpoint?.(request);
  };
  return Object.assign(answer, { serves });
}

export type OAuthProvider = ReturnType<typeof createOAuthProvider>;

function errorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in error — local issuer</title></head>
<body><main><h1>Sign-in error</h1><p role="alert">${message}</p></main></body></html>
`;
}
