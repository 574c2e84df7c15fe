import { itemsContract } from '@items-api/contract';
import type { Page } from 'playwright-core';
import { startStageServer } from '../test/stage-server';
import { launchChromium, type Chromium } from './chromium';
import { watchPage, type PageWatch } from './page-watch';
import { contractRoute } from './contract-operations';
import { SwaggerUiPage } from './swagger-ui-page';

// On a deployed named stage every URL carries the stage (`…amazonaws.com/prod/docs`): the page's
// relative links and the server "try it" uses must keep that prefix.
describe('docs page under a named stage path in Chromium', () => {
  let stage: Awaited<ReturnType<typeof startStageServer>>;
  let chromium: Chromium;
  let page: Page;
  let watch: PageWatch;
  let docs: SwaggerUiPage;

  beforeAll(async () => {
    chromium = await launchChromium();
    stage = await startStageServer('prod');
    page = await chromium.context.newPage();
    watch = await watchPage(chromium.context, page);
    docs = new SwaggerUiPage(page);
    await docs.open(`${stage.stageUrl}/docs`);
  });

  afterAll(async () => {
    await chromium?.close();
    await stage?.stop();
  });

  it('offers the stage URL, prefix included, as the server for "try it"', async () => {
    await expect(docs.selectedServer()).resolves.toBe(stage.stageUrl);
  });

  it('sends "try it" requests under the stage path', async () => {
    await docs.authorize('stage-token');
    const sent = page.waitForRequest((request) => request.method() === 'POST');

    const createItem = contractRoute(itemsContract.createItem);

    const response = await docs.tryOut(createItem.operationId, { name: 'Stage boots' });

    expect((await sent).url()).toBe(`${stage.stageUrl}${createItem.path}`);
    await expect(response.locator('.response-col_status').textContent()).resolves.toContain('201');
  });

  it('loads every asset under the stage path and logs no console error', () => {
    expect(watch.offMachineRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
});
