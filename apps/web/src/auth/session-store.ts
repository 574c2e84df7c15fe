/** Tokens of the signed-in person. */
export type Session = {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly refreshToken?: string;
  /** Shown in the header. */
  readonly username: string;
};

const SESSION_KEY = 'items-web.session';
const PENDING_KEY = 'items-web.pending-sign-in';

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

/*
 * The session lives in localStorage, so a second tab is signed in too (as Amplify keeps
 * Cognito tokens by default); the content-security policy allows no third-party script that
 * could read it. The PKCE verifier of a sign-in in flight stays in the tab (sessionStorage).
 */
export const sessionStore = {
  load: () => read<Session>(localStorage, SESSION_KEY),
  save: (session: Session) => localStorage.setItem(SESSION_KEY, JSON.stringify(session)),
  clear: () => localStorage.removeItem(SESSION_KEY),
  loadPending: () => read<PendingSignIn>(sessionStorage, PENDING_KEY),
  savePending: (pending: PendingSignIn) =>
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending)),
  clearPending: () => sessionStorage.removeItem(PENDING_KEY),
};
