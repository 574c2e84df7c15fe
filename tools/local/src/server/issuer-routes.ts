import type { IncomingMessage } from 'node:http';
import { ISSUER_PATH } from '../auth/local-identity';
import type { OAuthProvider } from '../auth/oauth-provider';
import { jsonResponse, type HttpResponse } from '@items-api/http-api';
import { readBody } from './read-body';

/** Sign-in forms and token requests are small; anything bigger is refused unread. */
const MAX_ISSUER_BODY_BYTES = 16 * 1024;

/**
 * A mint request that names no scope gets `scopes` (the served template's): a token from
 * `npm run token` passes the routes of the API being served, whatever its scopes.
 */
function withDefaultScopes(body: Buffer, scopes: readonly string[]): Buffer {
  try {
    const request = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof request !== 'object' || request === null || Array.isArray(request)) return body;
    if ('scope' in request) return body;
    return Buffer.from(JSON.stringify({ ...request, scope: scopes }));
  } catch {
    // Not JSON: the mint endpoint names the problem.
    return body;
  }
}

/**
 * Local-only paths, outside the API: the dev issuer's OpenID endpoints under `ISSUER_PATH`
 * (discovery, JWKS, authorize, token, logout, revoke, mint); `undefined` for any other path, its
 * body unread, so an app's own routes (`$default`) still get every other request. `mintScopes`, when
 * given, are the scopes of a minted token that names none.
 */
export function issuerRoutes(provider: OAuthProvider, mintScopes?: readonly string[]) {
  return async (req: IncomingMessage, url: URL): Promise<HttpResponse | undefined> => {
    if (!url.pathname.startsWith(`${ISSUER_PATH}/`)) return undefined;
    const path = url.pathname.slice(ISSUER_PATH.length);
    if (!provider.serves(path)) return undefined;
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
    return provider({
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers,
      body: path === '/mint' && mintScopes ? withDefaultScopes(body, mintScopes) : body,
      remoteAddress: req.socket.remoteAddress ?? '',
    });
  };
}
