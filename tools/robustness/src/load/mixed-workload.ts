import type { AutocannonRequest } from 'autocannon';
import { formatETag } from '@items-api/contract';

type Context = Record<string, unknown> & { token?: string; id?: string; etag?: string };

const json = { 'content-type': 'application/json' };

/**
 * One connection's loop, reads first: create an item, read it, replace it (If-Match), list,
 * read it again conditionally (304), list a bigger page, replace it again, delete it (If-Match).
 * Each loop runs as the next of `tokens`' owners, so owners see each other's load, not items.
 */
export function mixedWorkload(tokens: readonly string[]): AutocannonRequest[] {
  let next = 0;
  const as = (
    context: Context,
    request: AutocannonRequest,
    headers: Record<string, string> = {},
  ) => ({
    ...request,
    headers: { ...request.headers, authorization: `Bearer ${context.token}`, ...headers },
  });
  const onItem = (context: Context) => `/items/${context.id}`;
  const keepEtag = (
    status: number,
    _body: string,
    context: Context,
    headers: Record<string, string>,
  ) => {
    if (status < 300 && headers['etag']) context.etag = headers['etag'];
  };
  const onCreated = (
    status: number,
    body: string,
    context: Context,
    headers: Record<string, string>,
  ) => {
    if (status === 201) context.id = (JSON.parse(body) as { id: string }).id;
    keepEtag(status, body, context, headers);
  };
  const onExisting = (
    method: string,
    headers: (c: Context) => Record<string, string> = () => ({}),
    body?: string,
  ): AutocannonRequest => ({
    method,
    ...(body ? { body } : {}),
    setupRequest: (request, context: Context) =>
      context.id ? as(context, { ...request, path: onItem(context) }, headers(context)) : null,
    onResponse: keepEtag,
  });
  const replace = (n: number) =>
    onExisting(
      'PUT',
      (c) => ({ ...json, 'if-match': c.etag ?? formatETag(1) }),
      JSON.stringify({ name: `replaced ${n}`, tags: ['load'] }),
    );
  return [
    {
      method: 'POST',
      path: '/items',
      body: JSON.stringify({ name: 'load', description: 'made under load', tags: ['load'] }),
      setupRequest: (request, context: Context) => {
        context.token = tokens[next++ % tokens.length];
        return as(context, request, json);
      },
      onResponse: onCreated,
    },
    onExisting('GET'),
    replace(1),
    { method: 'GET', path: '/items?limit=10', setupRequest: (r, c: Context) => as(c, r) },
    onExisting('GET', (c) => ({ 'if-none-match': c.etag ?? '' })),
    { method: 'GET', path: '/items?limit=25', setupRequest: (r, c: Context) => as(c, r) },
    replace(2),
    onExisting('DELETE', (c) => ({ 'if-match': c.etag ?? formatETag(1) })),
  ];
}
