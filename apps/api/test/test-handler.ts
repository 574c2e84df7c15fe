import { monotonicFactory } from 'ulid';
import { createItemsHandler } from '../src/create-handler';
import { CursorCodec } from '../src/items/cursor';
import type { ItemRepository } from '../src/items/item-repository';
import { createLogger } from '../src/logger';
import { createTestEvent, testContext } from './create-test-event';
import { InMemoryItemRepository } from '../src/items/in-memory-item-repository';

/** The real handler over an in-memory (or given) repository, with a fixed clock. */
export function createTestHandler(repo: ItemRepository = new InMemoryItemRepository()) {
  const logLines: string[] = [];
  const ids = monotonicFactory();
  const handler = createItemsHandler({
    logger: createLogger('info', {}, (line) => logLines.push(line)),
    repo,
    cursors: new CursorCodec('test-secret-test-secret-test-secret'),
    clock: () => new Date('2026-11-25T09:30:00.000Z'),
    ids: () => ids(),
    idempotencyTtlSeconds: 86_400,
  });
  const call = async (options: Parameters<typeof createTestEvent>[0]) => {
    const result = await handler(createTestEvent(options), testContext);
    return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
  };
  return { handler, call, repo, logLines };
}
