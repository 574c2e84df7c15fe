import { bundleWebApp, nodeOnlyImports } from '@items-api/web/build';
import type { Page } from 'playwright-core';
import {
  refreshDirectly,
  signIn,
  startWebStack,
  storedValues,
  submitSignInPage,
  watchTokenEndpoint,
  type WebStack,
} from '../test/web-stack';

let stack: WebStack;

beforeAll(async () => {
  stack = await startWebStack();
});

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  // Every test drives the app without a script error.
  expect(stack.problems.splice(0)).toEqual([]);
});

const itemsList = (page: Page) => page.getByRole('list', { name: 'Your items' });
const itemRow = (page: Page, name: string) =>
  itemsList(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name, exact: true }) });

/** The owner's items as the API has them (the browser's view is checked against this). */
async function itemsOf(owner: string): Promise<{ id: string; name: string; version: number }[]> {
  const token = await stack.api.issueToken({ sub: owner });
  const response = await fetch(`${stack.api.url}/items?limit=100`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await response.json()) as { items: { id: string; name: string; version: number }[] })
    .items;
}

async function fillItem(
  page: Page,
  fields: { name?: string; description?: string; tags?: string },
) {
  if (fields.name !== undefined) await page.getByLabel('Name').fill(fields.name);
  if (fields.description !== undefined)
    await page.getByLabel('Description').fill(fields.description);
  if (fields.tags !== undefined) await page.getByLabel('Tags').fill(fields.tags);
}

describe('the web app from its own origin, against the local API', () => {
  it('serves the app on an origin of its own, with the site security headers', async () => {
    expect(new URL(stack.webUrl).origin).not.toBe(new URL(stack.api.url).origin);
    const response = await fetch(`${stack.webUrl}/some/deep/link`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<script type="module" src="\/app.js">/);
    expect(response.headers.get('content-security-policy')).toMatch(
      new RegExp(`connect-src 'self' ${stack.api.url}`),
    );
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('signs in with PKCE, creates (a double click makes one item), edits, deletes and signs out, revoking the refresh token', async () => {
    const context = await stack.newContext();
    const tokens = await watchTokenEndpoint(context, stack);
    const page = await context.newPage();
    await page.goto(stack.webUrl);
    await signIn(page, stack.webUrl, 'alice');
    const refreshToken = tokens.answers.at(-1)?.refreshToken;
    expect(refreshToken).toBeDefined();

    await fillItem(page, {
      name: 'Oat milk',
      description: 'Two cartons',
      tags: 'groceries, dairy-free',
    });
    await page.getByRole('button', { name: 'Create' }).dblclick();
    await itemRow(page, 'Oat milk').waitFor();
    await page.getByRole('status').getByText('Created “Oat milk”.').waitFor();
    expect((await itemsOf('alice')).filter((i) => i.name === 'Oat milk')).toHaveLength(1);
    expect(await itemRow(page, 'Oat milk').innerText()).toMatch(
      /Two cartons[\s\S]*groceries[\s\S]*dairy-free/,
    );

    await itemRow(page, 'Oat milk').getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByLabel('Name').inputValue()).toBe('Oat milk');
    await fillItem(page, { name: 'Soy milk' });
    await page.getByRole('button', { name: 'Save' }).click();
    await itemRow(page, 'Soy milk').waitFor();
    expect((await itemsOf('alice')).find((i) => i.name === 'Soy milk')?.version).toBe(2);

    await itemRow(page, 'Soy milk').getByRole('button', { name: 'Delete' }).click();
    await itemRow(page, 'Soy milk').waitFor({ state: 'detached' });
    expect((await itemsOf('alice')).map((i) => i.name)).not.toContain('Soy milk');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).origin).toBe(stack.webUrl);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    // RFC 7009: sign-out revoked the refresh token at the issuer.
    expect(await refreshDirectly(stack, refreshToken!)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
    await context.close();
  });

  it('keeps the tokens in memory only: nothing in Web Storage, and a reload signs in again', async () => {
    const context = await stack.newContext();
    const tokens = await watchTokenEndpoint(context, stack);
    const page = await context.newPage();
    await signIn(page, stack.webUrl, 'judy');
    await page.getByText('No items yet.').waitFor();
    const refreshToken = tokens.answers.at(-1)?.refreshToken;
    expect(refreshToken).toBeDefined();
    const stored = (await storedValues(page)).join(' ');
    expect(stored).not.toContain(refreshToken);
    expect(stored).not.toMatch(/eyJ[\w-]+\.eyJ/);

    await page.reload();
    await page.getByLabel('Username').waitFor();
    await submitSignInPage(page, 'judy');
    await page.getByText('No items yet.').waitFor();
    await context.close();
  });

  it('tells the person when sign-in was refused (access_denied) and offers it again', async () => {
    const context = await stack.newContext();
    const page = await context.newPage();
    await page.goto(stack.webUrl);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('alert')
      .getByText(/Sign-in failed \(access_denied: the sign-in was cancelled\)/)
      .waitFor();
    expect(new URL(page.url()).origin).toBe(stack.webUrl);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await signIn(page, stack.webUrl, 'ivy');
    expect(await page.getByText('Signed in as ivy').isVisible()).toBe(true);
    await context.close();
  });

  it('lists every item, following nextCursor past the first page', async () => {
    const token = await stack.api.issueToken({ sub: 'carol' });
    for (let i = 1; i <= 103; i += 1) {
      await fetch(`${stack.api.url}/items`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Item ${i}` }),
      });
    }
    const context = await stack.newContext();
    const page = await context.newPage();
    await signIn(page, stack.webUrl, 'carol');
    await itemRow(page, 'Item 1').waitFor();
    expect(await itemsList(page).getByRole('listitem').count()).toBe(103);
    await context.close();
  });

  it('shows a conflicting edit from a second tab as "changed meanwhile" and offers a reload', async () => {
    const context = await stack.newContext();
    const first = await context.newPage();
    await signIn(first, stack.webUrl, 'dave');
    await fillItem(first, { name: 'Shared note' });
    await first.getByRole('button', { name: 'Create' }).click();
    await itemRow(first, 'Shared note').waitFor();

    // Tokens live in each tab's memory: the second tab signs in itself.
    const second = await context.newPage();
    await signIn(second, stack.webUrl, 'dave');
    await itemRow(second, 'Shared note').waitFor();

    await itemRow(first, 'Shared note').getByRole('button', { name: 'Edit' }).click();
    await fillItem(first, { name: 'Edited in tab 1' });

    await itemRow(second, 'Shared note').getByRole('button', { name: 'Edit' }).click();
    await fillItem(second, { name: 'Edited in tab 2' });
    await second.getByRole('button', { name: 'Save' }).click();
    await itemRow(second, 'Edited in tab 2').waitFor();

    await first.getByRole('button', { name: 'Save' }).click();
    await first
      .getByRole('alert')
      .getByText(/changed meanwhile/)
      .waitFor();
    expect((await itemsOf('dave')).map((i) => i.name)).toEqual(['Edited in tab 2']);
    await first.getByRole('button', { name: 'Reload' }).click();
    await first.waitForFunction(
      () => (document.getElementById('item-name') as HTMLInputElement).value === 'Edited in tab 2',
    );
    await context.close();
  });

  it("shows the problem's errors[] next to the field each names", async () => {
    const context = await stack.newContext();
    const page = await context.newPage();
    await signIn(page, stack.webUrl, 'erin');
    await fillItem(page, { name: 'x'.repeat(201), tags: 'a, a' });
    await page.getByRole('button', { name: 'Create' }).click();
    const name = page.getByLabel('Name');
    await page.locator('#item-name[aria-invalid="true"]').waitFor();
    const describedBy = async (field: typeof name) =>
      Promise.all(
        ((await field.getAttribute('aria-describedby')) ?? '')
          .split(' ')
          .map((id) => page.locator(`[id="${id}"]`).innerText()),
      );
    expect((await describedBy(name)).join(' ')).toMatch(/200/);
    expect((await describedBy(page.getByLabel('Tags'))).join(' ')).toMatch(
      /Tag 2: duplicate value "a"/,
    );
    expect(await itemsOf('erin')).toEqual([]);
    await context.close();
  });

  it('refreshes an expired access token with a rotated refresh token, and when that fails signs in again keeping the half-typed form', async () => {
    const context = await stack.newContext();
    const tokens = await watchTokenEndpoint(context, stack);
    const page = await context.newPage();
    // The sign-in hands the app an expired access token: its first call meets the gateway's 401.
    tokens.signInAccessToken = await stack.api.issueToken({ sub: 'frank' }, { expiresIn: '-1m' });
    await signIn(page, stack.webUrl, 'frank');
    await page.getByText('No items yet.').waitFor();
    expect(tokens.answers.map((answer) => answer.grant)).toEqual([
      'authorization_code',
      'refresh_token',
    ]);
    const [spent, current] = tokens.answers.map((answer) => answer.refreshToken);
    expect(current).toBeDefined();
    expect(current).not.toBe(spent);
    await fillItem(page, { name: 'After refresh' });
    await page.getByRole('button', { name: 'Create' }).click();
    await itemRow(page, 'After refresh').waitFor();

    // The spent token presented again, as a thief holding a copy would: refused, and its whole
    // family revoked, the app's current token included (RFC 9700 §4.14.2).
    expect((await refreshDirectly(stack, spent!)).body['error']).toBe('invalid_grant');
    expect((await refreshDirectly(stack, current!)).body['error']).toBe('invalid_grant');

    // Two hours on for the gateway (its JWT authorizer reads this process's clock): the app's
    // access token has expired there, and its refresh token no longer works.
    jest.useFakeTimers({
      now: Date.now() + 2 * 3_600_000,
      advanceTimers: true,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    try {
      await fillItem(page, { name: 'Half typed', description: 'keep me' });
      await page.getByRole('button', { name: 'Create' }).click();
      await page.getByLabel('Username').waitFor();
    } finally {
      jest.useRealTimers();
    }
    await submitSignInPage(page, 'frank');
    await page
      .getByRole('status')
      .getByText(/what you had typed is back/)
      .waitFor();
    expect(await page.getByLabel('Name').inputValue()).toBe('Half typed');
    expect(await page.getByLabel('Description').inputValue()).toBe('keep me');
    await page.getByRole('button', { name: 'Create' }).click();
    await itemRow(page, 'Half typed').waitFor();
    await context.close();
  });

  it('a read-only token cannot write: 403 {"message":"Forbidden"} from the gateway, shown in the app', async () => {
    const readOnly = await stack.api.issueToken({ sub: 'gina' }, { scope: ['items/read'] });
    const direct = await fetch(`${stack.api.url}/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${readOnly}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nope' }),
    });
    expect(direct.status).toBe(403);
    expect(await direct.json()).toEqual({ message: 'Forbidden' });

    const context = await stack.newContext();
    const tokens = await watchTokenEndpoint(context, stack);
    tokens.signInAccessToken = readOnly;
    const page = await context.newPage();
    await signIn(page, stack.webUrl, 'gina');
    await page.getByText('No items yet.').waitFor();
    await fillItem(page, { name: 'Nope' });
    await page.getByRole('button', { name: 'Create' }).click();
    await page
      .getByRole('alert')
      .getByText(/Forbidden/)
      .waitFor();
    expect(await itemsOf('gina')).toEqual([]);
    await context.close();
  });

  it('is refused by the browser on an origin the API does not allow (CORS enforced)', async () => {
    const token = await stack.api.issueToken({ sub: 'hank' });
    const context = await stack.newContext();
    const call = (page: Page) =>
      page.evaluate(
        async ([url, bearer]) => {
          try {
            const response = await fetch(`${url}/items`, {
              headers: { authorization: `Bearer ${bearer}` },
            });
            return `status ${response.status}`;
          } catch (error) {
            return `refused: ${(error as Error).message}`;
          }
        },
        [stack.api.url, token] as const,
      );
    const allowed = await context.newPage();
    await allowed.goto(stack.webUrl);
    expect(await call(allowed)).toBe('status 200');

    // Same host and port as the app, another origin: `localhost` is not `127.0.0.1`.
    const other = await context.newPage();
    await other.goto(stack.webUrl.replace('127.0.0.1', 'localhost'));
    expect(await call(other)).toBe('refused: Failed to fetch');
    await context.close();
  });

  it('bundles the SDK for the browser with no Node-only import', async () => {
    const { metafile } = await bundleWebApp();
    expect(nodeOnlyImports(metafile)).toEqual([]);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((path) => path.startsWith('libs/client/src/'))).toBe(true);
    expect(inputs.some((path) => path.includes('node_modules/oauth4webapi/'))).toBe(true);
  });
});
