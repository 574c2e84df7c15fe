import { rawRequest } from './golden-events/golden-gateway';
import { startTestApi, type TestApi } from './test-api';

/** Tokens the items authorizer must refuse before any signature check. */
function unverifiable(header: Record<string, string>): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${b64({ typ: 'JWT', ...header })}.${b64({ sub: 'alice', exp })}.c2ln`;
}
const hs256 = () => unverifiable({ alg: 'HS256', kid: 'x' });
const unknownKid = () => unverifiable({ alg: 'RS256', kid: 'no-such-key' });

describe('bad input gets a clear 4xx and changes nothing', () => {
  let t: TestApi;
  const count = async () => (await t.request('/items?limit=100')).json.items.length;

  beforeAll(async () => {
    t = await startTestApi();
    await t.request('/items', { method: 'POST', json: { name: 'existing' } });
  });
  afterAll(() => t.stop());

  it.each([
    [
      'malformed JSON',
      { body: '{"name":', headers: { 'content-type': 'application/json' } },
      400,
      'urn:items-api:problem:malformed-json',
    ],
    [
      'a form body',
      { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'urn:items-api:problem:unsupported-media-type',
    ],
    [
      'a JSON array',
      { body: '[]', headers: { 'content-type': 'application/json' } },
      400,
      'urn:items-api:problem:validation',
    ],
    [
      'an unknown field',
      { body: '{"name":"x","color":"red"}', headers: { 'content-type': 'application/json' } },
      400,
      'urn:items-api:problem:validation',
    ],
    [
      'a server-owned field',
      { body: '{"name":"x","version":5}', headers: { 'content-type': 'application/json' } },
      400,
      'urn:items-api:problem:validation',
    ],
    [
      '21 tags',
      {
        body: JSON.stringify({ name: 'x', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }),
        headers: { 'content-type': 'application/json' },
      },
      400,
      'urn:items-api:problem:validation',
    ],
  ])('answers %s with %i problem+json', async (_label, init, status, type) => {
    const before = await count();
    const res = await t.request('/items', { method: 'POST', ...init });
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ status, type });
    expect(await count()).toBe(before);
  });

  it('names each unknown field in errors[]', async () => {
    const res = await t.request('/items', {
      method: 'POST',
      json: { name: 'x', id: 'mine', owner: 'bob' },
    });
    expect(res.json.errors).toEqual([
      { path: 'body.id', message: 'unrecognized field' },
      { path: 'body.owner', message: 'unrecognized field' },
    ]);
  });

  it('answers a 2 MB body with the function’s 413 problem', async () => {
    const res = await t.request('/items', {
      method: 'POST',
      json: { name: 'x', description: 'd'.repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.json.type).toBe('urn:items-api:problem:payload-too-large');
  });

  it('answers an 11 MB body at the gateway with its own 413', async () => {
    const res = await t.request('/items', {
      method: 'POST',
      body: 'x'.repeat(11 * 1024 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ message: 'Request Entity Too Large' });
  });

  it('answers an unknown path with the gateway-routed 404 problem and never a stack trace', async () => {
    const res = await t.request('/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7/extra');
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/\bat \w|Exception|TableName|items-local/);
  });

  describe('at the gateway, before the function (sources in tools/local/FIDELITY.md)', () => {
    const port = () => Number(new URL(t.api.url).port);
    const send = (target: string, headers: [string, string][] = [], body?: string) =>
      rawRequest(port(), { method: body ? 'POST' : 'GET', target, headers, body });
    const bearer = (): [string, string] => ['Authorization', `Bearer ${t.tokens.alice}`];

    it.each([
      ['a malformed Authorization header', '/items', [['Authorization', 'Bearer not-a-jwt']]],
      ['a token with an unsupported algorithm', '/items', [['Authorization', `Bearer ${hs256()}`]]],
      ['a token whose kid is unknown', '/items', [['Authorization', `Bearer ${unknownKid()}`]]],
    ] as [string, string, [string, string][]][])(
      'answers %s with 401',
      async (_label, target, headers) => {
        const res = await send(target, headers);
        expect([res.status, res.json]).toEqual([401, { message: 'Unauthorized' }]);
        expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
      },
    );

    it('answers a header line of 11 KB with 431', async () => {
      const res = await send('/items', [bearer(), ['X-Padding', 'p'.repeat(11 * 1024)]]);
      expect(res.status).toBe(431);
    });

    it.each(['/items/%00', '/items/..', '/items/../docs', '/items/%ZZ'])(
      'answers the path %s with 400 {"message":"Bad Request"}',
      async (target) => {
        const res = await send(target, [bearer()]);
        expect([res.status, res.json]).toEqual([400, { message: 'Bad Request' }]);
      },
    );

    it('decodes %2F: /items/a%2Fb reaches the function as /items/a/b, a 404 problem', async () => {
      const res = await send('/items/a%2Fb', [bearer()]);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('application/problem+json');
    });

    it('answers a 7 MB body with the gateway’s 413 and writes nothing', async () => {
      const before = await count();
      const body = JSON.stringify({ name: 'x', description: 'd'.repeat(7 * 1024 * 1024) });
      const res = await send('/items', [bearer(), ['Content-Type', 'application/json']], body);
      expect([res.status, res.json]).toEqual([413, { message: 'Request Entity Too Large' }]);
      expect(await count()).toBe(before);
    });
  });
});
