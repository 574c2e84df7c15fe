import { chromiumLaunchOptions } from '@items-api/docs-e2e/chromium';
import { synthesizeTemplate } from '@items-api/infra';
import { startLocalApi, type LocalApi } from '@items-api/local';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export type WebStack = {
  api: LocalApi;
  webUrl: string;
  browser: Browser;
  /** A fresh browser profile: its own storage, like another person's machine. */
  newContext(): Promise<BrowserContext>;
  /** Page errors and failed same-app requests seen so far (each test expects none). */
  problems: string[];
  stop(): Promise<void>;
};

/** `npm start` as a person runs it (the dev stage, the web app on its own origin) and Chromium. */
export async function startWebStack(): Promise<WebStack> {
  const launchOptions = chromiumLaunchOptions();
  const api = await startLocalApi({
    inMemory: true,
    logLevel: 'silent',
    template: synthesizeTemplate({ stage: 'dev' }),
    web: { port: 0 },
  });
  const browser = await chromium.launch(launchOptions).catch(async (error) => {
    await api.stop();
    throw error;
  });
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    api,
    webUrl: api.webUrl!,
    browser,
    problems,
    async newContext() {
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
      context.on('page', (page: Page) =>
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`)),
      );
      contexts.push(context);
      return context;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await api.stop();
    },
  };
}

/** The sign-in round trip a person makes: the app's "Sign in", the issuer's page, back. */
export async function signIn(page: Page, webUrl: string, username: string): Promise<void> {
  if (!page.url().startsWith(webUrl)) await page.goto(webUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await submitSignInPage(page, username);
}

/** On the issuer's page: the user name and "Sign in"; waits for the way back to the app. */
export async function submitSignInPage(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Signed in as ${username}`).waitFor();
}

/** What the token endpoint answered the browser: the grant asked for and the refresh token given. */
export type TokenAnswer = { grant: string; refreshToken?: string };

/**
 * Watches the issuer's token endpoint for one browser profile: every answer is recorded, and
 * `signInAccessToken` (when set) replaces the access token of the next sign-in's answer, so the
 * app holds a token of the test's choosing (expired, read-only) while its refresh token is real.
 */
export async function watchTokenEndpoint(context: BrowserContext, stack: WebStack) {
  const answers: TokenAnswer[] = [];
  const watch = { answers, signInAccessToken: undefined as string | undefined };
  await context.route(`${stack.api.issuer.issuer}/token`, async (route) => {
    const grant = new URLSearchParams(route.request().postData() ?? '').get('grant_type') ?? '';
    const response = await route.fetch();
    const body = (await response.json()) as { access_token?: string; refresh_token?: string };
    answers.push({ grant, ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}) });
    if (grant === 'authorization_code' && watch.signInAccessToken && body.access_token) {
      body.access_token = watch.signInAccessToken;
      watch.signInAccessToken = undefined;
    }
    await route.fulfill({ response, json: body });
  });
  return watch;
}

/** The token endpoint asked directly, as another holder of a refresh token would. */
export async function refreshDirectly(stack: WebStack, refreshToken: string) {
  const response = await fetch(`${stack.api.issuer.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: stack.api.issuer.audience,
      refresh_token: refreshToken,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Every value the page keeps in Web Storage: no token may be among them. */
export const storedValues = (page: Page) =>
  page.evaluate(() =>
    [localStorage, sessionStorage].flatMap((storage) =>
      Object.keys(storage).map((key) => storage.getItem(key) ?? ''),
    ),
  );
