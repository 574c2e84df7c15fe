import { committedDocument, createResponseValidator, type ObservedResponse } from '../src';

const item = {
  id: '01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
  name: 'Boots',
  tags: [],
  createdAt: '2026-11-25T09:30:00.000Z',
  updatedAt: '2026-11-25T09:30:00.000Z',
  version: 1,
};

function observed(
  method: string,
  url: string,
  status: number,
  headers: Record<string, string>,
  body: unknown = '',
): ObservedResponse {
  const map = new Map(Object.entries(headers));
  return {
    method,
    url,
    status,
    headers: { get: (name) => map.get(name) ?? null },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

const json = { 'content-type': 'application/json' };
const problem = { 'content-type': 'application/problem+json' };
const notFound = {
  type: 'urn:items-api:problem:not-found',
  title: 'Not found',
  status: 404,
  detail: 'No item with this id',
};

describe('the response validator (Ajv over the committed openapi.json)', () => {
  const validator = createResponseValidator(committedDocument);
  const check = (response: ObservedResponse) => validator.check(response);

  it('accepts answers the document declares', () => {
    expect(
      check(observed('GET', `/items/${item.id}`, 200, { ...json, etag: '"1"' }, item)),
    ).toEqual([]);
    expect(check(observed('HEAD', `/items/${item.id}`, 200, { ...json, etag: '"1"' }))).toEqual([]);
    expect(check(observed('GET', `/items/${item.id}`, 304, { etag: '"1"' }))).toEqual([]);
    expect(check(observed('GET', '/items', 429, json, { message: 'Too Many Requests' }))).toEqual(
      [],
    );
    expect(check(observed('GET', '/nope', 404, problem, notFound))).toEqual([]);
    expect(
      check(
        observed(
          'PATCH',
          '/items',
          405,
          { ...problem, allow: 'GET, HEAD, POST' },
          {
            type: 'urn:items-api:problem:method-not-allowed',
            title: 'Method not allowed',
            status: 405,
          },
        ),
      ),
    ).toEqual([]);
  });

  it.each([
    [
      'an undeclared status',
      observed('GET', '/items', 418, json, {}),
      /status 418 is not declared/,
    ],
    [
      'a missing required header',
      observed('GET', `/items/${item.id}`, 304, {}),
      /missing required header etag/,
    ],
    [
      'a body on HEAD',
      observed('HEAD', '/items', 200, json, '{}'),
      /a body where none is declared/,
    ],
    [
      'a body on 304',
      observed('GET', `/items/${item.id}`, 304, { etag: '"1"' }, 'x'),
      /a body where none/,
    ],
    [
      'an undeclared media type',
      observed('GET', `/items/${item.id}`, 404, json, notFound),
      /media type application\/json is not declared/,
    ],
    [
      'a problem type the operation does not list',
      observed('GET', '/items', 400, problem, {
        ...notFound,
        status: 400,
        type: 'urn:items-api:problem:malformed-json',
      }),
      /body does not match/,
    ],
    [
      'a name over its limit in a response',
      observed(
        'GET',
        `/items/${item.id}`,
        200,
        { ...json, etag: '"1"' },
        { ...item, name: 'n'.repeat(201) },
      ),
      /maxLength|must NOT have more than 200/,
    ],
    [
      'a lone surrogate in a response',
      observed(
        'GET',
        `/items/${item.id}`,
        200,
        { ...json, etag: '"1"' },
        { ...item, name: '\ud800' },
      ),
      /pattern/,
    ],
    [
      'an ETag that is not a strong version tag',
      observed('GET', `/items/${item.id}`, 200, { ...json, etag: 'W/"1"' }, item),
      /header etag/,
    ],
    [
      'a 405 with the wrong Allow',
      observed(
        'PATCH',
        '/items',
        405,
        { ...problem, allow: 'GET' },
        {
          type: 'urn:items-api:problem:method-not-allowed',
          title: 'Method not allowed',
          status: 405,
        },
      ),
      /header allow/,
    ],
  ])('reports %s', (_label, response, message) => {
    expect((check(response) ?? []).join('\n')).toMatch(message);
  });

  it('counts what it validated and skips what the document does not cover', () => {
    const counting = createResponseValidator(committedDocument);
    expect(counting.check(observed('OPTIONS', '/items', 204, {}))).toBeUndefined();
    expect(counting.check(observed('GET', '/_local/issuer/jwks', 200, json, {}))).toBeUndefined();
    counting.check(observed('GET', '/items', 429, json, { message: 'Too Many Requests' }));
    expect(counting.validated).toBe(1);
  });
});
