import { startTestApi, type TestApi } from './test-api';

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
});
