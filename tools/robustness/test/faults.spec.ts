import { formatETag, type Item } from '@items-api/contract';
import type { FaultKind } from '../src/faults/fault-proxy';
import { startFaultStack, type FaultStack } from '../src/faults/fault-stack';
import { faultViolations } from '../src/faults/unavailable-check';
import type { ApiResponse } from '../src/harness/robust-api';

const ITEMS_PER_KIND = 3;

/** Faults answered instead of forwarding: whatever the outcome, DynamoDB never applied the call. */
const kinds: [FaultKind, number][] = [
  ['throttle', 50],
  ['internal', 50],
  ['unavailable', 50],
  ['drop', 50],
  ['stall', 20],
];

describe('DynamoDB faults: every answer is a success or a clean 503', () => {
  let f: FaultStack;
  beforeAll(async () => {
    f = await startFaultStack();
  }, 180_000);
  afterAll(() => f?.stop());

  /** One item's life (create, read, two replaces, conditional read, list, delete) as `owner`. */
  async function lifecycle(owner: string, n: number, problems: string[]) {
    const send = (path: string, options: Parameters<FaultStack['api']['send']>[1]) =>
      f.api.send(path, { as: owner, ...options });
    const check = (label: string, res: ApiResponse, success: number[]) =>
      problems.push(...faultViolations(`${label} #${n}`, res, success, f.api.tableName));
    const key = n % 2 ? { 'idempotency-key': `${owner}-${n}` } : undefined;
    const created = await send('/items', {
      method: 'POST',
      json: { name: `${owner} ${n}` },
      headers: key,
    });
    check('POST', created, [201]);
    if (created.status !== 201) return undefined;
    let current: Item = created.json;
    const path = `/items/${current.id}`;
    check('GET', await send(path, {}), [200]);
    for (let round = 0; round < 2; round += 1) {
      const put = await send(path, {
        method: 'PUT',
        json: { name: `${owner} ${n} r${round}` },
        headers: { 'if-match': formatETag(current.version) },
      });
      check('PUT', put, [200]);
      if (put.status === 200) current = put.json;
    }
    check(
      'GET If-None-Match',
      await send(path, { headers: { 'if-none-match': formatETag(current.version) } }),
      [304],
    );
    check('LIST', await send('/items?limit=10', {}), [200]);
    const removed = await send(path, {
      method: 'DELETE',
      headers: { 'if-match': formatETag(current.version) },
    });
    check('DELETE', removed, [204]);
    return { current, deleted: removed.status === 204 };
  }

  it.each(kinds)(
    'answers success or 503 + Retry-After under %s on %i%% of calls',
    async (kind, percent) => {
      const owner = `owner-${kind}`;
      const problems: string[] = [];
      f.proxy.inject({ kind, percent });
      const outcomes = await Promise.all(
        Array.from({ length: ITEMS_PER_KIND }, (_, n) => lifecycle(owner, n, problems)),
      ).finally(() => f.proxy.clear());
      expect(problems).toEqual([]);
      expect(f.proxy.stats().faults[kind]).toBeGreaterThan(0);
      // What each 2xx said happened is what the table holds; a 503 changed nothing.
      for (const outcome of outcomes.filter((o) => o !== undefined)) {
        const res = await f.api.send(`/items/${outcome.current.id}`, { as: owner });
        if (outcome.deleted) expect(res.status).toBe(404);
        else expect(res.json).toEqual(outcome.current);
      }
    },
    60_000,
  );

  it("abandons each stalled call at the SDK's request timeout and retries it", async () => {
    const { json: item } = await f.api.send('/items', {
      method: 'POST',
      json: { name: 'slow read' },
    });
    const stalledBefore = f.proxy.stats().faults.stall ?? 0;
    f.proxy.inject({ kind: 'stall', next: 3, operations: ['GetItem'] });
    const res = await f.api.send(`/items/${item.id}`).finally(() => f.proxy.clear());
    expect(faultViolations('GET', res, [], f.api.tableName)).toEqual([]);
    expect((f.proxy.stats().faults.stall ?? 0) - stalledBefore).toBe(3);
  }, 30_000);

  it('answers 503 before the function times out when DynamoDB stalls across an idempotent create', async () => {
    const headers = { 'idempotency-key': 'stalled-create' };
    f.proxy.inject({ kind: 'stall', next: 2, operations: ['GetItem'] });
    f.proxy.inject({ kind: 'stall', next: 3, operations: ['TransactWriteItems'] });
    const res = await f.api
      .send('/items', { method: 'POST', as: 'stalled', json: { name: 'late' }, headers })
      .finally(() => f.proxy.clear());
    expect(faultViolations('POST', res, [], f.api.tableName)).toEqual([]);
    expect(await f.partitions.read('stalled')).toEqual([]);
    const retried = await f.api.send('/items', {
      method: 'POST',
      as: 'stalled',
      json: { name: 'late' },
      headers,
    });
    expect(retried.status).toBe(201);
    expect(await f.partitions.items('stalled')).toHaveLength(1);
  }, 40_000);
});
