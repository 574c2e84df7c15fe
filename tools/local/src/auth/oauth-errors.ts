import { jsonResponse, type HttpResponse } from '@items-api/http-api';

/** Error codes of the token endpoint (RFC 6749 §5.2). */
export type TokenErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  /** RFC 7009 §2.2.1: the revocation endpoint does not revoke this kind of token. */
  | 'unsupported_token_type';

/** Error codes the authorization endpoint redirects with (RFC 6749 §4.1.2.1). */
export type AuthorizeErrorCode =
  | 'invalid_request'
  | 'unauthorized_client'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'invalid_scope';

/** Token responses are never cached (RFC 6749 §5.1). */
export const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };

export class TokenError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    readonly description: string,
  ) {
    super(description);
  }
}

/**
 * RFC 6749 §5.2: 400, or 401 with a `WWW-Authenticate` challenge when client authentication
 * failed.
 */
export function tokenErrorResponse(error: TokenError): HttpResponse {
  const status = error.code === 'invalid_client' ? 401 : 400;
  return jsonResponse(
    status,
    JSON.stringify({ error: error.code, error_description: error.description }),
    {
      ...noStore,
      ...(status === 401 ? { 'www-authenticate': 'Basic realm="local issuer"' } : {}),
    },
  );
}
