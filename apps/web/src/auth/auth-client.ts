import * as oauth from 'oauth4webapi';
import type { WebRuntimeConfig } from '@items-api/stack-contract';
import { sessionStore, type Session } from './session-store';

/** Refresh this long before the access token expires, so a request never carries a dying one. */
const EXPIRY_MARGIN_MS = 30_000;

/**
 * What the issuer said when a sign-in failed, in words: `access_denied: …` from the redirect
 * (RFC 6749 §4.1.2.1) or `invalid_grant: …` from the token endpoint (§5.2).
 */
export function describeSignInError(error: unknown): string {
  if (
    error instanceof oauth.AuthorizationResponseError ||
    error instanceof oauth.ResponseBodyError
  ) {
    return [error.error, error.error_description].filter(Boolean).join(': ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** The person has to sign in (again): no session, or it expired and could not be refreshed. */
export class SignInRequired extends Error {
  constructor(readonly reason: 'signed-out' | 'expired') {
    super(reason === 'expired' ? 'Your session has expired.' : 'Please sign in.');
  }
}

const isLoopback = (url: string) =>
  ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);

/** A claim of an ID token, read without verifying: only for display (the API verifies its token). */
function usernameFrom(idToken: string | undefined, fallback: string): string {
  const payload = idToken?.split('.')[1];
  if (!payload) return fallback;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<
      string,
      unknown
    >;
    const name = json['cognito:username'] ?? json['email'] ?? json['sub'];
    return typeof name === 'string' ? name : fallback;
  } catch {
    return fallback;
  }
}

/** The issuer's endpoints: from the config, or else from its discovery document. */
export type SignInEndpoints = {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly logoutEndpoint?: string;
  /** RFC 7009 token revocation, where sign-out revokes the refresh token. */
  readonly revocationEndpoint?: string;
};

export async function resolveEndpoints(config: WebRuntimeConfig['auth']): Promise<SignInEndpoints> {
  const { authorizationEndpoint, tokenEndpoint, logoutEndpoint, revocationEndpoint } = config;
  if (authorizationEndpoint && tokenEndpoint) {
    return {
      authorizationEndpoint,
      tokenEndpoint,
      ...(logoutEndpoint ? { logoutEndpoint } : {}),
      ...(revocationEndpoint ? { revocationEndpoint } : {}),
    };
  }
  const issuer = new URL(config.issuer);
  const options = isLoopback(config.issuer) ? { [oauth.allowInsecureRequests]: true } : {};
  const as = await oauth.processDiscoveryResponse(
    issuer,
    await oauth.discoveryRequest(issuer, options),
  );
  if (!as.authorization_endpoint || !as.token_endpoint) {
    throw new Error(`${config.issuer} has no authorization or token endpoint`);
  }
  const end = logoutEndpoint ?? (as['end_session_endpoint'] as string | undefined);
  const revoke = revocationEndpoint ?? as.revocation_endpoint;
  return {
    authorizationEndpoint: as.authorization_endpoint,
    tokenEndpoint: as.token_endpoint,
    ...(end ? { logoutEndpoint: end } : {}),
    ...(revoke ? { revocationEndpoint: revoke } : {}),
  };
}

/**
 * Sign-in with the authorization-code flow and PKCE S256 (RFC 6749 §4.1, RFC 7636), the token
 * refresh and sign-out, against the local issuer or Cognito's hosted UI, with oauth4webapi.
 */
export function createAuthClient(
  config: WebRuntimeConfig['auth'],
  endpoints: SignInEndpoints,
  redirectUri: string,
) {
  const as: oauth.AuthorizationServer = {
    issuer: config.issuer,
    authorization_endpoint: endpoints.authorizationEndpoint,
    token_endpoint: endpoints.tokenEndpoint,
    ...(endpoints.revocationEndpoint ? { revocation_endpoint: endpoints.revocationEndpoint } : {}),
  };
  const client: oauth.Client = { client_id: config.clientId };
  const clientAuth = oauth.None();
  // Plain HTTP only for the local issuer on this machine.
  const requestOptions = isLoopback(endpoints.tokenEndpoint)
    ? { [oauth.allowInsecureRequests]: true }
    : {};

  // With rotation (the stack's Cognito clients, the local issuer) every refresh answers a new
  // refresh token and the one sent is spent; an issuer that does not rotate answers none.
  const toSession = (tokens: oauth.TokenEndpointResponse, previous?: Session): Session => ({
    accessToken: tokens.access_token,
    expiresAt: Date.now() + (tokens.expires_in ?? 3600) * 1000,
    refreshToken: tokens.refresh_token ?? previous?.refreshToken,
    username: usernameFrom(tokens.id_token, previous?.username ?? 'you'),
  });

  /**
   * The refresh under way, shared: a rotated refresh token works once, so two calls that find
   * the token expired at the same moment must not both spend it.
   */
  let refreshing: Promise<Session> | undefined;

  async function refreshOnce(session: Session | undefined): Promise<Session> {
    if (!session?.refreshToken) throw new SignInRequired('expired');
    try {
      const response = await oauth.refreshTokenGrantRequest(
        as,
        client,
        clientAuth,
        session.refreshToken,
        requestOptions,
      );
      const next = toSession(
        await oauth.processRefreshTokenResponse(as, client, response),
        session,
      );
      sessionStore.save(next);
      return next;
    } catch {
      sessionStore.clear();
      throw new SignInRequired('expired');
    }
  }

  /** RFC 7009 §2.1: the refresh token, revoked at the issuer with what it granted. */
  async function revoke(refreshToken: string): Promise<void> {
    const response = await oauth.revocationRequest(as, client, clientAuth, refreshToken, {
      ...requestOptions,
      additionalParameters: { token_type_hint: 'refresh_token' },
    });
    await oauth.processRevocationResponse(response);
  }

  return {
    /** Goes to the sign-in page. */
    async signIn(): Promise<never> {
      // Until the sign-in completes this tab holds no session: a reload must not start another.
      sessionStore.clear();
      const codeVerifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const nonce = oauth.generateRandomNonce();
      sessionStore.savePending({ state, nonce, codeVerifier });
      const url = new URL(endpoints.authorizationEndpoint);
      url.search = new URLSearchParams({
        client_id: config.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: config.scopes.join(' '),
        code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      }).toString();
      window.location.assign(url.href);
      return new Promise<never>(() => undefined);
    },

    /** True when `url` is the redirect back from the sign-in page. */
    isCallback: (url: URL) => url.searchParams.has('code') || url.searchParams.has('error'),

    /**
     * Completes a sign-in from the redirect's parameters.
     * @throws Error with what the issuer said (access denied, a reused code, …).
     */
    async completeSignIn(url: URL): Promise<Session> {
      const pending = sessionStore.loadPending();
      sessionStore.clearPending();
      if (!pending) throw new Error('This sign-in was not started here. Sign in again.');
      const params = oauth.validateAuthResponse(as, client, url, pending.state);
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth,
        params,
        redirectUri,
        pending.codeVerifier,
        requestOptions,
      );
      const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, {
        expectedNonce: pending.nonce,
        requireIdToken: config.scopes.includes('openid'),
      });
      const session = toSession(tokens);
      sessionStore.save(session);
      return session;
    },

    /**
     * A valid access token: the stored one, or a refreshed one when it is about to expire.
     * @throws SignInRequired when there is none and it cannot be refreshed.
     */
    async accessToken(): Promise<string> {
      const session = sessionStore.load();
      if (!session) throw new SignInRequired('signed-out');
      if (session.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return session.accessToken;
      return (await this.refresh(session)).accessToken;
    },

    /** Uses the refresh token; @throws SignInRequired('expired') when that fails. */
    refresh(session = sessionStore.load()): Promise<Session> {
      refreshing ??= refreshOnce(session).finally(() => {
        refreshing = undefined;
      });
      return refreshing;
    },

    /**
     * Revokes the refresh token (when the issuer has a revocation endpoint), forgets the tokens
     * here and at the issuer's sign-out endpoint (if any), then comes back. A revocation that
     * fails does not keep anyone signed in: the tokens are forgotten all the same.
     */
    async signOut(): Promise<void> {
      const refreshToken = sessionStore.load()?.refreshToken;
      sessionStore.clear();
      if (refreshToken && endpoints.revocationEndpoint) {
        await revoke(refreshToken).catch(() => undefined);
      }
      if (!endpoints.logoutEndpoint) {
        window.location.assign(redirectUri);
        return;
      }
      const url = new URL(endpoints.logoutEndpoint);
      url.search = new URLSearchParams({
        client_id: config.clientId,
        logout_uri: redirectUri,
      }).toString();
      window.location.assign(url.href);
    },
  };
}

export type AuthClient = ReturnType<typeof createAuthClient>;
