import { allScopes } from '@items-api/contract';
import { randomUUID } from 'node:crypto';
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

/** Cognito's two JWTs: an access token (what the API accepts) and an ID token (who signed in). */
export type TokenUse = 'id' | 'access';

export type SignOptions = {
  /** `1h` unless set; a negative span (`-1m`) makes an expired token. */
  expiresIn?: string;
  /** `access` unless set. */
  tokenUse?: TokenUse;
  /**
   * The app client the token is for: `client_id` of an access token, `aud` of an ID token.
   * Default: the issuer's audience.
   */
  audience?: string;
  /** Scopes of an access token. Default: every scope the API defines. */
  scope?: readonly string[];
  /** Overrides for tests of the authorizer: another issuer, a future `nbf`. */
  issuer?: string;
  notBefore?: string;
};

export type DevIssuer = {
  readonly issuer: string;
  /** The local app client id, the audience the gateway's authorizer accepts. */
  readonly audience: string;
  /** Public keys, served as the issuer's JWKS. */
  readonly jwks: { keys: JWK[] };
  /** A signed RS256 token for `sub`, shaped as Cognito's (see `SignOptions`). */
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
 * Claims as Cognito puts them in each token: an access token names its app client in
 * `client_id` and its grants in `scope` (space-separated) and has no `aud`; an ID token has
 * `aud` = the app client. Source: Amazon Cognito developer guide, "Understanding the access
 * token" and "Understanding the identity (ID) token".
 */
function tokenClaims(
  sub: string,
  claims: Record<string, unknown>,
  tokenUse: TokenUse,
  clientId: string,
  scope: readonly string[],
): { payload: Record<string, unknown>; audience?: string } {
  if (tokenUse === 'id') {
    return { payload: { token_use: 'id', 'cognito:username': sub, ...claims }, audience: clientId };
  }
  return {
    payload: {
      token_use: 'access',
      client_id: clientId,
      scope: scope.join(' '),
      username: sub,
      jti: randomUUID(),
      ...claims,
    },
  };
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
    sign: ({ sub, ...claims }, signOptions: SignOptions = {}) => {
      const { expiresIn = '1h', tokenUse = 'access', scope = allScopes } = signOptions;
      const { payload, audience } = tokenClaims(
        sub,
        claims,
        tokenUse,
        signOptions.audience ?? options.audience,
        scope,
      );
      const jwt = new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(signOptions.issuer ?? options.issuer)
        .setIssuedAt()
        .setExpirationTime(expiresIn);
      if (audience) jwt.setAudience(audience);
      if (signOptions.notBefore) jwt.setNotBefore(signOptions.notBefore);
      return jwt.sign(privateKey);
    },
  };
}
