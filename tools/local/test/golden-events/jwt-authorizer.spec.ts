import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { decodeJwt } from 'jose';
import { createJwtAuthorizer } from '../../src/auth/jwt-authorizer';
import { FIXTURE_AUDIENCE } from './fixture-template';
import { STAND_IN_AUDIENCE, startGoldenGateway, type GoldenGateway } from './golden-gateway';

// AWS guide "Controlling access to HTTP APIs with JWT authorizers" (the validation steps) and
// "Troubleshooting issues with HTTP API JWT authorizers" (the 401 and its www-authenticate).
describe('the JWT authorizer, as API Gateway runs it', () => {
  let g: GoldenGateway;
  beforeAll(async () => {
    g = await startGoldenGateway();
  });
  afterAll(() => g.stop());

  const call = (authorization: string | string[] | undefined, target = '/cognito') =>
    g.request({
      method: target === '/cognito' ? 'POST' : 'GET',
      target,
      headers: [authorization ?? []]
        .flat()
        .map((value): [string, string] => ['Authorization', value]),
    });
  const lastJwt = () =>
    (g.lastEvent() as APIGatewayProxyEventV2WithJWTAuthorizer).requestContext.authorizer.jwt;
  const now = () => Math.floor(Date.now() / 1000);

  describe('401 {"message":"Unauthorized"}', () => {
    it('answers a request without a token, with a bare Bearer challenge', async () => {
      const res = await call(undefined);
      expect([res.status, res.json]).toEqual([401, { message: 'Unauthorized' }]);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      for (const empty of ['Bearer', 'Bearer    ', '']) {
        expect((await call(empty)).headers['www-authenticate']).toBe('Bearer');
      }
    });

    it.each([
      ['another scheme', 'Basic YWxpY2U6c2VjcmV0'],
      ['two parts', 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0'],
      ['garbage', 'Bearer !!!.???.***'],
      ['a header that is not JSON', 'Bearer bm90IGpzb24.e30.c2ln'],
    ])(
      'answers a malformed Authorization header (%s) with invalid_token',
      async (_label, value) => {
        const res = await call(value);
        expect(res.status).toBe(401);
        expect(res.json).toEqual({ message: 'Unauthorized' });
        expect(res.headers['www-authenticate']).toMatch(
          /^Bearer scope="" error="invalid_token" error_description="[^"]+"$/,
        );
      },
    );

    it('refuses two Authorization headers: the gateway joins them into one value', async () => {
      const token = await g.token();
      expect((await call([`Bearer ${token}`, `Bearer ${token}`])).status).toBe(401);
    });

    it.each([
      ['HS256', { alg: 'HS256' }],
      ['alg none', { alg: 'none' }],
      ['PS256 (RSA-PSS: not documented as accepted)', { alg: 'PS256' }],
    ])('refuses a token signed with %s — only RSA-based algorithms', async (_label, header) => {
      const res = await call(`Bearer ${await g.token({}, header)}`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    });

    it.each(['RS256', 'RS384', 'RS512'])('accepts a token signed with %s', async (alg) => {
      expect((await call(`Bearer ${await g.token({}, { alg })}`)).status).toBe(200);
    });

    it('refuses a token whose kid is unknown, missing, or whose signature is another key’s', async () => {
      for (const header of [
        { kid: 'unknown-key' },
        { kid: undefined },
        { signWith: 'foreign' as const },
      ]) {
        const res = await call(`Bearer ${await g.token({}, header)}`);
        expect([JSON.stringify(header), res.status]).toEqual([JSON.stringify(header), 401]);
      }
    });

    it.each([
      ['expired', { exp: now() - 60 }, 'expired'],
      ['without exp (AWS lists exp among the claims it validates)', { exp: undefined }, 'exp'],
      ['without iat', { iat: undefined }, 'iat'],
      ['issued in the future', { iat: now() + 600 }, 'iat'],
      ['not yet valid (nbf)', { nbf: now() + 600 }, 'nbf'],
      ['of another issuer', { iss: 'https://evil.example/' }, 'iss'],
    ])('refuses a token %s', async (_label, claims, word) => {
      const res = await call(`Bearer ${await g.token(claims)}`);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toContain(word);
    });

    it('refuses a token that passed before once its exp has passed: a verified signature is remembered, the time claims are checked on every request', async () => {
      const issuedAt = now();
      const token = await g.token({ iat: issuedAt, exp: issuedAt + 60 });
      let clock = new Date(issuedAt * 1000);
      // The gateway's authorizer on this issuer, on a clock the test moves.
      const authorize = createJwtAuthorizer({
        issuer: String(decodeJwt(token).iss),
        audience: [FIXTURE_AUDIENCE],
        now: () => clock,
      });
      expect(await authorize(`Bearer ${token}`)).toMatchObject({ ok: true });
      clock = new Date((issuedAt + 59) * 1000);
      expect(await authorize(`Bearer ${token}`)).toMatchObject({ ok: true });
      clock = new Date((issuedAt + 60) * 1000);
      expect(await authorize(`Bearer ${token}`)).toEqual({
        ok: false,
        status: 401,
        challenge: expect.stringContaining('error_description="the token has expired"'),
      });
    });

    it('refuses a token before its nbf and after its exp, by the clock it is given (jose’s currentDate)', async () => {
      const issuedAt = now();
      const token = await g.token({ iat: issuedAt, nbf: issuedAt + 30, exp: issuedAt + 60 });
      const at = (seconds: number) =>
        createJwtAuthorizer({
          issuer: String(decodeJwt(token).iss),
          audience: [FIXTURE_AUDIENCE],
          now: () => new Date(seconds * 1000),
        })(`Bearer ${token}`);
      expect(await at(issuedAt + 29)).toMatchObject({ ok: false, status: 401 });
      expect(await at(issuedAt + 30)).toMatchObject({ ok: true });
      expect(await at(issuedAt + 59)).toMatchObject({ ok: true });
      expect(await at(issuedAt + 60)).toMatchObject({
        ok: false,
        challenge: expect.stringContaining('expired'),
      });
    });

    it('refuses, on the same token, what the route decides: a remembered token still meets each route’s audience and scopes', async () => {
      const token = `Bearer ${await g.token({ aud: 'someone-else' })}`;
      expect((await call(token)).status).toBe(401);
      expect((await call(token)).status).toBe(401);
    });
  });

  describe('aud, or client_id only when there is no aud', () => {
    const documented =
      'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"';

    it('answers a wrong aud with the documented challenge, even when client_id would match', async () => {
      const res = await call(
        `Bearer ${await g.token({ aud: 'someone-else', client_id: FIXTURE_AUDIENCE })}`,
      );
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe(documented);
    });

    it('accepts client_id when the token has no aud (an access token)', async () => {
      expect(
        (await call(`Bearer ${await g.token({ aud: undefined, client_id: FIXTURE_AUDIENCE })}`))
          .status,
      ).toBe(200);
      const res = await call(`Bearer ${await g.token({ aud: undefined, client_id: 'other' })}`);
      expect(res.headers['www-authenticate']).toBe(documented);
    });

    it('accepts an aud among several, and the local stand-in for the deploy-time audience', async () => {
      expect((await call(`Bearer ${await g.token({ aud: ['x', FIXTURE_AUDIENCE] })}`)).status).toBe(
        200,
      );
      expect((await call(`Bearer ${await g.token({ aud: STAND_IN_AUDIENCE })}`)).status).toBe(200);
    });

    it('takes the token without the Bearer prefix ("only the token, or the token prefixed with Bearer")', async () => {
      expect((await call(await g.token())).status).toBe(200);
      expect((await call(`bearer ${await g.token()}`)).status).toBe(200);
      expect((await call(`Bearer ${await g.token()} extra`)).status).toBe(401);
    });
  });

  describe('route authorization scopes (the template’s AuthorizationScopes)', () => {
    it('passes a token holding one of the route’s scopes, and hands the function its scopes', async () => {
      const res = await call(`Bearer ${await g.token({ scope: 'openid items/read' })}`, '/scoped');
      expect(res.status).toBe(200);
      expect(lastJwt().scopes).toEqual(['openid', 'items/read']);
    });

    it.each([
      ['scp as an array', { scp: ['items/write'] }],
      ['scp as a space-separated string', { scp: 'profile items/write' }],
    ])('reads %s as well as scope', async (_label, claims) => {
      expect((await call(`Bearer ${await g.token(claims)}`, '/scoped')).status).toBe(200);
    });

    it.each([
      ['other scopes', { scope: 'openid items/delete' }],
      ['no scope claim', {}],
      ['a scope that only starts like one', { scope: 'items/readers' }],
    ])('answers a valid token with %s 403 {"message":"Forbidden"}', async (_label, claims) => {
      const before = g.events.length;
      const res = await call(`Bearer ${await g.token(claims)}`, '/scoped');
      expect([res.status, res.json]).toEqual([403, { message: 'Forbidden' }]);
      expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
      expect(res.headers['www-authenticate']).toContain('scope="items/read items/write"');
      expect(g.events.length).toBe(before);
    });

    it('still answers 401 before scopes for an invalid token on a scoped route', async () => {
      const res = await call(
        `Bearer ${await g.token({ scope: 'items/read', exp: now() - 5 })}`,
        '/scoped',
      );
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toContain('scope="items/read items/write"');
    });

    it('gives scopes null on a route without scopes, whatever the token holds', async () => {
      expect((await call(`Bearer ${await g.token({ scope: 'items/read' })}`)).status).toBe(200);
      expect(lastJwt().scopes).toBeNull();
    });
  });
});
