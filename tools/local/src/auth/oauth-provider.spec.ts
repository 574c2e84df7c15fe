import { allScopes } from '@items-api/contract';
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import { createDevIssuer } from './dev-issuer';
import { LOCAL_M2M_CLIENT, localClients } from './oauth-clients';
import { createOAuthProvider, type IssuerRequest } from './oauth-provider';

const ISSUER = 'http://127.0.0.1:9/_local/issuer';
const CLIENT = 'items-api-local';
const REDIRECT = 'http://127.0.0.1:10/';

async function setup(options: { codeTtlSeconds?: number } = {}) {
  const issuer = await createDevIssuer({ issuer: ISSUER, audience: CLIENT });
  const provider = createOAuthProvider({
    issuer,
    clients: localClients(CLIENT, [REDIRECT]),
    ...options,
  });
  const send = async (request: Partial<IssuerRequest> & { path: string }) =>
    (await provider({
      method: 'GET',
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.alloc(0),
      remoteAddress: '127.0.0.1',
      ...request,
    }))!;
  const form = (path: string, fields: Record<string, string>, headers = {}) =>
    send({
      method: 'POST',
      path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: Buffer.from(new URLSearchParams(fields).toString()),
    });
  const json = (response: { body: Buffer }) => JSON.parse(response.body.toString());
  const verifier = randomBytes(32).toString('base64url');
  const authorizeParams = {
    client_id: CLIENT,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid items/read items/write',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: 'st',
    nonce: 'n1',
  };
  /** The sign-in page posted with a user name: the code from the redirect. */
  const signIn = async (params: Record<string, string> = authorizeParams) => {
    const response = await form('/authorize', { ...params, username: 'alice' });
    const location = new URL(response.headers['location']!);
    return { response, location, code: location.searchParams.get('code')! };
  };
  const exchange = (code: string, overrides: Record<string, string> = {}) =>
    form('/token', {
      grant_type: 'authorization_code',
      client_id: CLIENT,
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
      ...overrides,
    });
  return { send, form, json, signIn, exchange, authorizeParams };
}

type Setup = Awaited<ReturnType<typeof setup>>;

describe('local OpenID provider', () => {
  it('publishes discovery (OpenID Connect Discovery 1.0 §3) with S256 as the only PKCE method', async () => {
    const { send, json } = await setup();
    const doc = json(await send({ path: '/.well-known/openid-configuration' }));
    expect(doc).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${ISSUER}/authorize`,
      token_endpoint: `${ISSUER}/token`,
      jwks_uri: `${ISSUER}/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
    });
    expect(doc.scopes_supported).toEqual(expect.arrayContaining(['openid', ...allScopes]));
  });

  it('shows a sign-in page with a Username field and a Sign in button, no password', async () => {
    const { send, authorizeParams } = await setup();
    const page = await send({ path: '/authorize', query: new URLSearchParams(authorizeParams) });
    const html = page.body.toString();
    expect(page.status).toBe(200);
    expect(html).toMatch(/<label for="username">Username<\/label>/);
    expect(html).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(html).not.toMatch(/type="password"/);
  });

  it('exchanges a code + PKCE verifier for Cognito-shaped access and ID tokens and a refresh token (RFC 6749 §4.1.3, RFC 7636 §4.5)', async () => {
    const { signIn, exchange, json, form } = await setup();
    const { location, code } = await signIn();
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st');
    expect(location.searchParams.get('iss')).toBe(ISSUER);
    const response = await exchange(code);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const tokens = json(response);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      sub: 'alice',
      token_use: 'access',
      client_id: CLIENT,
      scope: 'openid items/read items/write',
      iss: ISSUER,
    });
    expect(decodeJwt(tokens.access_token).aud).toBeUndefined();
    expect(decodeJwt(tokens.id_token)).toMatchObject({ aud: CLIENT, token_use: 'id', nonce: 'n1' });
    const refreshed = json(
      await form('/token', {
        grant_type: 'refresh_token',
        client_id: CLIENT,
        refresh_token: tokens.refresh_token,
      }),
    );
    expect(decodeJwt(refreshed.access_token)).toMatchObject({ sub: 'alice', token_use: 'access' });
  });

  describe('refresh token rotation (RFC 6749 §6, RFC 9700 §4.14.2)', () => {
    const refreshWith = (form: Setup['form'], token: string) =>
      form('/token', { grant_type: 'refresh_token', client_id: CLIENT, refresh_token: token });

    it('answers a refresh with a new refresh token and refuses the used one with invalid_grant', async () => {
      const { signIn, exchange, json, form } = await setup();
      const first = json(await exchange((await signIn()).code));
      const second = json(await refreshWith(form, first.refresh_token));
      expect(second.refresh_token).toEqual(expect.any(String));
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.scope).toBe('openid items/read items/write');

      const replay = await refreshWith(form, first.refresh_token);
      expect(replay.status).toBe(400);
      expect(json(replay).error).toBe('invalid_grant');
    });

    it('keeps the refresh token’s scope when a refresh asks for less (§6: identical scope)', async () => {
      const { signIn, exchange, json, form } = await setup();
      const first = json(await exchange((await signIn()).code));
      const narrow = json(
        await form('/token', {
          grant_type: 'refresh_token',
          client_id: CLIENT,
          refresh_token: first.refresh_token,
          scope: 'items/read',
        }),
      );
      expect(decodeJwt(narrow.access_token)['scope']).toBe('items/read');
      const wide = json(await refreshWith(form, narrow.refresh_token));
      expect(decodeJwt(wide.access_token)['scope']).toBe('openid items/read items/write');
    });

    it('revokes the whole family when a rotated-out token is presented again', async () => {
      const { signIn, exchange, json, form } = await setup();
      const first = json(await exchange((await signIn()).code));
      const current = json(await refreshWith(form, first.refresh_token)).refresh_token;
      await refreshWith(form, first.refresh_token);
      const afterReplay = await refreshWith(form, current);
      expect(afterReplay.status).toBe(400);
      expect(json(afterReplay).error).toBe('invalid_grant');
    });
  });

  describe('token revocation (RFC 7009)', () => {
    it('publishes its revocation endpoint in discovery (RFC 8414 §2)', async () => {
      const { send, json } = await setup();
      const doc = json(await send({ path: '/.well-known/openid-configuration' }));
      expect(doc.revocation_endpoint).toBe(`${ISSUER}/revoke`);
      expect(doc.revocation_endpoint_auth_methods_supported).toContain('none');
    });

    it('revokes a refresh token: 200, and the token no longer refreshes (§2.1, §2.2)', async () => {
      const { signIn, exchange, json, form } = await setup();
      const tokens = json(await exchange((await signIn()).code));
      const revoked = await form('/revoke', {
        token: tokens.refresh_token,
        token_type_hint: 'refresh_token',
        client_id: CLIENT,
      });
      expect(revoked.status).toBe(200);
      expect(revoked.headers['cache-control']).toBe('no-store');
      const refresh = await form('/token', {
        grant_type: 'refresh_token',
        client_id: CLIENT,
        refresh_token: tokens.refresh_token,
      });
      expect(json(refresh).error).toBe('invalid_grant');
    });

    it('answers 200 for an unknown token, and refuses what it cannot do with RFC 7009 errors', async () => {
      const { signIn, exchange, json, form } = await setup();
      const unknown = await form('/revoke', { token: 'not-a-token', client_id: CLIENT });
      expect(unknown.status).toBe(200);

      const tokens = json(await exchange((await signIn()).code));
      const accessHint = await form('/revoke', {
        token: tokens.access_token,
        token_type_hint: 'access_token',
        client_id: CLIENT,
      });
      expect(accessHint.status).toBe(400);
      expect(json(accessHint).error).toBe('unsupported_token_type');

      const otherClient = await form(
        '/revoke',
        { token: tokens.refresh_token },
        {
          authorization: `Basic ${Buffer.from(`${LOCAL_M2M_CLIENT.id}:${LOCAL_M2M_CLIENT.secret}`).toString('base64')}`,
        },
      );
      expect(otherClient.status).toBe(400);
      expect(json(otherClient).error).toBe('unauthorized_client');

      const noToken = await form('/revoke', { client_id: CLIENT });
      expect(json(noToken).error).toBe('invalid_request');
      const get = await form('/revoke', {});
      expect(get.status).toBe(400);
    });
  });

  it('refuses a wrong PKCE verifier with invalid_grant (RFC 7636 §4.6)', async () => {
    const { signIn, exchange, json } = await setup();
    const { code } = await signIn();
    const response = await exchange(code, { code_verifier: randomBytes(32).toString('base64url') });
    expect(response.status).toBe(400);
    expect(json(response).error).toBe('invalid_grant');
  });

  it('refuses a reused code and revokes the refresh token it gave (RFC 6749 §4.1.2)', async () => {
    const { signIn, exchange, json, form } = await setup();
    const { code } = await signIn();
    const first = json(await exchange(code));
    const again = await exchange(code);
    expect(again.status).toBe(400);
    expect(json(again).error).toBe('invalid_grant');
    const refresh = await form('/token', {
      grant_type: 'refresh_token',
      client_id: CLIENT,
      refresh_token: first.refresh_token,
    });
    expect(json(refresh).error).toBe('invalid_grant');
  });

  it('refuses an expired code with invalid_grant', async () => {
    const { signIn, exchange, json } = await setup({ codeTtlSeconds: 0 });
    const { code } = await signIn();
    expect(json(await exchange(code)).error).toBe('invalid_grant');
  });

  it('redirects back with access_denied when the person cancels (RFC 6749 §4.1.2.1)', async () => {
    const { form, authorizeParams } = await setup();
    const response = await form('/authorize', { ...authorizeParams, cancel: '1' });
    const location = new URL(response.headers['location']!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('st');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('never redirects to an unregistered redirect URI: an error page instead (RFC 6749 §4.1.2.1)', async () => {
    const { send, authorizeParams } = await setup();
    const page = await send({
      path: '/authorize',
      query: new URLSearchParams({ ...authorizeParams, redirect_uri: 'https://evil.example/' }),
    });
    expect(page.status).toBe(400);
    expect(page.headers['location']).toBeUndefined();
    expect(page.body.toString()).toMatch(/redirect_uri is not registered/);
  });

  it('redirects back with invalid_request without a code challenge or with plain (RFC 7636 §4.4.1)', async () => {
    const { send, authorizeParams } = await setup();
    for (const change of [{ code_challenge: '' }, { code_challenge_method: 'plain' }]) {
      const response = await send({
        path: '/authorize',
        query: new URLSearchParams({ ...authorizeParams, ...change }),
      });
      expect(response.status).toBe(302);
      const location = new URL(response.headers['location']!);
      expect(location.searchParams.get('error')).toBe('invalid_request');
      expect(location.searchParams.get('state')).toBe('st');
    }
  });

  it('redirects back with invalid_scope or unsupported_response_type (RFC 6749 §4.1.2.1)', async () => {
    const { send, authorizeParams } = await setup();
    const error = async (change: Record<string, string>) =>
      new URL(
        (
          await send({
            path: '/authorize',
            query: new URLSearchParams({ ...authorizeParams, ...change }),
          })
        ).headers['location']!,
      ).searchParams.get('error');
    expect(await error({ scope: 'items/admin' })).toBe('invalid_scope');
    expect(await error({ response_type: 'token' })).toBe('unsupported_response_type');
  });

  it('answers the token endpoint errors of RFC 6749 §5.2', async () => {
    const { form, json } = await setup();
    const error = async (fields: Record<string, string>, headers = {}) => {
      const response = await form('/token', fields, headers);
      return [response.status, json(response).error];
    };
    expect(await error({ grant_type: 'password', client_id: CLIENT })).toEqual([
      400,
      'unsupported_grant_type',
    ]);
    expect(await error({ grant_type: 'authorization_code', client_id: 'nobody' })).toEqual([
      401,
      'invalid_client',
    ]);
    expect(await error({ grant_type: 'authorization_code', client_id: CLIENT })).toEqual([
      400,
      'invalid_request',
    ]);
    expect(await error({ grant_type: 'client_credentials', client_id: CLIENT })).toEqual([
      400,
      'unauthorized_client',
    ]);
    const wrongSecret = `Basic ${Buffer.from(`${LOCAL_M2M_CLIENT.id}:nope`).toString('base64')}`;
    expect(
      await error({ grant_type: 'client_credentials' }, { authorization: wrongSecret }),
    ).toEqual([401, 'invalid_client']);
    // Basic credentials are form-encoded (§2.3.1): one that does not decode names no client.
    const undecodable = `Basic ${Buffer.from('%ZZ:x').toString('base64')}`;
    expect(
      await error({ grant_type: 'client_credentials' }, { authorization: undecodable }),
    ).toEqual([401, 'invalid_client']);
    // A grant type is one of the server's own, never a property every object inherits.
    for (const grant_type of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(await error({ grant_type, client_id: CLIENT })).toEqual([
        400,
        'unsupported_grant_type',
      ]);
    }
  });

  it('grants client credentials to the machine client, its id as subject (Cognito M2M)', async () => {
    const { form, json } = await setup();
    const basic = `Basic ${Buffer.from(`${LOCAL_M2M_CLIENT.id}:${LOCAL_M2M_CLIENT.secret}`).toString('base64')}`;
    const response = await form(
      '/token',
      { grant_type: 'client_credentials', scope: 'items/read' },
      { authorization: basic },
    );
    expect(response.status).toBe(200);
    const body = json(response);
    expect(body.refresh_token).toBeUndefined();
    expect(decodeJwt(body.access_token)).toMatchObject({
      sub: LOCAL_M2M_CLIENT.id,
      client_id: LOCAL_M2M_CLIENT.id,
      scope: 'items/read',
    });
  });

  it('mints tokens only for a local command: never for a web page or another machine', async () => {
    const { send, json } = await setup();
    const mint = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
      send({
        method: 'POST',
        path: '/mint',
        headers: { 'content-type': 'application/json', ...headers },
        body: Buffer.from(JSON.stringify({ sub: 'bob', scope: ['items/read'] })),
        remoteAddress,
      });
    const ok = await mint({});
    expect(decodeJwt(json(ok).token)).toMatchObject({ sub: 'bob', scope: 'items/read' });
    expect((await mint({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await mint({}, '10.0.0.2')).status).toBe(403);
  });
});
