import type { CursorCodec } from '../items/cursor';
import type { ItemRepository } from '../items/item-repository';

/** What route functions need; built once at cold start, replaced freely in tests. */
export type RouteDeps = {
  repo: ItemRepository;
  cursors: CursorCodec;
  clock: () => Date;
  ids: () => string;
  idempotencyTtlSeconds: number;
};
