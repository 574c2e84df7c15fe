import { allScopes } from '@items-api/contract';
import {
  exportSPKI,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
  type JWTPayload,
  type JWTHeaderParameters,
} from 'jose';

export type ForgeOptions = {
  /** The issuer's private signing key (RS256, with its `kid`). */
  privateJwk: JWK;
  issuer: string;
  audience: string;
};

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const seconds = () => Math.floor(Date.now() / 1000);

/**
 * Signs tokens the way the real issuer does — and every way it never would. Each method changes
 * one thing from a valid token, so a rejection proves the authorizer checks exactly that.
 */
export async function createTokenForge({ privateJwk, issuer, audience }: ForgeOptions) {
  const kid = privateJwk.kid;
  if (!kid) throw new Error('the issuer key has no kid');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const realKey = await importJWK(privateJwk, 'RS256');
  const publicPem = await exportSPKI((await importJWK(publicJwk, 'RS256')) as CryptoKey);
  const otherKey = (await generateKeyPair('RS256')).privateKey;

  const claims = (overrides: JWTPayload = {}): JWTPayload => ({
    sub: 'alice',
    iss: issuer,
    aud: audience,
    iat: seconds(),
    exp: seconds() + 3600,
    token_use: 'id',
    // Every route requires an API scope; the matrix tests the other claims, so the control has all.
    scope: allScopes.join(' '),
    ...overrides,
  });
  const sign = (
    payload: JWTPayload,
    header: Partial<JWTHeaderParameters> = {},
    key: Parameters<SignJWT['sign']>[0] = realKey,
  ) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid, ...header }).sign(key);

  return {
    publicPem,
    /** A token the authorizer must accept (the control). */
    valid: (overrides?: JWTPayload) => sign(claims(overrides)),
    withClaims: (overrides: JWTPayload) => sign(claims(overrides)),
    withoutKid: () => sign(claims(), { kid: undefined }),
    withKid: (other: string) => sign(claims(), { kid: other }),
    signedByAnotherKey: () => sign(claims(), {}, otherKey),
    unsigned: async () => `${encode({ alg: 'none', typ: 'JWT', kid })}.${encode(claims())}.`,
    /** Algorithm confusion: HS256 keyed with public material the attacker can fetch. */
    hmacWith: (secret: string) =>
      sign(claims(), { alg: 'HS256' }, new TextEncoder().encode(secret)),
    /** A valid signature over one payload, sent with another (`sub` changed after signing). */
    payloadSwapped: async (sub: string) => {
      const [header, , signature] = (await sign(claims())).split('.');
      return `${header}.${encode(claims({ sub }))}.${signature}`;
    },
    publicJwkJson: JSON.stringify(publicJwk),
  };
}

export type TokenForge = Awaited<ReturnType<typeof createTokenForge>>;
