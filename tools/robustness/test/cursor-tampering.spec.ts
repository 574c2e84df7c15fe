import { PageLimits, ProblemTypes } from '@items-api/contract';
import fc from 'fast-check';
import { startRobustApi, unthrottledTemplate, type RobustApi } from '../src/harness/robust-api';

const SEEDED = 12;

/** The cursor's two base64url parts as bytes, so tampering works on what the MAC covers. */
const split = (cursor: string) => cursor.split('.').map((part) => Buffer.from(part, 'base64url'));
const join = (parts: Buffer[]) => parts.map((part) => part.toString('base64url')).join('.');

describe('cursor tampering', () => {
  let t: RobustApi;
  let cursor: string;
  const list = (query: string, as = 'alice') => t.send(`/items?${query}`, { as });
  const withCursor = (value: string, as = 'alice') =>
    list(new URLSearchParams({ limit: '5', cursor: value }).toString(), as);
  const expectInvalidCursor = (res: { status: number; json: any }) => {
    expect(res.status).toBe(400);
    expect([ProblemTypes.invalidCursor.type, ProblemTypes.validation.type]).toContain(
      res.json.type,
    );
  };

  beforeAll(async () => {
    t = await startRobustApi({ template: unthrottledTemplate() });
    for (const owner of ['alice', 'bob']) {
      for (let i = 0; i < SEEDED; i += 1) {
        await t.send('/items', { method: 'POST', as: owner, json: { name: `${owner} ${i}` } });
      }
    }
    cursor = (await list('limit=5')).json.nextCursor;
  }, 180_000);

  afterAll(() => t?.stop());

  it('accepts the cursor it issued (the control for every case below)', async () => {
    const res = await withCursor(cursor);
    expect(res.status).toBe(200);
    expect(res.json.items).toHaveLength(5);
  });

  it('rejects a cursor with any single bit flipped', async () => {
    const parts = split(cursor);
    const flip = fc.record({
      part: fc.nat(parts.length - 1),
      byte: fc.nat(),
      bit: fc.nat(7),
    });
    await fc.assert(
      fc.asyncProperty(flip, async ({ part, byte, bit }) => {
        const tampered = parts.map((p) => Buffer.from(p));
        const target = tampered[part]!;
        target[byte % target.length]! ^= 1 << bit;
        expectInvalidCursor(await withCursor(join(tampered)));
      }),
      { numRuns: 60 },
    );
  });

  it('rejects every truncation of a cursor', async () => {
    for (let length = 1; length < cursor.length; length += 1) {
      expectInvalidCursor(await withCursor(cursor.slice(0, length)));
    }
    expectInvalidCursor(await list('cursor='));
  });

  it('rejects extra segments, missing parts, forged payloads and oversized cursors', async () => {
    const [payload, signature] = cursor.split('.');
    const variants = [
      `${payload}.${signature}.`,
      `${payload}.${signature}.${signature}`,
      `${payload}`,
      `.${signature}`,
      `${Buffer.from('{"PK":"OWNER#bob"}').toString('base64url')}.${signature}`,
      'x'.repeat(PageLimits.cursorMax + 1),
    ];
    for (const variant of variants) expectInvalidCursor(await withCursor(variant));
  });

  it('refuses another spelling of its own cursor (padding, whitespace): the document’s pattern names one', async () => {
    const [payload, signature] = cursor.split('.');
    expect((await withCursor(cursor)).status).toBe(200);
    for (const variant of [`${payload}=.${signature}`, ` ${cursor}`, `${payload}.${signature}==`]) {
      const res = await withCursor(variant);
      expect([res.status, res.json.type, res.json.errors[0].path]).toEqual([
        400,
        ProblemTypes.validation.type,
        'query.cursor',
      ]);
    }
  });

  it("rejects alice's cursor for bob and never shows him her items", async () => {
    const res = await withCursor(cursor, 'bob');
    expectInvalidCursor(res);
    expect(res.text).not.toContain('alice');
  });
});
