export { loadConfig, type Config } from './config';
export { createItemsHandler, type HandlerDeps, type ItemsHandler } from './create-handler';
export { createDependencies, createDocumentClient } from './dependencies';
export { ItemKeys } from './items/item-keys';
export { itemRecords } from './items/item-record';
export { backfillTagIndex, type BackfillReport } from './items/backfill-tag-index';
export { createLogger, type Logger } from './logger';
export { CursorCodec } from './items/cursor';
export type { ItemRepository } from './items/item-repository';
export {
  createObservability,
  createMetrics,
  type Observability,
  type Metrics,
} from './observability';
