import type { Item } from '@items-api/contract';
import { monotonicFactory } from 'ulid';
import { createOnce, type Created, type IdempotentRequest } from '../src/items/create-once';
import {
  IdempotencyConflictError,
  IdempotencyPendingError,
  ItemNotFoundError,
  VersionMismatchError,
} from '../src/items/item-errors';
import type { ItemRepository } from '../src/items/item-repository';

/** Whole seconds, far from the real clock: no store's own TTL sweep may act on these records. */
const T0 = Date.parse('2100-01-01T00:00:00.000Z') / 1000;
const at = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * What every ItemRepository does, run against each implementation (in memory in apps/api, on
 * DynamoDB Local in tools/local), so that the handler tests on the in-memory one say something
 * about the function on DynamoDB. Each test has an owner of its own: one table serves them all.
 */
export function describeItemRepositoryContract(name: string, makeRepo: () => ItemRepository) {
  describe(`${name} keeps the ItemRepository contract`, () => {
    const ids = monotonicFactory();
    let repo: ItemRepository;
    let owner: string;
    beforeEach(() => {
      repo = makeRepo();
      owner = `owner-${ids()}`;
    });

    /** A new item as a create route builds it, created at `seconds`. */
    const newItem = (fields: Partial<Item> = {}, seconds = T0): Item => ({
      id: ids(),
      name: 'Boots',
      tags: [],
      createdAt: at(seconds),
      updatedAt: at(seconds),
      version: 1,
      ...fields,
    });
    const created = async (fields: Partial<Item> = {}) => {
      const item = newItem(fields);
      await repo.create(owner, item);
      return item;
    };
    const listIds = async (options: { tag?: string } = {}) =>
      (await repo.list(owner, { limit: 100, ...options })).items.map((item) => item.id);

    describe('items', () => {
      it('gets what create stored; nothing for an unknown id or another owner', async () => {
        const item = await created({ description: 'Leather', tags: ['outdoor', 'red'] });
        expect(await repo.get(owner, item.id)).toEqual(item);
        expect(await repo.get(owner, ids())).toBeUndefined();
        expect(await repo.get(`${owner}-other`, item.id)).toBeUndefined();
      });

      it('replaces on the expected version: the input’s fields, version + 1, updatedAt now, createdAt kept', async () => {
        const item = await created({ description: 'Leather', tags: ['red'] });
        const now = at(T0 + 5);
        const next = await repo.replace(
          owner,
          item.id,
          { name: 'Sandals', tags: ['blue'] },
          { expectedVersion: 1, now },
        );
        const { description: _dropped, ...kept } = item;
        expect(next).toEqual({
          ...kept,
          name: 'Sandals',
          tags: ['blue'],
          updatedAt: now,
          version: 2,
        });
        expect(await repo.get(owner, item.id)).toEqual(next);
      });

      it('replaces whatever version is stored when none is expected', async () => {
        const item = await created();
        const options = { expectedVersion: undefined, now: at(T0 + 1) };
        await repo.replace(owner, item.id, { name: 'One', tags: [] }, options);
        const next = await repo.replace(owner, item.id, { name: 'Two', tags: [] }, options);
        expect(next).toMatchObject({ name: 'Two', version: 3 });
      });

      it('refuses to replace or delete another version (VersionMismatchError) and writes nothing', async () => {
        const item = await created();
        await expect(
          repo.replace(
            owner,
            item.id,
            { name: 'x', tags: [] },
            { expectedVersion: 2, now: at(T0 + 1) },
          ),
        ).rejects.toThrow(VersionMismatchError);
        await expect(repo.delete(owner, item.id, { expectedVersion: 2 })).rejects.toThrow(
          VersionMismatchError,
        );
        expect(await repo.get(owner, item.id)).toEqual(item);
      });

      it('answers ItemNotFoundError to a replace or delete of a missing item or another owner’s', async () => {
        const item = await created();
        for (const [who, id] of [
          [owner, ids()],
          [`${owner}-other`, item.id],
        ] as const) {
          await expect(
            repo.replace(
              who,
              id,
              { name: 'x', tags: [] },
              { expectedVersion: undefined, now: at(T0) },
            ),
          ).rejects.toThrow(ItemNotFoundError);
          await expect(repo.delete(who, id, { expectedVersion: undefined })).rejects.toThrow(
            ItemNotFoundError,
          );
        }
        expect(await repo.get(owner, item.id)).toEqual(item);
      });

      it('deletes on the expected version or none: gone from get and every list', async () => {
        const first = await created({ tags: ['red'] });
        const second = await created({ tags: ['red'] });
        await repo.delete(owner, first.id, { expectedVersion: 1 });
        await repo.delete(owner, second.id, { expectedVersion: undefined });
        expect(await repo.get(owner, first.id)).toBeUndefined();
        expect(await listIds()).toEqual([]);
        expect(await listIds({ tag: 'red' })).toEqual([]);
      });
    });

    describe('lists', () => {
      it('lists the owner’s items newest first (ids sort by creation), no one else’s', async () => {
        const items = [await created(), await created(), await created()];
        await repo.create(`${owner}-other`, newItem());
        expect(await listIds()).toEqual(items.map((item) => item.id).reverse());
      });

      it.each([1, 2, 4, 5, 6])(
        'pages of %i over 5 items: each item once, lastId exactly when more follow',
        async (limit) => {
          const items = [];
          for (let i = 0; i < 5; i++) items.push(await created());
          const pages: { ids: string[]; lastId?: string }[] = [];
          let afterId: string | undefined;
          do {
            const page = await repo.list(owner, { limit, afterId });
            pages.push({ ids: page.items.map((item) => item.id), lastId: page.lastId });
            afterId = page.lastId;
          } while (afterId);
          const newestFirst = items.map((item) => item.id).reverse();
          const expected = Array.from({ length: Math.ceil(5 / limit) }, (_, i) => {
            const ids = newestFirst.slice(i * limit, (i + 1) * limit);
            return { ids, lastId: (i + 1) * limit < 5 ? ids.at(-1) : undefined };
          });
          expect(pages).toEqual(expected);
        },
      );

      it('lists by tag the items carrying it, as they are now, newest first, page by page', async () => {
        const a = await created({ tags: ['red', 'blue'] });
        const b = await created({ tags: ['red'] });
        await created();
        // `#` is part of a tag, not a separator: `red#x` is not under `red`.
        const c = await created({ tags: ['red#x'] });
        expect(await listIds({ tag: 'red' })).toEqual([b.id, a.id]);
        expect(await listIds({ tag: 'red#x' })).toEqual([c.id]);
        const first = await repo.list(owner, { limit: 1, tag: 'red' });
        expect([first.items.map((i) => i.id), first.lastId]).toEqual([[b.id], b.id]);
        const second = await repo.list(owner, { limit: 1, tag: 'red', afterId: b.id });
        expect([second.items.map((i) => i.id), second.lastId]).toEqual([[a.id], undefined]);

        const replaced = await repo.replace(
          owner,
          a.id,
          { name: 'Sandals', tags: ['blue', 'green'] },
          { expectedVersion: 1, now: at(T0 + 1) },
        );
        expect(await listIds({ tag: 'red' })).toEqual([b.id]);
        expect((await repo.list(owner, { limit: 10, tag: 'green' })).items).toEqual([replaced]);
        expect((await repo.list(owner, { limit: 10, tag: 'blue' })).items).toEqual([replaced]);
        await repo.delete(owner, b.id, { expectedVersion: undefined });
        expect(await listIds({ tag: 'red' })).toEqual([]);
      });
    });

    describe('idempotent creates', () => {
      const TTL = 60;
      const request = (requestHash = 'body-1'): IdempotentRequest => ({
        key: 'key-1',
        requestHash,
        ttlSeconds: TTL,
      });
      /** The same request sent at `seconds`, with the item it would create. */
      const send = (seconds: number, requestHash?: string, who = owner) =>
        createOnce(repo, who, newItem({}, seconds), request(requestHash));

      it('creates once: the same key and body again answers the first item and writes nothing', async () => {
        const first = await send(T0);
        expect(first.replayed).toBe(false);
        expect(await repo.get(owner, first.item.id)).toEqual(first.item);
        expect(await send(T0 + 1)).toEqual({ item: first.item, replayed: true });
        expect(await listIds()).toEqual([first.item.id]);
      });

      it('answers the same key with another body IdempotencyConflictError and writes nothing', async () => {
        const first = await send(T0);
        await expect(send(T0 + 1, 'body-2')).rejects.toThrow(IdempotencyConflictError);
        expect(await listIds()).toEqual([first.item.id]);
      });

      it('keeps each owner’s keys apart', async () => {
        const mine = await send(T0);
        const theirs = await send(T0, 'body-2', `${owner}-other`);
        expect([mine.replayed, theirs.replayed]).toEqual([false, false]);
        expect(theirs.item.id).not.toBe(mine.item.id);
      });

      it('stores one item for concurrent creates with one key; every other answer replays it or is IdempotencyPendingError', async () => {
        const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => send(T0)));
        const answers = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
        const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
        const firsts = answers.filter((a) => !a.replayed);
        expect(firsts.length).toBeLessThanOrEqual(1);
        expect(await listIds()).toEqual(firsts.map((a) => a.item.id));
        for (const answer of answers) expect(answer.item).toEqual(firsts[0]?.item);
        for (const failure of failures) expect(failure).toBeInstanceOf(IdempotencyPendingError);
      });

      describe('around the second the key expires (created at T, expiresAt = T + TTL)', () => {
        const expiresAt = T0 + TTL;
        const createdThenSentAt = async (seconds: number, requestHash?: string) => {
          const first = await send(T0);
          return { first, again: await send(seconds, requestHash) };
        };

        it('replays at expiresAt - 1, or answers another body IdempotencyConflictError', async () => {
          const { first, again } = await createdThenSentAt(expiresAt - 1);
          expect(again).toEqual({ item: first.item, replayed: true });
          await expect(send(expiresAt - 1, 'body-2')).rejects.toThrow(IdempotencyConflictError);
        });

        it.each([
          ['at expiresAt', 0],
          ['at expiresAt + 1', 1],
        ])('creates anew %s, and the key then answers the new item', async (_when, offset) => {
          const { first, again } = await createdThenSentAt(expiresAt + offset);
          expect(again.replayed).toBe(false);
          expect(again.item.id).not.toBe(first.item.id);
          expect(await listIds()).toEqual([again.item.id, first.item.id]);
          const replay: Created = await send(expiresAt + offset + 1);
          expect(replay).toEqual({ item: again.item, replayed: true });
        });

        it('takes the expired key for another body at expiresAt (no conflict with the old one)', async () => {
          const { again } = await createdThenSentAt(expiresAt, 'body-2');
          expect(again.replayed).toBe(false);
          await expect(send(expiresAt + 1)).rejects.toThrow(IdempotencyConflictError);
        });
      });
    });
  });
}
