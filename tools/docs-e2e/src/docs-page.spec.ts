import { apiRoutes, itemsContract } from '@items-api/contract';
import { startLocalApi, type LocalApi } from '@items-api/local';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type Chromium } from './chromium';
import { watchPage, type PageWatch } from './page-watch';
import { contractRoute } from './contract-operations';
import { SwaggerUiPage } from './swagger-ui-page';

const outputDir = join(__dirname, '..', '..', '..', 'test-output', 'docs-e2e');
const createItem = contractRoute(itemsContract.createItem);

describe('docs page in Chromium', () => {
  let api: LocalApi;
  let chromium: Chromium;
  let page: Page;
  let watch: PageWatch;
  let docs: SwaggerUiPage;

  beforeAll(async () => {
    chromium = await launchChromium();
    api = await startLocalApi({ inMemory: true });
    page = await chromium.context.newPage();
    watch = await watchPage(chromium.context, page);
    docs = new SwaggerUiPage(page);
    await docs.open(`${api.url}/docs`);
  });

  afterAll(async () => {
    await chromium?.close();
    await api?.stop();
  });

  it('lists every operation of the contract with its method and path', async () => {
    const listed = await docs.listedOperations();

    for (const route of apiRoutes) {
      expect(listed).toContainEqual({
        method: route.method,
        path: route.path,
        operationId: route.operationId,
      });
    }
  });

  it('sends "try it" to the server the page is served from', async () => {
    await expect(docs.selectedServer()).resolves.toBe(api.url);
  });

  it('creates an item through "try it" with a pasted token and shows the 201', async () => {
    const token = await api.issueToken({ sub: 'docs-e2e' });
    await docs.authorize(token);
    const sent = page.waitForRequest(
      (r) => r.method() === createItem.method && r.url() === `${api.url}${createItem.path}`,
    );

    const response = await docs.tryOut(createItem.operationId, {
      name: 'Boots tried from the docs',
      tags: ['docs-e2e'],
    });

    await expect(response.locator('.response-col_status').textContent()).resolves.toContain('201');
    await expect(response.textContent()).resolves.toContain('Boots tried from the docs');
    expect((await sent).headers().authorization).toBe(`Bearer ${token}`);
    mkdirSync(outputDir, { recursive: true });
    await page.screenshot({ path: join(outputDir, 'docs-page.png'), fullPage: true });
    await response.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(outputDir, 'try-it-201.png') });
  });

  it('never leaves 127.0.0.1 and logs no console error', () => {
    expect(watch.offMachineRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
});
