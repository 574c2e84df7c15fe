import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
} from 'jose';

export type AuthorizerResult =
  { ok: true; claims: Record<string, string>; scopes: string[] } | { ok: false; challenge: string };

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

const invalid = (description: string): AuthorizerResult => ({
  ok: false,
  challenge: `Bearer error="invalid_token" error_description="${description}"`,
});

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's ${error.claim} claim is not valid`;
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token algorithm is not allowed';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'no key in the issuer JWKS matches the token';
  return 'the token is not valid';
}

/**
 * API Gateway's JWT authorizer: RS256 signature by a key of the issuer's JWKS (found through
 * `{issuer}/.well-known/openid-configuration`), a `kid` header, `iss`, `exp`, `nbf`, `iat` (not
 * in the future), and `aud` (or `client_id`, for access tokens) naming a configured audience.
 */
export function createJwtAuthorizer({
  issuer,
  audience,
}: {
  issuer: string;
  audience: readonly string[];
}) {
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  const keySet = async () => {
    if (keys) return keys;
    const discovery = (await (
      await fetch(`${issuer}/.well-known/openid-configuration`)
    ).json()) as { jwks_uri: string };
    keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
    return keys;
  };
  return async (authorization: string | undefined): Promise<AuthorizerResult> => {
    const token = authorization?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return { ok: false, challenge: 'Bearer' };
    try {
      if (!decodeProtectedHeader(token).kid) return invalid('the token has no kid header');
      const { payload } = await jwtVerify(token, await keySet(), { issuer, algorithms: ['RS256'] });
      // API Gateway also refuses a token issued in the future; jose checks `iat` only with maxTokenAge.
      if (typeof payload.iat === 'number' && payload.iat > Math.floor(Date.now() / 1000)) {
        return invalid("the token's iat claim is not valid");
      }
      const audiences = [payload.aud ?? [], payload['client_id'] ?? []].flat();
      if (!audiences.some((a) => typeof a === 'string' && audience.includes(a))) {
        return invalid('the token does not have a valid audience');
      }
      const scopes = typeof payload['scope'] === 'string' ? payload['scope'].split(' ') : [];
      return { ok: true, claims: stringifyClaims(payload), scopes };
    } catch (error) {
      return invalid(describe(error));
    }
  };
}
