import { ItemKeys } from '@items-api/api';
import { formatETag, type Item } from '@items-api/contract';
import type { FaultRule } from '../src/faults/fault-proxy';
import { startFaultStack, type FaultStack } from '../src/faults/fault-stack';
import { faultViolations } from '../src/faults/unavailable-check';
import type { ApiResponse } from '../src/harness/robust-api';

const CLIENTS = 8;
const WRITERS = 5;
const WINS_PER_WRITER = 3;
const MAX_ATTEMPTS = 30;

/** Errors, drops and (for creates) answers lost after DynamoDB applied the call. */
const flaky: FaultRule[] = [
  { kind: 'throttle', percent: 15 },
  { kind: 'drop', percent: 10 },
  { kind: 'internal', percent: 10 },
  { kind: 'unavailable', percent: 5 },
];
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('consistency under DynamoDB faults', () => {
  let f: FaultStack;
  const problems: string[] = [];
  const check = (label: string, res: ApiResponse, expected: number[]) =>
    problems.push(...faultViolations(label, res, expected, f.api.tableName));

  beforeAll(async () => {
    f = await startFaultStack();
  }, 180_000);
  afterEach(() => f.proxy.clear());
  afterAll(() => f?.stop());

  /** A client that retries one POST (same key, same body) on 503/409 until it gets its 201. */
  async function createWithRetries(owner: string, key: string, name: string) {
    const ids: string[] = [];
    for (let attempt = 0; attempt < MAX_ATTEMPTS && ids.length === 0; attempt += 1) {
      const res = await f.api.send('/items', {
        method: 'POST',
        as: owner,
        json: { name },
        headers: { 'idempotency-key': key },
      });
      check(`POST ${key}`, res, [201, 409]);
      if (res.status === 201) ids.push(res.json.id);
      else await pause(50);
    }
    return ids;
  }

  it('creates each item exactly once when clients retry POSTs with their Idempotency-Key', async () => {
    const owner = 'idempotent';
    const lostAnswers: FaultRule = {
      kind: 'lose-response',
      percent: 20,
      operations: ['TransactWriteItems'],
    };
    // The first transaction's answer is always lost (rules fire in the order added), so the
    // replay path is exercised on every run, not only when the 20 % happens to fire.
    const firstAnswerLost: FaultRule = {
      kind: 'lose-response',
      next: 1,
      operations: ['TransactWriteItems'],
    };
    [firstAnswerLost, ...flaky, lostAnswers].forEach((rule) => f.proxy.inject(rule));
    // Every client double-submits: two retrying senders per key, racing.
    const clients = Array.from({ length: CLIENTS }, (_, i) => ({
      key: `key-${i}`,
      name: `item ${i}`,
    }));
    const results = await Promise.all(
      clients.flatMap(({ key, name }) => [0, 1].map(() => createWithRetries(owner, key, name))),
    );
    f.proxy.clear();
    expect(problems).toEqual([]);
    clients.forEach((_, i) => {
      const ids = [...results[2 * i]!, ...results[2 * i + 1]!];
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(1);
    });
    const records = await f.partitions.read(owner);
    const items = records.filter((r) =>
      String(r[ItemKeys.sortKey]).startsWith(ItemKeys.itemPrefix),
    );
    expect(items.map((item) => item['name']).sort()).toEqual(clients.map((c) => c.name).sort());
    expect(records).toHaveLength(2 * CLIENTS);
    expect(f.proxy.stats().faults['lose-response']).toBeGreaterThan(0);
  }, 90_000);

  it('loses no update when If-Match writers race through faults', async () => {
    const owner = 'racer';
    const { json: created } = await f.api.send('/items', {
      method: 'POST',
      as: owner,
      json: { name: 'start' },
    });
    const path = `/items/${created.id}`;
    flaky.forEach((rule) => f.proxy.inject(rule));
    const wins: Item[] = [];
    const writer = async (w: number) => {
      let won = 0;
      for (let attempt = 0; attempt < MAX_ATTEMPTS && won < WINS_PER_WRITER; attempt += 1) {
        const read = await f.api.send(path, { as: owner });
        check(`GET w${w}`, read, [200]);
        if (read.status !== 200) continue;
        const put = await f.api.send(path, {
          method: 'PUT',
          as: owner,
          json: { name: `writer ${w} attempt ${attempt}`, tags: [`w${w}`] },
          headers: { 'if-match': read.headers.get('etag')! },
        });
        check(`PUT w${w}`, put, [200, 412]);
        if (put.status === 200) {
          wins.push(put.json);
          won += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
    f.proxy.clear();
    expect(problems).toEqual([]);
    const final: Item = (await f.api.send(path, { as: owner })).json;
    const versions = wins.map((win) => win.version).sort((a, b) => a - b);
    // Every 200 is its own version, the versions have no gaps, and the last one is what is stored.
    expect(final.version).toBe(wins.length + 1);
    expect(versions).toEqual(Array.from({ length: wins.length }, (_, i) => i + 2));
    expect(wins.find((win) => win.version === final.version)).toEqual(final);
    expect(wins.every((win) => win.tags[0] === `w${win.name.split(' ')[1]}`)).toBe(true);
    expect(formatETag(final.version)).toBe(
      (await f.api.send(path, { as: owner })).headers.get('etag'),
    );
  }, 90_000);

  it('answers 201 once for a POST whose PutItem answer is lost after it landed', async () => {
    const owner = 'lost-answer';
    f.proxy.inject({ kind: 'lose-response', next: 1, operations: ['PutItem'] });
    const res = await f.api.send('/items', { method: 'POST', as: owner, json: { name: 'landed' } });
    f.proxy.clear();
    expect(res.status).toBe(201);
    expect(await f.partitions.items(owner)).toEqual([
      expect.objectContaining({ id: res.json.id, name: 'landed' }),
    ]);
  }, 30_000);
});
