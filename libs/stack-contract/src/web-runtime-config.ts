/**
 * What the web app needs to know about the stage it talks to, read at start-up from
 * `/config.json`. The deploy writes that file from the stack's values (and `npm start` serves
 * one for the local gateway and issuer), so one build serves every stage.
 */
export type WebRuntimeConfig = {
  /** Base URL of the items API (stage URL, no trailing slash). */
  readonly apiUrl: string;
  readonly auth: {
    /** The OpenID issuer (`iss` of its tokens). */
    readonly issuer: string;
    /** The endpoints; when left out, read from the issuer's OpenID discovery document. */
    readonly authorizationEndpoint?: string;
    readonly tokenEndpoint?: string;
    /** Sign-out: called with `client_id` and `logout_uri` (Cognito's `/logout`). */
    readonly logoutEndpoint?: string;
    /** RFC 7009 token revocation (Cognito's `/oauth2/revoke`): sign-out revokes the refresh token. */
    readonly revocationEndpoint?: string;
    /** The public SPA app client (no secret; code + PKCE). */
    readonly clientId: string;
    readonly scopes: readonly string[];
  };
};

/** The path the app fetches its configuration from, on its own origin. */
export const RUNTIME_CONFIG_PATH = '/config.json';

const isUrl = (value: unknown): value is string => {
  if (typeof value !== 'string') return false;
  try {
    return ['https:', 'http:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const optionalUrl = (value: unknown) => value === undefined || isUrl(value);

/** @throws Error naming each missing or malformed setting. */
export function parseRuntimeConfig(value: unknown): WebRuntimeConfig {
  const config = (value ?? {}) as Partial<WebRuntimeConfig>;
  const auth = (config.auth ?? {}) as Partial<WebRuntimeConfig['auth']>;
  const problems = [
    isUrl(config.apiUrl) ? '' : 'apiUrl',
    isUrl(auth.issuer) ? '' : 'auth.issuer',
    optionalUrl(auth.authorizationEndpoint) ? '' : 'auth.authorizationEndpoint',
    optionalUrl(auth.tokenEndpoint) ? '' : 'auth.tokenEndpoint',
    optionalUrl(auth.logoutEndpoint) ? '' : 'auth.logoutEndpoint',
    optionalUrl(auth.revocationEndpoint) ? '' : 'auth.revocationEndpoint',
    typeof auth.clientId === 'string' && auth.clientId ? '' : 'auth.clientId',
    Array.isArray(auth.scopes) && auth.scopes.every((s) => typeof s === 'string')
      ? ''
      : 'auth.scopes',
  ].filter(Boolean);
  if (problems.length) throw new Error(`config.json: missing or invalid ${problems.join(', ')}`);
  return config as WebRuntimeConfig;
}
