import { IdempotencyLimits } from '@items-api/contract';
import { createTestHandler } from '../../test/test-handler';

describe('POST /items sent again with its Idempotency-Key around the second the key expires', () => {
  const first = Date.parse('2026-11-25T09:30:00.000Z');
  const expiresAt = first + IdempotencyLimits.replaySeconds * 1000;
  const request = {
    method: 'POST',
    body: { name: 'Boots', tags: ['outdoor'] },
    headers: { 'idempotency-key': 'k-1' },
  };

  /** The first request at `first`, then the same one `offsetSeconds` from its key's expiry. */
  async function sentAgain(offsetSeconds: number) {
    let now = first;
    const { call } = createTestHandler(undefined, { clock: () => new Date(now) });
    const original = await call(request);
    expect(original.statusCode).toBe(201);
    now = expiresAt + offsetSeconds * 1000;
    return { original: original.json, again: await call(request) };
  }

  it('replays the first response a second before', async () => {
    const { original, again } = await sentAgain(-1);
    expect([again.statusCode, again.json]).toEqual([201, original]);
  });

  it.each([
    ['in the second it expires', 0],
    ['a second after', 1],
  ])('creates a new item %s, never a 500', async (_when, offset) => {
    const { original, again } = await sentAgain(offset);
    expect(again.statusCode).toBe(201);
    expect(again.json.id).not.toBe(original.id);
    expect(again.json.createdAt).toBe(new Date(expiresAt + offset * 1000).toISOString());
  });
});
