import type { BrowserContext, Page } from 'playwright-core';

/** What a page did that the docs must never do: leave the machine, or log an error. */
export type PageWatch = { offMachineRequests: string[]; consoleErrors: string[] };

const isOffMachine = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return /^(https?|wss?):$/.test(protocol) && hostname !== '127.0.0.1';
};

/**
 * Records every request that would leave 127.0.0.1 (and aborts it, so a failing run stays
 * offline too) and every console error or uncaught exception, CSP violations included.
 */
export async function watchPage(context: BrowserContext, page: Page): Promise<PageWatch> {
  const watch: PageWatch = { offMachineRequests: [], consoleErrors: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!isOffMachine(url)) return route.continue();
    watch.offMachineRequests.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(String(error)));
  return watch;
}
