import { ContentTypes, formatETag, type ContractRoute } from '@items-api/contract';
import fc, { type Arbitrary } from 'fast-check';
import type { AnyZodObject, ZodTypeAny } from 'zod';
import { objectOf, serverOwnedFields, shapeOf, zodOf } from './contract-routes';
import { validOf } from './zod-arbitrary';
import { invalidOf } from './zod-invalid-arbitrary';

/** Which item a request names: one of the caller's, another owner's, or a literal id. */
export type IdSlot =
  | { kind: 'own'; index: number }
  | { kind: 'other'; index: number }
  | { kind: 'literal'; value: string };

export type FuzzBody = { contentType?: string; text: string };

export type FuzzRequest = {
  /** The contract route's name (`getItem`); `routeOf` finds the route. */
  operationId: string;
  id?: IdSlot;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body?: FuzzBody;
};

/** Stands for a cursor the API issued to the caller; replaced when the request is sent. */
export const ISSUED_CURSOR = '<issued cursor>';

const headerSafe = (value: string) => /^[\x20-\x7E]*$/.test(value) && value.trim() === value;
const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** Valid and invalid values of each field, as the text a query string or header carries. */
function textRecord(schema: AnyZodObject, extras: Record<string, Arbitrary<string>> = {}) {
  const fields = Object.entries(shapeOf(schema)).map(([key, field]) => {
    const text = fc
      .oneof(validOf(field), invalidOf(field), ...(extras[key] ? [extras[key]] : []))
      .filter((v) => v !== undefined)
      .map(asText);
    return [key, text] as const;
  });
  return fc.record(Object.fromEntries(fields), {
    requiredKeys: [],
    noNullPrototype: true,
  }) as Arbitrary<Record<string, string>>;
}

/** The schema's parameters (sometimes an issued cursor), now and then with unknown ones. */
const queryArbitrary = (schema: AnyZodObject) =>
  fc
    .tuple(
      textRecord(schema, { cursor: fc.constant(ISSUED_CURSOR) }),
      fc.option(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 }), {
          maxKeys: 2,
          noNullPrototype: true,
        }),
        { freq: 4 },
      ),
    )
    .map(([known, unknown]) => ({ ...unknown, ...known }));

const etags = fc.constantFrom('*', formatETag(1), formatETag(2), `W/${formatETag(1)}`, '"1", "2"');

function bodyArbitrary(schema: ZodTypeAny, serverOwned: string[]): Arbitrary<FuzzBody | undefined> {
  const json = ContentTypes.json;
  const validJson = validOf(schema).map((v) => JSON.stringify(v));
  const invalidJson = invalidOf(schema, { extraKeys: serverOwned }).map((v) => JSON.stringify(v));
  return fc.oneof(
    { arbitrary: validJson.map((text) => ({ contentType: json, text })), weight: 5 },
    { arbitrary: invalidJson.map((text) => ({ contentType: json, text })), weight: 4 },
    fc.record({
      contentType: fc.constantFrom(
        `${json}; charset=utf-8`,
        json.toUpperCase(),
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'application/octet-stream',
      ),
      text: validJson,
    }),
    validJson.chain((text) =>
      fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => ({
        contentType: json,
        text: text.slice(0, cut),
      })),
    ),
    fc.constant(undefined),
  );
}

/** Requests for one contract route: path ids, queries, headers and bodies from its schemas. */
export function requestsFor(route: ContractRoute): Arbitrary<FuzzRequest> {
  const { pathParams, query, headers } = route.route as {
    pathParams?: unknown;
    query?: unknown;
    headers?: unknown;
  };
  const body = zodOf((route.route as { body?: unknown }).body);
  const idSchema = shapeOf(objectOf(pathParams))['id'];
  const idSlot: Arbitrary<IdSlot | undefined> = idSchema
    ? fc.oneof(
        {
          arbitrary: fc.record({ kind: fc.constant('own' as const), index: fc.nat(64) }),
          weight: 4,
        },
        fc.record({ kind: fc.constant('other' as const), index: fc.nat(64) }),
        fc.record({
          kind: fc.constant('literal' as const),
          value: validOf(idSchema) as Arbitrary<string>,
        }),
        fc.record({
          kind: fc.constant('literal' as const),
          value: invalidOf(idSchema)
            .map(asText)
            .filter((v) => v !== ''),
        }),
      )
    : fc.constant(undefined);
  const querySchema = objectOf(query);
  const headerSchema = objectOf(headers);
  const headerExtras = Object.fromEntries(
    Object.keys(shapeOf(headerSchema))
      .filter((name) => name.startsWith('if-'))
      .map((name) => [name, etags]),
  );
  return fc.record({
    operationId: fc.constant(route.operationId),
    id: idSlot,
    query: querySchema ? queryArbitrary(querySchema) : fc.constant(undefined),
    headers: headerSchema
      ? textRecord(headerSchema, headerExtras).map((h) =>
          Object.fromEntries(Object.entries(h).filter(([, v]) => headerSafe(v))),
        )
      : fc.constant({}),
    body: body ? bodyArbitrary(body, serverOwnedFields(route)) : fc.constant(undefined),
  });
}
