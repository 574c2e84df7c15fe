import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  SignJWT,
  type JWK,
} from 'jose';

/** Overrides for tests of the authorizer: another audience or issuer, a future `nbf`. */
export type SignOptions = {
  expiresIn?: string;
  audience?: string;
  issuer?: string;
  notBefore?: string;
};

export type DevIssuer = {
  readonly issuer: string;
  readonly audience: string;
  /** Public keys, served as the issuer's JWKS. */
  readonly jwks: { keys: JWK[] };
  /** A signed RS256 token for `sub` (1 h unless `expiresIn` says otherwise). */
  sign(claims: { sub: string } & Record<string, unknown>, options?: SignOptions): Promise<string>;
};

async function loadOrCreateKey(keyFile: string | undefined): Promise<JWK> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const key = { ...jwk, alg: 'RS256', use: 'sig', kid: await calculateJwkThumbprint(jwk) };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
}

/**
 * The local server's own token issuer: an RSA key made on first start (kept in `keyFile` so
 * tokens survive restarts), its JWKS, and a signer. Never used outside local development.
 */
export async function createDevIssuer(options: {
  issuer: string;
  audience: string;
  keyFile?: string;
}): Promise<DevIssuer> {
  const privateJwk = await loadOrCreateKey(options.keyFile);
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, 'RS256');
  return {
    issuer: options.issuer,
    audience: options.audience,
    jwks: { keys: [publicJwk] },
    sign: ({ sub, ...claims }, { expiresIn = '1h', ...overrides }: SignOptions = {}) => {
      const jwt = new SignJWT({ token_use: 'id', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(overrides.issuer ?? options.issuer)
        .setAudience(overrides.audience ?? options.audience)
        .setIssuedAt()
        .setExpirationTime(expiresIn);
      if (overrides.notBefore) jwt.setNotBefore(overrides.notBefore);
      return jwt.sign(privateKey);
    },
  };
}
