import { formatETag, Headers, itemsContract, type Item } from '@items-api/contract';
import type { ItemsHandler } from '@items-api/api';
import { randomUUID } from 'node:crypto';
import { createRouteEvent, type TestEvent } from '@items-api/test-events';
import { benchContext, getItemEvent } from '../support/api-event';
import type { CapacityRecord } from './capacity-recorder';
import type { MeasuredInvocation } from './cost-model';
import type { Operation } from './crud-mix';

export type MixInvocation = MeasuredInvocation & {
  readonly op: Operation;
  readonly capacity: readonly CapacityRecord[];
};

type Stored = { id: string; version: number };

const expectedStatus: Record<Operation, number> = {
  getItem: 200,
  listItems: 200,
  createItem: 201,
  replaceItem: 200,
  deleteItem: 204,
};

const input = (n: number) => ({
  name: `Trail boots ${n}`,
  description: 'Waterproof leather, size 44, resoled once',
  tags: ['outdoor', 'shoes'],
});

/** The event a client of the kit would cause for `op` on `target` (an item of the pool). */
function eventFor(op: Operation, owner: string, target: Stored | undefined, n: number): TestEvent {
  const id = { id: target?.id ?? '' };
  const ifMatch = { [Headers.ifMatch]: formatETag(target?.version ?? 0) };
  switch (op) {
    case 'getItem':
      return getItemEvent(owner, id.id);
    case 'listItems':
      return createRouteEvent(itemsContract.listItems, {}, { query: { limit: '25' }, sub: owner });
    case 'createItem':
      // The kit's client always sends an Idempotency-Key, so a create is a transaction.
      return createRouteEvent(
        itemsContract.createItem,
        {},
        { headers: { [Headers.idempotencyKey]: randomUUID() }, body: input(n), sub: owner },
      );
    case 'replaceItem':
      return createRouteEvent(itemsContract.replaceItem, id, {
        headers: ifMatch,
        body: input(n),
        sub: owner,
      });
    case 'deleteItem':
      return createRouteEvent(itemsContract.deleteItem, id, { headers: ifMatch, sub: owner });
  }
}

/** Keeps the pool in step with what the request did. */
function updatePool(pool: Stored[], op: Operation, target: Stored | undefined, body?: Item) {
  if (op === 'createItem' && body) pool.push({ id: body.id, version: body.version });
  if (op === 'replaceItem' && target && body) target.version = body.version;
  if (op === 'deleteItem' && target) pool.splice(pool.indexOf(target), 1);
}

/**
 * Plays `schedule` against the handler as one owner, one request at a time, timing each call
 * (wall and process CPU) and collecting the DynamoDB units it consumed. `pool` holds the owner's
 * items and their versions; creates, replaces and deletes keep it current. Every request must
 * succeed, so the mix priced is the mix run.
 */
export async function runCrudMix(options: {
  handler: ItemsHandler;
  owner: string;
  schedule: readonly Operation[];
  pool: Stored[];
  random: () => number;
  capacity: CapacityRecord[];
}): Promise<MixInvocation[]> {
  const { handler, owner, pool, random, capacity } = options;
  const invocations: MixInvocation[] = [];
  for (const [n, op] of options.schedule.entries()) {
    const needsTarget = op !== 'listItems' && op !== 'createItem';
    const target = needsTarget ? pool[Math.floor(random() * pool.length)] : undefined;
    const event = eventFor(op, owner, target, n);
    capacity.length = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await handler(event, benchContext);
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    if (result.statusCode !== expectedStatus[op]) {
      throw new Error(`cost mix: ${op} answered ${result.statusCode} ${result.body ?? ''}`);
    }
    updatePool(pool, op, target, result.body ? (JSON.parse(result.body) as Item) : undefined);
    const units = (kind: CapacityRecord['kind']) =>
      capacity.filter((c) => c.kind === kind).reduce((sum, c) => sum + c.billable, 0);
    invocations.push({
      op,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      readUnits: units('read'),
      writeUnits: units('write'),
      capacity: [...capacity],
    });
  }
  return invocations;
}
