import type { DevIssuer } from '../auth/dev-issuer';
import { ISSUER_PATH } from '../auth/local-identity';
import { jsonResponse, type HttpResponse } from '../gateway/from-result';

const json = (body: unknown) => jsonResponse(200, JSON.stringify(body));

/** Local-only paths, outside the API: the dev issuer's OpenID discovery document and JWKS. */
export function issuerRoutes(issuer: DevIssuer, path: string): HttpResponse | undefined {
  if (path === `${ISSUER_PATH}/.well-known/openid-configuration`) {
    return json({
      issuer: issuer.issuer,
      jwks_uri: `${issuer.issuer}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  }
  if (path === `${ISSUER_PATH}/.well-known/jwks.json`) return json(issuer.jwks);
  return undefined;
}
