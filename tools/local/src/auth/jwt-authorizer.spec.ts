import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJwtAuthorizer, type JwtAuthorizer } from './jwt-authorizer';

const AUDIENCE = 'web-client';
let server: Server;
let issuer: string;
let privateKey: CryptoKey;
let authorize: JwtAuthorizer;

/** An issuer of this test's own: the claims are signed as given, whatever their type. */
beforeAll(async () => {
  const keys = await generateKeyPair('RS256');
  privateKey = keys.privateKey;
  const jwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    const body =
      req.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks.json` }
        : { keys: [jwk] };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  authorize = createJwtAuthorizer({ issuer, audience: [AUDIENCE] });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const token = (claims: Record<string, unknown>) =>
  new SignJWT({ iss: issuer, aud: AUDIENCE, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);

describe('the local JWT authorizer', () => {
  it('passes a string sub on to the function as it is', async () => {
    const result = await authorize(`Bearer ${await token({ sub: '123' })}`);
    expect(result).toMatchObject({ ok: true, claims: { sub: '123' } });
  });

  it('refuses with 401 a token whose sub is a number: RFC 7519 §4.1.2 makes it a string, and the function would see "123"', async () => {
    const result = await authorize(`Bearer ${await token({ sub: 123 })}`);
    expect(result).toEqual({
      ok: false,
      status: 401,
      challenge: expect.stringMatching(
        /error="invalid_token" error_description="the token's sub claim is not valid"/,
      ),
    });
  });
});
