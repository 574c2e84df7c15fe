import { synthesizeTemplate } from '@items-api/infra';
import { startLocalApi, type LocalApi } from '@items-api/local';
import { committedDocument, createDocumentAjv } from '@items-api/openapi-check';
import fc from 'fast-check';

// One rule, two readers: Ajv reading only the committed openapi.json, and the server as
// `npm start` runs it, must accept and refuse exactly the same requests.
const ajv = createDocumentAjv(committedDocument);
type Operation = {
  parameters?: { name: string; in: string; schema: unknown }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
};
const operation = (path: string, method: string) =>
  committedDocument.paths[path]?.[method] as Operation;
const parameterSchema = (path: string, method: string, name: string) =>
  operation(path, method).parameters?.find((p) => p.name === name)?.schema;

const bodyValid = ajv.compile(
  operation('/items', 'post').requestBody?.content['application/json']?.schema,
);
const limitValid = ajv.compile(parameterSchema('/items', 'get', 'limit'));
const ifMatchValid = ajv.compile(parameterSchema('/items/{id}', 'put', 'if-match'));
const keyValid = ajv.compile(parameterSchema('/items', 'post', 'idempotency-key'));

/** How a validator reads a query value typed as a number: as JSON when it is a JSON number. */
const queryValue = (text: string) =>
  /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text) ? JSON.parse(text) : text;

const emoji = '😀';
const text = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-zé😀](?:[a-z 😀]{0,6}[a-z])?$/u), weight: 6 },
  fc.string({ maxLength: 8, unit: 'grapheme' }),
  fc.string({ maxLength: 8, unit: 'binary' }),
  fc.constantFrom('', ' ', '\t', ' padded ', 'two  words', '\ud800x', 'x\udfff', 'Case'),
  fc.integer({ min: 198, max: 202 }).map((n) => emoji.repeat(n)),
  fc.integer({ min: 39, max: 41 }).map((n) => emoji.repeat(n)),
);
const bodies = fc
  .record(
    {
      name: fc.oneof({ arbitrary: text, weight: 9 }, fc.integer()),
      description: fc.oneof(
        text,
        fc.constant(`${'d'.repeat(1999)}${emoji}`),
        fc.constant('\ud800'),
      ),
      tags: fc.oneof(
        fc.array(text, { maxLength: 3 }),
        fc.array(text, { minLength: 19, maxLength: 22 }),
        fc.array(fc.constantFrom('a', 'b', 'A'), { maxLength: 4 }),
      ),
      id: fc.constant('01JD8X3ZK5N2M4Q7R9T1V3W5Y7'),
    },
    { requiredKeys: [] },
  )
  .map(({ id, ...body }) => (id && body.name === undefined ? { ...body, id } : body));

describe('one rule, two readers: Ajv over openapi.json and the running server agree', () => {
  let api: LocalApi;
  let token: string;
  let itemId: string;
  const send = async (
    path: string,
    init: RequestInit & { headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${api.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, ...init.headers },
    });
    const body = (await response.json().catch(() => undefined)) as { type?: string } | undefined;
    return { status: response.status, refused: body?.type === 'urn:items-api:problem:validation' };
  };
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    send('/items', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    api = await startLocalApi({
      inMemory: true,
      logLevel: 'silent',
      template: synthesizeTemplate({
        stage: 'dev',
        overrides: { throttle: { rateLimit: 1_000_000, burstLimit: 1_000_000 } },
      }),
    });
    token = await api.issueToken({ sub: 'two-readers' });
    const created = await fetch(`${api.url}/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'target' }),
    });
    itemId = ((await created.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('on request bodies: code points, lone surrogates, white space, unique tags, unknown fields; a refused one writes nothing', async () => {
    const samples = [
      { name: emoji.repeat(200) },
      { name: emoji.repeat(201) },
      { name: 'x', tags: [emoji.repeat(40)] },
      { name: 'x', tags: [emoji.repeat(41)] },
      { name: 'x', tags: ['a', 'a'] },
      { name: '   ' },
      { name: '\t' },
      { name: '  padded  ' },
      { name: '\ud800x' },
      { name: 'x', tags: Array(21).fill('t') },
      ...fc.sample(bodies, { numRuns: 300, seed: 11 }),
    ];
    let accepted = 0;
    const disagreements: string[] = [];
    for (const body of samples) {
      const documentSays = bodyValid(body);
      const server = await post(body);
      if (server.status === 201) accepted += 1;
      const serverSays = server.status === 201;
      if (documentSays !== serverSays || (!serverSays && !server.refused)) {
        disagreements.push(
          `${JSON.stringify(body).slice(0, 120)}: document ${documentSays}, server ${server.status}`,
        );
      }
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(samples.length - 20);
    const listed = await fetch(`${api.url}/items?limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const stored = ((await listed.json()) as { items: unknown[] }).items.length;
    expect(stored).toBe(Math.min(100, accepted + 1));
  });

  it.each([
    '1',
    '100',
    '0',
    '101',
    '1e1',
    '1.0',
    '1.5',
    ' 5',
    '+5',
    '0x10',
    '',
    'abc',
    '-1',
    '007',
    '1e3',
  ])('on the query: limit=%p', async (limit) => {
    const server = await send(`/items?limit=${encodeURIComponent(limit)}&_=cache-buster`);
    expect([limitValid(queryValue(limit)), server.status]).toEqual([
      server.status === 200,
      server.refused ? 400 : 200,
    ]);
  });

  it.each(['"1"', '"1", "2"', '*', 'W/"1"', ' "1" , ,W/"2"', '1', '"1" x', '"a"b"', '**', '"é"'])(
    'on headers: If-Match %p',
    async (ifMatch) => {
      const server = await send(`/items/${itemId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': ifMatch },
        body: JSON.stringify({ name: 'target' }),
      });
      expect(ifMatchValid(ifMatch)).toBe(!server.refused);
    },
  );

  it.each(['k', 'k'.repeat(255), 'k'.repeat(256), 'a b', 'a\u00e9'])(
    'on headers: Idempotency-Key %p',
    async (key) => {
      const server = await post({ name: 'keyed' }, { 'idempotency-key': key });
      expect(keyValid(key)).toBe(!server.refused);
    },
  );
});
