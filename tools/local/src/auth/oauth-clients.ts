import { allScopes } from '@items-api/contract';

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';

/** An app client registered with the local issuer, as a Cognito user-pool app client is. */
export type OAuthClient = {
  readonly id: string;
  /** Confidential clients authenticate with it (client credentials); public ones have none. */
  readonly secret?: string;
  /** Exact-match allow-list for `redirect_uri` (RFC 6749 §3.1.2.3) and the sign-out redirect. */
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly GrantType[];
  /** Scopes the client may ask for. */
  readonly scopes: readonly string[];
};

/** The local stand-in for the stack's machine-to-machine app client (client credentials). */
export const LOCAL_M2M_CLIENT = { id: 'items-api-local-m2m', secret: 'local-m2m-secret' } as const;

/**
 * The local issuer's clients: the web app (public, code + PKCE, refresh) for its redirect URIs,
 * and a confidential machine client (client credentials). Same shape as the stack's Cognito
 * app clients.
 */
export function localClients(spaClientId: string, redirectUris: readonly string[]): OAuthClient[] {
  return [
    {
      id: spaClientId,
      redirectUris,
      grantTypes: ['authorization_code', 'refresh_token'],
      scopes: ['openid', ...allScopes],
    },
    {
      id: LOCAL_M2M_CLIENT.id,
      secret: LOCAL_M2M_CLIENT.secret,
      redirectUris: [],
      grantTypes: ['client_credentials'],
      scopes: allScopes,
    },
  ];
}
