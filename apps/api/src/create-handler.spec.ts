import { ContentTypes, ProblemTypes, RequestLimits } from '@items-api/contract';
import { createTestContext, createTestEvent } from '@items-api/test-events';
import { createTestHandler } from '../test/test-handler';
import { InMemoryItemRepository } from '../test/in-memory-item-repository';

const validBody = { name: 'Boots', tags: ['outdoor'] };

async function createdItem(call: ReturnType<typeof createTestHandler>['call']) {
  const created = await call({ method: 'POST', body: validBody });
  return created.json;
}

describe('items handler', () => {
  describe('requests that never reach a route', () => {
    it('returns 404 problem+json for an unknown path', async () => {
      const { call } = createTestHandler();
      const res = await call({ path: '/nope' });
      expect(res.statusCode).toBe(404);
      expect(res.headers?.['content-type']).toBe(ContentTypes.problem);
      expect(res.json).toMatchObject({
        type: ProblemTypes.notFound.type,
        status: 404,
        instance: '/nope',
      });
    });

    it('returns 405 with Allow (HEAD beside GET) for a known path and another method', async () => {
      const { call } = createTestHandler();
      const res = await call({
        method: 'PATCH',
        path: '/items',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(405);
      expect(res.headers?.allow).toBe('GET, HEAD, POST');
    });

    it('returns 415 for a body that is not JSON, and writes nothing', async () => {
      const { call, repo } = createTestHandler();
      const res = await call({
        method: 'POST',
        body: 'name=x',
        headers: { 'content-type': 'text/plain' },
      });
      expect(res.statusCode).toBe(415);
      expect((repo as InMemoryItemRepository).items.size).toBe(0);
    });

    it('accepts a JSON body whose media type is not lower-case', async () => {
      const { call } = createTestHandler();
      const res = await call({
        method: 'POST',
        body: JSON.stringify(validBody),
        headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json).toMatchObject(validBody);
    });

    it('returns 400 malformed-json for unparseable JSON, and writes nothing', async () => {
      const { call, repo } = createTestHandler();
      const res = await call({
        method: 'POST',
        body: '{"name": ',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json.type).toBe(ProblemTypes.malformedJson.type);
      expect((repo as InMemoryItemRepository).items.size).toBe(0);
    });

    it('returns 413 for a body over the limit', async () => {
      const { call } = createTestHandler();
      const body = JSON.stringify({
        name: 'x',
        description: 'd'.repeat(RequestLimits.maxBodyBytes),
      });
      const res = await call({
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(413);
    });

    it('ignores a body sent with GET or DELETE instead of failing with 500', async () => {
      const { call } = createTestHandler();
      for (const method of ['GET', 'DELETE']) {
        const res = await call({
          method,
          path: '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
          body: validBody,
        });
        expect([method, res.statusCode]).toEqual([method, 404]);
      }
    });

    it('answers a GET that carries a content type but no body', async () => {
      const { call } = createTestHandler();
      const res = await call({ headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(200);
    });

    it('returns 400 for an empty JSON body on POST, naming the body', async () => {
      const { call } = createTestHandler();
      const res = await call({
        method: 'POST',
        body: '',
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json.errors).toEqual([expect.objectContaining({ path: 'body' })]);
    });

    it('returns 401 problem when no verified subject reaches the function', async () => {
      const { call } = createTestHandler();
      const res = await call({ sub: null });
      expect(res.statusCode).toBe(401);
      expect(res.json.type).toBe(ProblemTypes.unauthorized.type);
    });
  });

  describe('validation', () => {
    it('names a server-owned field and writes nothing', async () => {
      const { call, repo } = createTestHandler();
      const res = await call({
        method: 'POST',
        body: { ...validBody, id: '01JD8X3ZK5N2M4Q7R9T1V3W5Y7', version: 3 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json.errors).toEqual([
        { path: 'body.id', message: 'unrecognized field' },
        { path: 'body.version', message: 'unrecognized field' },
      ]);
      expect((repo as InMemoryItemRepository).items.size).toBe(0);
    });

    it('returns 400 for an id that is not a ULID', async () => {
      const { call } = createTestHandler();
      const res = await call({ path: '/items/not-an-id' });
      expect(res.statusCode).toBe(400);
      expect(res.json.errors[0].path).toBe('params.id');
    });

    // HTTP APIs hand the function decoded paths (hotsock/voker live captures): `/items/%20` is
    // `/items/ ` and `/items/a%23b` is `/items/a#b`, which must stay one id, not become a list.
    it.each(['/items/ ', '/items/a#b', '/items/a?b', '/items/100%'])(
      'refuses the decoded path %j as an item (400 bad id or 404 no such item), never a list or a 500',
      async (path) => {
        const { call } = createTestHandler();
        for (const method of ['GET', 'PUT', 'DELETE']) {
          const res = await call({ method, path, headers: { 'if-match': '"1"' }, body: validBody });
          expect([ProblemTypes.validation.status, ProblemTypes.notFound.status]).toContain(
            res.statusCode,
          );
          expect([method, res.json.type]).toEqual([
            method,
            res.statusCode === 404 ? ProblemTypes.notFound.type : ProblemTypes.validation.type,
          ]);
        }
      },
    );

    it('ignores a query parameter named bind and refuses such a body field as any unknown field (once a router library threw on it)', async () => {
      const { call, repo } = createTestHandler();
      const query = await call({ query: 'bind=1' });
      expect(query.statusCode).toBe(200);
      const body = await call({ method: 'POST', body: { name: 'x', bind: 'y' } });
      expect(body.statusCode).toBe(400);
      expect(body.json.errors).toEqual([{ path: 'body.bind', message: 'unrecognized field' }]);
      expect((repo as InMemoryItemRepository).items.size).toBe(0);
    });

    it('returns 400 for a limit out of range', async () => {
      const { call } = createTestHandler();
      const res = await call({ query: 'limit=101' });
      expect(res.statusCode).toBe(400);
      expect(res.json.errors[0].path).toBe('query.limit');
    });
  });

  describe('CRUD', () => {
    it('creates an item with Location and ETag', async () => {
      const { call } = createTestHandler();
      const res = await call({ method: 'POST', body: validBody });
      expect(res.statusCode).toBe(201);
      expect(res.headers?.location).toBe(`/items/${res.json.id}`);
      expect(res.headers?.etag).toBe('"1"');
      expect(res.json).toMatchObject({
        ...validBody,
        version: 1,
        createdAt: '2026-11-25T09:30:00.000Z',
      });
    });

    it('returns 304 when If-None-Match names the current version', async () => {
      const { call } = createTestHandler();
      const item = await createdItem(call);
      const res = await call({ path: `/items/${item.id}`, headers: { 'if-none-match': '"1"' } });
      expect(res.statusCode).toBe(304);
      expect(res.headers?.etag).toBe('"1"');
    });

    it('returns 428 when PUT has no If-Match, and writes nothing', async () => {
      const { call } = createTestHandler();
      const item = await createdItem(call);
      const res = await call({ method: 'PUT', path: `/items/${item.id}`, body: { name: 'New' } });
      expect(res.statusCode).toBe(428);
      expect((await call({ path: `/items/${item.id}` })).json.name).toBe('Boots');
    });

    it('returns 412 when If-Match is stale, and writes nothing', async () => {
      const { call } = createTestHandler();
      const item = await createdItem(call);
      const res = await call({
        method: 'PUT',
        path: `/items/${item.id}`,
        body: { name: 'New' },
        headers: { 'if-match': '"7"' },
      });
      expect(res.statusCode).toBe(412);
      expect((await call({ path: `/items/${item.id}` })).json.version).toBe(1);
    });

    it('replaces with a matching If-Match and bumps the version', async () => {
      const { call } = createTestHandler();
      const item = await createdItem(call);
      const res = await call({
        method: 'PUT',
        path: `/items/${item.id}`,
        body: { name: 'New' },
        headers: { 'if-match': '"1"' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers?.etag).toBe('"2"');
      expect(res.json).toMatchObject({ name: 'New', tags: [], version: 2 });
    });

    it('deletes, then answers 404', async () => {
      const { call } = createTestHandler();
      const item = await createdItem(call);
      expect(
        (
          await call({
            method: 'DELETE',
            path: `/items/${item.id}`,
            headers: { 'if-match': '"2"' },
          })
        ).statusCode,
      ).toBe(412);
      expect((await call({ method: 'DELETE', path: `/items/${item.id}` })).statusCode).toBe(204);
      expect((await call({ path: `/items/${item.id}` })).statusCode).toBe(404);
    });

    it("answers 404 for another owner's item", async () => {
      const { call } = createTestHandler();
      const item = await createdItem(call);
      const res = await call({ path: `/items/${item.id}`, sub: 'bob' });
      expect(res.statusCode).toBe(404);
    });
  });

  describe('failures', () => {
    it('answers 500 with a generic problem and logs the cause, never the stack', async () => {
      const repo = new InMemoryItemRepository();
      repo.list = async () => {
        throw new Error('secret table items-prod exploded');
      };
      const { call, logLines } = createTestHandler(repo);
      const res = await call({});
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('items-prod');
      expect(res.body).not.toContain('at ');
      expect(logLines.some((line) => line.includes('secret table items-prod exploded'))).toBe(true);
    });

    it('answers 503 with Retry-After when DynamoDB is still busy as the function runs out of time', async () => {
      const repo = new InMemoryItemRepository();
      repo.list = () => new Promise(() => undefined);
      const { handler } = createTestHandler(repo);
      const res = await handler(createTestEvent(), createTestContext({ remainingMs: 600 }));
      expect(res.statusCode).toBe(503);
      expect(res.headers?.['retry-after']).toBe('1');
      expect(JSON.parse(res.body ?? '{}').type).toBe(ProblemTypes.unavailable.type);
    });
  });
});
