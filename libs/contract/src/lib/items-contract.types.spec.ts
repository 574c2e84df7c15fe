import type { ClientInferRequest, ClientInferResponses, ServerInferResponses } from '@ts-rest/core';
import { docsContract } from './docs-contract';
import { GatewayAnswers } from './gateway-answers';
import { itemsContract, type ItemsContract } from './items-contract';
import type { Item } from './item-schemas';
import { ProblemSchema, ProblemTypes, type GatewayError, type Problem } from './problem';
import { problemsOnEveryRoute } from './route-answers';
import type { RouteMetadata } from './route-metadata';

// Type-level tests: `tsc` (the typecheck target) fails if the contract's types drift; each
// runtime half checks that the contract's schemas refuse what its types refuse.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(value: T) => value;

describe('contract types', () => {
  it('types the create body from the input schema, without server-owned fields', () => {
    type CreateBody = ClientInferRequest<ItemsContract['createItem']>['body'];
    assertType<Equal<CreateBody, { name: string; description?: string; tags?: string[] }>>(true);
    // @ts-expect-error id is server-owned
    const withId: CreateBody = { name: 'a', id: 'x' };
    expect(itemsContract.createItem.body.safeParse(withId).success).toBe(false);
    expect(itemsContract.createItem.body.safeParse({ name: 'a' }).success).toBe(true);
  });

  it('allows only the statuses the contract declares', () => {
    type GetStatus = ClientInferResponses<ItemsContract['getItem']>['status'];
    assertType<Equal<GetStatus, 200 | 304 | 400 | 401 | 403 | 404 | 413 | 429 | 431 | 500 | 503>>(
      true,
    );
    type ServerReplace = ServerInferResponses<ItemsContract['replaceItem']>;
    const ok: ServerReplace = { status: 412, body: ProblemTypes.preconditionFailed };
    // @ts-expect-error 409 is not a replaceItem status
    const wrong: ServerReplace = { status: 409, body: ProblemTypes.idempotencyInFlight };
    expect(Object.keys(itemsContract.replaceItem.responses)).toContain(String(ok.status));
    expect(Object.keys(itemsContract.replaceItem.responses)).not.toContain(String(wrong.status));
  });

  it('types every answer of API Gateway on every items route, with its body shape', () => {
    type GatewayStatus = (typeof GatewayAnswers)[number]['status'];
    type Untyped = {
      [Name in keyof ItemsContract]: Exclude<
        GatewayStatus,
        ClientInferResponses<ItemsContract[Name]>['status']
      >;
    }[keyof ItemsContract];
    assertType<Equal<Untyped, never>>(true);
    type Throttled = Extract<ClientInferResponses<ItemsContract['getItem']>, { status: 429 }>;
    assertType<Equal<Throttled['body'], GatewayError>>(true);
    // The function answers 401 too (a token without a usable `sub`): either shape.
    type Unauthorized = Extract<ClientInferResponses<ItemsContract['getItem']>, { status: 401 }>;
    assertType<Equal<Unauthorized['body'], Problem | GatewayError>>(true);
    for (const route of [...Object.values(itemsContract), ...Object.values(docsContract)]) {
      const statuses = Object.keys(route.responses).map(Number);
      const onRoute = GatewayAnswers.filter(
        (answer) => answer.routes === 'all' || (route.metadata as RouteMetadata).auth === 'jwt',
      );
      expect([route.path, onRoute.filter((a) => !statuses.includes(a.status))]).toEqual([
        route.path,
        [],
      ]);
    }
    for (const route of Object.values(itemsContract)) {
      const statuses = Object.keys(route.responses).map(Number);
      for (const name of problemsOnEveryRoute) {
        expect(statuses).toContain(ProblemTypes[name].status);
      }
    }
  });

  it('gives 2xx bodies the Item type and errors the Problem type', () => {
    type Ok = Extract<ClientInferResponses<ItemsContract['getItem']>, { status: 200 }>['body'];
    type NotFound = Extract<
      ClientInferResponses<ItemsContract['getItem']>,
      { status: 404 }
    >['body'];
    assertType<Equal<Ok, Item>>(true);
    assertType<Equal<NotFound, Problem>>(true);
    // @ts-expect-error a problem's type is one of the catalogue
    const unknownType: Problem = { type: 'urn:other', title: 't', status: 400 };
    expect(ProblemSchema.safeParse(unknownType).success).toBe(false);
    expect(ProblemSchema.safeParse(ProblemTypes.notFound).success).toBe(true);
  });
});
