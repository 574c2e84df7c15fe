import { IdempotencyLimits } from '@items-api/contract';
import { monotonicFactory } from 'ulid';
import { createItemsHandler } from '../src/create-handler';
import { CursorCodec } from '../src/items/cursor';
import type { ItemRepository } from '../src/items/item-repository';
import { InMemoryItemRepository } from './in-memory-item-repository';
import { createObservability } from '../src/observability';
import { captureOutput } from './capture-output';
import { createTestContext, createTestEvent } from '@items-api/test-events';

const testContext = createTestContext();

/** The handler's clock unless a test gives one. */
const fixedClock = () => new Date('2026-11-25T09:30:00.000Z');

/**
 * The real handler over an in-memory (or given) repository, with a fixed (or given) clock. Its
 * Powertools logs and EMF records are captured from stdout and stderr into `logLines`, in the
 * order written.
 */
export function createTestHandler(
  repo: ItemRepository = new InMemoryItemRepository(),
  options: { logLevel?: 'debug' | 'info'; clock?: () => Date } = {},
) {
  // Lambda sets this for on-demand functions; Powertools reports cold starts only with it.
  process.env['AWS_LAMBDA_INITIALIZATION_TYPE'] = 'on-demand';
  const logLines: string[] = [];
  const ids = monotonicFactory();
  const observability = createObservability({
    logLevel: options.logLevel ?? 'info',
    serviceName: 'items-api',
    metricsNamespace: 'ItemsApi/test',
    tracingEnabled: false,
    metricsDisabled: false,
  });
  const inner = createItemsHandler({
    ...observability,
    repo,
    cursors: new CursorCodec('test-secret-test-secret-test-secret'),
    clock: options.clock ?? fixedClock,
    ids: () => ids(),
    idempotencyTtlSeconds: IdempotencyLimits.replaySeconds,
  });
  const handler: typeof inner = async (event, context) => {
    const { result, lines } = await captureOutput(() => inner(event, context));
    logLines.push(...lines);
    return result;
  };
  const call = async (options: Parameters<typeof createTestEvent>[0]) => {
    const result = await handler(createTestEvent(options), testContext);
    return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
  };
  return { handler, call, repo, logLines };
}
