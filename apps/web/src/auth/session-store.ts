/** Tokens of the signed-in person. */
export type Session = {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly refreshToken?: string;
  /** Shown in the header. */
  readonly username: string;
};

const PENDING_KEY = 'items-web.pending-sign-in';
const SIGNED_IN_KEY = 'items-web.signed-in';

/** One sign-in in flight in this tab: what the callback must check (state, nonce, PKCE). */
export type PendingSignIn = {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
};

const read = <T>(storage: Storage, key: string): T | undefined => {
  try {
    const raw = storage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
};

let current: Session | undefined;

/*
 * The tokens live in this page's memory only, never in Web Storage: a script that gets into the
 * page cannot take a refresh token away with it (OAuth 2.0 for Browser-Based Applications,
 * "Token storage"), and a reload starts a new sign-in. What does go to this tab's
 * sessionStorage is no credential: the PKCE verifier, state and nonce of a sign-in in flight
 * (they must survive the redirect) and a flag that the tab was signed in, so a reload signs in
 * again by itself.
 */
export const sessionStore = {
  load: () => current,
  save: (session: Session) => {
    current = session;
    sessionStorage.setItem(SIGNED_IN_KEY, '1');
  },
  clear: () => {
    current = undefined;
    sessionStorage.removeItem(SIGNED_IN_KEY);
  },
  /** True when this tab had a session before the page was (re)loaded. */
  wasSignedIn: () => sessionStorage.getItem(SIGNED_IN_KEY) === '1',
  loadPending: () => read<PendingSignIn>(sessionStorage, PENDING_KEY),
  savePending: (pending: PendingSignIn) =>
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending)),
  clearPending: () => sessionStorage.removeItem(PENDING_KEY),
};
