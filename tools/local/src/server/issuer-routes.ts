import type { IncomingMessage } from 'node:http';
import { ISSUER_PATH } from '../auth/local-identity';
import type { OAuthProvider } from '../auth/oauth-provider';
import { jsonResponse, type HttpResponse } from '@items-api/http-api';
import { readBody } from './read-body';

/** Sign-in forms and token requests are small; anything bigger is refused unread. */
const MAX_ISSUER_BODY_BYTES = 16 * 1024;

/**
 * Local-only paths, outside the API: the dev issuer's OpenID endpoints under `ISSUER_PATH`
 * (discovery, JWKS, authorize, token, logout, mint); `undefined` outside it.
 */
export function issuerRoutes(provider: OAuthProvider) {
  return async (req: IncomingMessage, url: URL): Promise<HttpResponse | undefined> => {
    if (!url.pathname.startsWith(`${ISSUER_PATH}/`)) return undefined;
    const body = await readBody(req, MAX_ISSUER_BODY_BYTES);
    if (!body) {
      return jsonResponse(
        413,
        JSON.stringify({ error: 'invalid_request', error_description: 'request body too large' }),
      );
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([name, value]) => [name, value?.toString()]),
    );
    const response = await provider({
      method: req.method ?? 'GET',
      path: url.pathname.slice(ISSUER_PATH.length),
      query: url.searchParams,
      headers,
      body,
      remoteAddress: req.socket.remoteAddress ?? '',
    });
    return (
      response ??
      jsonResponse(
        404,
        JSON.stringify({ error: 'invalid_request', error_description: 'no such endpoint' }),
      )
    );
  };
}
