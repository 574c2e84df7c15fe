import type { GatewayAnswers, GatewayError, Item, ItemPage, Problem } from '@items-api/contract';
import { anItem, baseUrl, fakeFetch, json, problem } from '../../test/fake-fetch';
import { isItemsApiError } from './items-api-error';
import { createItemsClient } from './items-client';

// Type-level tests: the `typecheck` target (tsc) fails when an `@ts-expect-error` line stops
// being an error or an `Equal` check stops holding. The runtime half shows what the API says.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T) => value;

const item = anItem();
const rejectedBody = () => problem('validation', { detail: 'unknown field' });

function clientAnswering(...replies: Parameters<typeof fakeFetch>) {
  return createItemsClient({ baseUrl, fetch: fakeFetch(...replies), retry: false });
}

describe('client types', () => {
  it('types results from the contract schemas', async () => {
    const client = clientAnswering(json(200, { items: [item] }), json(200, item));

    const page = await client.items.list();
    const one = await client.items.get(item.id);

    assertType<Equal<typeof page, ItemPage>>(true);
    assertType<Equal<typeof one, Item>>(true);
    expect(page.items[0]).toEqual(one);
  });

  it('rejects bodies with server-owned, unknown or mistyped fields at compile time', async () => {
    const client = clientAnswering(rejectedBody());

    const attempts = [
      // @ts-expect-error id is server-owned
      client.items.create({ name: 'Milk', id: 'x' }),
      // @ts-expect-error spreading a whole item sends server-owned fields
      client.items.replace(item, { ...item, name: 'Oat milk' }),
      // @ts-expect-error name is required
      client.items.create({ tags: ['a'] }),
      // @ts-expect-error tags are strings
      client.items.create({ name: 'Milk', tags: [1] }),
    ];

    for (const attempt of attempts) await expect(attempt).rejects.toMatchObject({ status: 400 });
  });

  it('requires a precondition to replace by id', async () => {
    const client = clientAnswering(problem('preconditionRequired'));

    // @ts-expect-error ifMatch is required with an id (the API answers 428 without one)
    const missing = client.items.replace(item.id, { name: 'Oat milk' });

    await expect(missing).rejects.toMatchObject({ status: 428 });
  });

  it('narrows raw responses by the statuses the contract declares', async () => {
    const client = clientAnswering(problem('notFound'));

    const response = await client.raw.getItem({ params: { id: item.id } });

    if (response.status === 200) assertType<Equal<typeof response.body, Item>>(true);
    if (response.status === 404) assertType<Equal<typeof response.body, Problem>>(true);
    // @ts-expect-error 409 is not a getItem status
    const conflict = response.status === 409;
    expect([response.status, conflict]).toEqual([404, false]);
  });

  it('types every answer of API Gateway, on every raw call', async () => {
    const client = clientAnswering(json(431, { message: 'Request Header Fields Too Large' }));
    type GatewayStatus = (typeof GatewayAnswers)[number]['status'];
    type Raw = typeof client.raw;
    type StatusOf<Call> = Call extends (...args: never[]) => Promise<{ status: infer S }>
      ? S
      : never;
    type Untyped = { [Name in keyof Raw]: Exclude<GatewayStatus, StatusOf<Raw[Name]>> }[keyof Raw];
    assertType<Equal<Untyped, never>>(true);

    const response = await client.raw.listItems();

    if (response.status === 431) assertType<Equal<typeof response.body, GatewayError>>(true);
    expect(response).toMatchObject({
      status: 431,
      body: { message: 'Request Header Fields Too Large' },
    });
  });

  it('checks update changes and problem names', async () => {
    const client = clientAnswering(json(200, item), rejectedBody());
    const tagsOnly = (draft: { tags: string[] }) => ({ tags: draft.tags });

    // @ts-expect-error update's change must return a full input: name is missing
    const error = await client.items.update(item.id, tagsOnly).catch((e: unknown) => e);

    expect(isItemsApiError(error) && error.is('validation')).toBe(true);
    // @ts-expect-error not a problem type of this API
    expect(isItemsApiError(error) && error.is('teapot')).toBe(false);
  });
});
