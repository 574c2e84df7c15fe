import { subjectIsString } from '@items-api/stack-contract';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';

/**
 * What API Gateway's JWT authorizer decides, per the AWS guide "Controlling access to HTTP APIs
 * with JWT authorizers": a valid token passes its claims (and, on a route with authorization
 * scopes, its scopes) to the function; an invalid or missing token is a 401; a valid token with
 * none of the route's scopes is a 403.
 */
export type AuthorizerResult =
  | { ok: true; claims: Record<string, string>; scopes: string[] | null }
  | { ok: false; status: 401 | 403; challenge: string };

export type JwtAuthorizerSettings = {
  issuer: string;
  /** Accepted `aud` (or, without `aud`, `client_id`) values. */
  audience: readonly string[];
  /** The time the token's time claims are checked against. Default: the system clock. */
  now?: () => Date;
};

/**
 * "API Gateway supports only RSA-based algorithms" (same guide). RSASSA-PKCS1-v1_5 with the three
 * SHA-2 sizes is accepted; RSASSA-PSS (`PS*`) is also RSA-based but AWS does not say it is
 * accepted, so it is refused — the stricter choice.
 */
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

/** Claims as API Gateway hands them to the function: every value a string, arrays as `[a b]`. */
function stringifyClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value),
    ]),
  );
}

/**
 * The challenge format of AWS's troubleshooting page ("Troubleshooting issues with HTTP API JWT
 * authorizers"): `Bearer scope="" error="invalid_token" error_description="the token does not
 * have a valid audience"`. `scope` carries the route's scopes (RFC 6750 §3); descriptions other
 * than the audience one are not published by AWS and are this server's own wording.
 */
const challenge = (routeScopes: readonly string[], error: string, description: string) =>
  `Bearer scope="${routeScopes.join(' ')}" error="${error}" error_description="${description}"`;

/** The token's scopes: `scope` (space-separated, RFC 8693 §4.2) and `scp` (string or array). */
function tokenScopes(payload: JWTPayload): string[] {
  const spaced = (value: unknown) =>
    typeof value === 'string' ? value.split(' ').filter(Boolean) : [];
  const scp = payload['scp'];
  const fromScp = Array.isArray(scp)
    ? scp.filter((s): s is string => typeof s === 'string')
    : spaced(scp);
  return [...new Set([...spaced(payload['scope']), ...fromScp])];
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === 'missing'
      ? `the token has no ${error.claim} claim`
      : `the token's ${error.claim} claim is not valid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token algorithm is not supported';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'no key in the issuer JWKS matches the token kid';
  return 'the token is not valid';
}

function protectedHeader(token: string): ProtectedHeaderParameters | undefined {
  if (token.split('.').length !== 3) return undefined;
  try {
    return decodeProtectedHeader(token);
  } catch {
    return undefined;
  }
}

/**
 * Tokens whose signature was verified, so that a client repeating one token is not charged an
 * RSA verification per request. An entry lives no longer than jose keeps a fetched JWKS
 * (`cacheMaxAge`, 10 minutes): a key removed from the issuer's set stops verifying its tokens
 * here no later than it would without the cache. Bounded; the oldest entry goes first.
 */
class VerifiedTokens {
  static readonly MAX_AGE_MS = 10 * 60_000;
  static readonly MAX_ENTRIES = 10_000;
  private readonly entries = new Map<string, { payload: JWTPayload; until: number }>();

  constructor(private readonly now: () => Date) {}

  get(token: string): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until > this.now().getTime()) return entry.payload;
    this.entries.delete(token);
    return undefined;
  }

  add(token: string, payload: JWTPayload): void {
    if (this.entries.size >= VerifiedTokens.MAX_ENTRIES) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(token, { payload, until: this.now().getTime() + VerifiedTokens.MAX_AGE_MS });
  }
}

/**
 * "The identitySource can include only the token, or the token prefixed with Bearer." The scheme
 * is matched case-insensitively, as auth schemes are (RFC 9110 §11.1).
 */
const tokenOf = (identity: string) => identity.replace(/^Bearer(\s+|$)/i, '').trim();

/**
 * API Gateway's JWT authorizer. In the guide's order: the token from the identity source, a JWS
 * with an RSA algorithm and a `kid` naming a key of the issuer's JWKS (found through
 * `{issuer}/.well-known/openid-configuration`), then the claims — `iss` equal to the issuer;
 * `aud` naming a configured audience, or `client_id` when there is no `aud` ("API Gateway
 * validates client_id only if aud is not present"); `exp` after now; `nbf` and `iat` not after
 * now; `sub`, when present, a string; and, when the route has authorization scopes, `scope`/`scp` holding at least one of them.
 * The guide lists `exp` and `iat` among the claims it validates without saying that a token
 * lacking them passes, so both are required here — the stricter reading.
 */
export function createJwtAuthorizer({
  issuer,
  audience,
  now = () => new Date(),
}: JwtAuthorizerSettings) {
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const verified = new VerifiedTokens(now);
  const nowSeconds = () => Math.floor(now().getTime() / 1000);
  const keySet = async () => {
    if (keys) return keys;
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    const discovery = (await response.json()) as { jwks_uri?: unknown };
    if (typeof discovery.jwks_uri !== 'string') throw new Error('the issuer publishes no jwks_uri');
    keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
    return keys;
  };
  return async (
    identity: string | undefined,
    routeScopes: readonly string[] = [],
  ): Promise<AuthorizerResult> => {
    const invalid = (description: string): AuthorizerResult => ({
      ok: false,
      status: 401,
      challenge: challenge(routeScopes, 'invalid_token', description),
    });
    const token = identity === undefined ? '' : tokenOf(identity);
    if (!token) return { ok: false, status: 401, challenge: 'Bearer' };
    let payload = verified.get(token);
    if (payload) {
      // The header, the signature and `iss` hold for the token's lifetime; the time claims are
      // checked again.
      const at = nowSeconds();
      if (typeof payload.exp !== 'number' || payload.exp <= at) {
        return invalid('the token has expired');
      }
      if (typeof payload.nbf === 'number' && payload.nbf > at) {
        return invalid("the token's nbf claim is not valid");
      }
    } else {
      const header = protectedHeader(token);
      if (!header) return invalid('the token is malformed');
      if (!RSA_ALGORITHMS.includes(header.alg as (typeof RSA_ALGORITHMS)[number])) {
        return invalid('the token algorithm is not supported');
      }
      if (!header.kid) return invalid('the token has no kid header');
      try {
        ({ payload } = await jwtVerify(token, await keySet(), {
          issuer,
          algorithms: [...RSA_ALGORITHMS],
          requiredClaims: ['exp', 'iat'],
          currentDate: now(),
        }));
      } catch (error) {
        return invalid(describe(error));
      }
      verified.add(token, payload);
    }
    // jose checks `iat` only against a maximum token age; API Gateway refuses one in the future.
    if (typeof payload.iat !== 'number' || payload.iat > nowSeconds()) {
      return invalid("the token's iat claim is not valid");
    }
    // RFC 7519 §4.1.2: `sub` is a string. AWS does not say what its authorizer does with a
    // number there (the function would get its digits, the same owner as the string); refusing
    // it is the stricter choice.
    if (!subjectIsString(payload)) return invalid("the token's sub claim is not valid");
    const audiences = payload.aud !== undefined ? [payload.aud].flat() : [payload['client_id']];
    if (!audiences.some((a) => typeof a === 'string' && audience.includes(a))) {
      return invalid('the token does not have a valid audience');
    }
    const claims = stringifyClaims(payload);
    if (!routeScopes.length) return { ok: true, claims, scopes: null };
    const scopes = tokenScopes(payload);
    if (!scopes.some((scope) => routeScopes.includes(scope))) {
      return {
        ok: false,
        status: 403,
        challenge: challenge(
          routeScopes,
          'insufficient_scope',
          'the token does not have any of the route scopes',
        ),
      };
    }
    return { ok: true, claims, scopes };
  };
}

export type JwtAuthorizer = ReturnType<typeof createJwtAuthorizer>;
