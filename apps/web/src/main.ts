import { startApp } from './app';
import { createAuthClient, describeSignInError, resolveEndpoints } from './auth/auth-client';
import { sessionStore } from './auth/session-store';
import { parseRuntimeConfig, RUNTIME_CONFIG_PATH } from '@items-api/stack-contract';
import { byId, h } from './ui/dom';

function showSignedOut(signIn: () => void, message?: string) {
  const button = h('button', { type: 'button' }, 'Sign in');
  button.addEventListener('click', signIn);
  byId('account').replaceChildren(button);
  byId('content').replaceChildren(
    h('p', {}, 'Sign in to see and manage your items.'),
    message ? h('p', { role: 'alert' }, message) : '',
  );
}

async function main() {
  const response = await fetch(RUNTIME_CONFIG_PATH, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${RUNTIME_CONFIG_PATH} answered ${response.status}`);
  const config = parseRuntimeConfig(await response.json());
  // The redirect URI registered for this app: its own origin's root.
  const auth = createAuthClient(
    config.auth,
    await resolveEndpoints(config.auth),
    `${window.location.origin}/`,
  );
  const here = new URL(window.location.href);
  if (auth.isCallback(here)) {
    window.history.replaceState(null, '', '/');
    try {
      await auth.completeSignIn(here);
    } catch (error) {
      return showSignedOut(
        () => void auth.signIn(),
        `Sign-in failed (${describeSignInError(error)}). Please sign in again.`,
      );
    }
  }
  if (!sessionStore.load()) {
    // The tokens were in the page's memory: a reload of a signed-in tab signs in again (with
    // Cognito's hosted UI still signed in, that is a round trip without a form).
    if (sessionStore.wasSignedIn()) return auth.signIn();
    return showSignedOut(() => void auth.signIn());
  }
  startApp({ apiUrl: config.apiUrl, auth });
}

main().catch((error: unknown) => {
  byId('content').replaceChildren(
    h(
      'p',
      { role: 'alert' },
      `The app could not start: ${error instanceof Error ? error.message : String(error)}`,
    ),
  );
});
