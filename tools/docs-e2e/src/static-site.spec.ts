import { apiRoutes } from '@items-api/contract';
import openApiDocument from '@items-api/contract/openapi.json';
import { writeStaticSite } from '@items-api/docs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, type Chromium } from './chromium';
import { watchPage, type PageWatch } from './page-watch';
import { SwaggerUiPage } from './swagger-ui-page';

describe('static docs copy opened from disk in Chromium', () => {
  let chromium: Chromium;
  let siteDir: string;
  let watch: PageWatch;
  let docs: SwaggerUiPage;

  beforeAll(async () => {
    chromium = await launchChromium();
    siteDir = mkdtempSync(join(tmpdir(), 'docs-site-'));
    const index = writeStaticSite(siteDir);
    const page = await chromium.context.newPage();
    watch = await watchPage(chromium.context, page);
    docs = new SwaggerUiPage(page);
    await docs.open(pathToFileURL(index).href);
  });

  afterAll(async () => {
    await chromium?.close();
    if (siteDir) rmSync(siteDir, { recursive: true, force: true });
  });

  it('lists every operation of the contract', async () => {
    const listed = (await docs.listedOperations()).map((operation) => operation.operationId);

    expect(listed).toEqual(expect.arrayContaining(apiRoutes.map((route) => route.operationId)));
  });

  it('offers the deployed stage, not the meaningless relative server, for "try it"', async () => {
    const stage = openApiDocument.servers.find((server) => /^https:/.test(server.url));

    await expect(docs.selectedServer()).resolves.toBe(stage?.url);
  });

  it('never leaves the machine and logs no console error', () => {
    expect(watch.offMachineRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });
});
