import type { Locator, Page } from 'playwright-core';

/** An operation as Swagger UI lists it (shown with its operationId: `displayOperationId`). */
export type ListedOperation = { method: string; path: string; operationId: string };

/** Drives the parts of Swagger UI the docs test needs, by the class names Swagger UI renders. */
export class SwaggerUiPage {
  constructor(private readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.opblock').first().waitFor();
  }

  async listedOperations(): Promise<ListedOperation[]> {
    return this.page.locator('.opblock-summary').evaluateAll((summaries) =>
      summaries.map((summary) => ({
        method: summary.querySelector('.opblock-summary-method')?.textContent?.trim() ?? '',
        path: summary.querySelector('.opblock-summary-path')?.getAttribute('data-path') ?? '',
        operationId: summary.querySelector('.opblock-summary-operation-id')?.textContent ?? '',
      })),
    );
  }

  /** The server "try it" calls: the selected entry of the servers drop-down. */
  selectedServer(): Promise<string> {
    return this.page.locator('.servers select').inputValue();
  }

  /** Authorize button → paste the token → Authorize → Close, as a person would. */
  async authorize(token: string): Promise<void> {
    await this.page.locator('.scheme-container button.authorize').click();
    const dialog = this.page.locator('.dialog-ux .modal-ux');
    await dialog.locator('input[type="text"]').fill(token);
    await dialog.locator('button.authorize').click();
    await dialog.locator('button.btn-done').click();
    await dialog.waitFor({ state: 'detached' });
  }

  operation(operationId: string): Locator {
    return this.page.locator('.opblock').filter({
      has: this.page.locator('.opblock-summary-operation-id', { hasText: operationId }),
    });
  }

  /** Expand → Try it out → replace the body → Execute; resolves to the live response's block. */
  async tryOut(operationId: string, body: unknown): Promise<Locator> {
    const operation = this.operation(operationId);
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('textarea.body-param__text').fill(JSON.stringify(body, null, 2));
    await operation.locator('button.execute').click();
    const response = operation.locator('.live-responses-table .response');
    await response.first().waitFor();
    return response.first();
  }
}
