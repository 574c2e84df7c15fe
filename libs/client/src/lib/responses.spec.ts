import { GatewayAnswers } from '@items-api/contract';
import { anItem, baseUrl, fakeFetch, json, problem, type Reply } from '../../test/fake-fetch';
import { isItemsApiError, ItemsApiError } from './items-api-error';
import { createItemsClient } from './items-client';

const item = anItem();

async function failureOf(reply: Reply, options: { validateResponses?: boolean } = {}) {
  const client = createItemsClient({ baseUrl, fetch: fakeFetch(reply), retry: false, ...options });
  return client.items.get(item.id).then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as ItemsApiError,
  );
}

describe('errors', () => {
  it('carries the problem+json fields of an API error', async () => {
    const errors = [{ path: 'tags.3', message: 'duplicate tag "a"' }];
    const error = await failureOf(problem('validation', { detail: 'Body is not valid', errors }));

    expect(error).toBeInstanceOf(ItemsApiError);
    expect(error).toMatchObject({
      kind: 'problem',
      status: 400,
      type: 'urn:items-api:problem:validation',
      title: 'Request is not valid',
      detail: 'Body is not valid',
      errors,
      message: '400 Request is not valid: Body is not valid',
    });
    expect(error.is('validation')).toBe(true);
  });

  it('maps the gateway shape onto the same fields', async () => {
    const error = await failureOf(
      json(401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' }),
    );

    expect(error).toMatchObject({
      kind: 'gateway',
      status: 401,
      type: 'about:blank',
      title: 'Unauthorized',
      errors: [],
    });
  });

  it.each(GatewayAnswers.map((answer) => [answer.status, answer.message] as const))(
    'turns the gateway’s own %i {"message": "%s"} into a gateway error',
    async (status, message) => {
      const error = await failureOf(json(status, { message }));

      expect(error).toMatchObject({ kind: 'gateway', status, type: 'about:blank', title: message });
    },
  );

  it('keeps the Retry-After of a throttled response', async () => {
    const error = await failureOf(
      json(429, { message: 'Too Many Requests' }, { 'retry-after': '1' }),
    );

    expect(error).toMatchObject({ kind: 'gateway', status: 429, retryAfterMs: 1000 });
  });

  it('turns a response of unknown shape into an http error', async () => {
    const html = new Response('<html>Bad Gateway</html>', {
      status: 502,
      headers: { 'content-type': 'text/html' },
    });

    await expect(failureOf(html)).resolves.toMatchObject({
      kind: 'http',
      status: 502,
      title: 'HTTP 502',
      detail: '<html>Bad Gateway</html>',
    });
  });

  it('reports a network failure with status 0 and its cause', async () => {
    const cause = new TypeError('fetch failed');
    const error = await failureOf(cause);

    expect(error).toMatchObject({ kind: 'network', status: 0, detail: 'fetch failed' });
    expect(error.cause).toBe(cause);
  });

  it('recognises errors by their registered brand, not by their shape', async () => {
    const error = await failureOf(problem('notFound'));
    const lookalike = { ...error };

    expect(isItemsApiError(error)).toBe(true);
    expect(isItemsApiError(new Error('x'))).toBe(false);
    expect(isItemsApiError(lookalike)).toBe(false);
  });
});

describe('response validation', () => {
  it('rejects a success body that does not match the contract when enabled', async () => {
    const error = await failureOf(json(200, { ...item, version: 0 }), { validateResponses: true });

    expect(error).toMatchObject({
      kind: 'invalid-response',
      status: 200,
      type: 'urn:items-api:client:invalid-response',
      errors: [expect.objectContaining({ path: 'version' })],
    });
  });

  it('passes the same body through when validation is off', async () => {
    const client = createItemsClient({
      baseUrl,
      fetch: fakeFetch(json(200, { ...item, version: 0 })),
    });

    await expect(client.items.get(item.id)).resolves.toMatchObject({ version: 0 });
  });

  it('returns the parsed body when it matches', async () => {
    const client = createItemsClient({
      baseUrl,
      fetch: fakeFetch(json(200, item)),
      validateResponses: true,
    });

    await expect(client.items.get(item.id)).resolves.toEqual(item);
  });
});
