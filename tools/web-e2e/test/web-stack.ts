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
