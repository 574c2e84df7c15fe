import type { Item, ValidItemInput } from '@items-api/contract';
import {
  IdempotencyKeyTakenError,
  ItemNotFoundError,
  VersionMismatchError,
} from '../src/items/item-errors';
import type {
  ExpectedVersion,
  IdempotencyClaim,
  IdempotencyRecord,
  ItemRepository,
  ListOptions,
} from '../src/items/item-repository';

/**
 * An ItemRepository in memory, for handler tests and benchmarks. It passes the same contract
 * suite as the DynamoDB one (item-repository-contract.ts).
 */
export class InMemoryItemRepository implements ItemRepository {
  readonly items = new Map<string, Item>();
  readonly records = new Map<string, IdempotencyRecord>();

  async list(owner: string, { limit, afterId, tag }: ListOptions) {
    const mine = [...this.items.entries()]
      .filter(([key]) => key.startsWith(`${owner}/`))
      .map(([, item]) => item)
      .filter((item) => tag === undefined || item.tags.includes(tag))
      .sort((a, b) => b.id.localeCompare(a.id))
      .filter((item) => !afterId || item.id < afterId);
    const items = mine.slice(0, limit);
    return { items, ...(mine.length > limit ? { lastId: items.at(-1)?.id } : {}) };
  }

  async get(owner: string, id: string) {
    return this.items.get(`${owner}/${id}`);
  }

  async create(owner: string, item: Item, idempotency?: IdempotencyClaim) {
    if (idempotency) {
      const { supersedes, ...claim } = idempotency;
      const key = `${owner}/${claim.key}`;
      const held = this.records.get(key);
      if (held && held.expiresAt !== supersedes) throw new IdempotencyKeyTakenError();
      this.records.set(key, { ...claim, item });
    }
    this.items.set(`${owner}/${item.id}`, item);
  }

  async replace(
    owner: string,
    id: string,
    input: ValidItemInput,
    { expectedVersion, now }: { expectedVersion: ExpectedVersion; now: string },
  ) {
    const current = this.check(owner, id, expectedVersion);
    const { description: _old, ...rest } = current;
    const next: Item = { ...rest, ...input, updatedAt: now, version: current.version + 1 };
    this.items.set(`${owner}/${id}`, next);
    return next;
  }

  async delete(
    owner: string,
    id: string,
    { expectedVersion }: { expectedVersion: ExpectedVersion },
  ) {
    this.check(owner, id, expectedVersion);
    this.items.delete(`${owner}/${id}`);
  }

  async findIdempotencyRecord(owner: string, key: string) {
    return this.records.get(`${owner}/${key}`);
  }

  private check(owner: string, id: string, expectedVersion: ExpectedVersion): Item {
    const current = this.items.get(`${owner}/${id}`);
    if (!current) throw new ItemNotFoundError();
    if (expectedVersion !== undefined && current.version !== expectedVersion)
      throw new VersionMismatchError();
    return current;
  }
}
