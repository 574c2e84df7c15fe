import { generateSchema } from '@anatine/zod-openapi';
import type { ReferenceObject, SchemaObject } from 'openapi3-ts';
import type { ZodTypeAny } from 'zod';
import { ItemInputSchema, ItemSchema } from '../lib/item-schemas';
import { ItemPageSchema } from '../lib/pagination';
import { FieldErrorSchema, GatewayErrorSchema, ProblemSchema } from '../lib/problem';

/** Schemas published under `components.schemas`; bodies that *are* one of them become `$ref`s. */
const named: ReadonlyArray<[name: string, schema: ZodTypeAny, side: 'input' | 'output']> = [
  ['Item', ItemSchema, 'output'],
  ['ItemInput', ItemInputSchema, 'input'],
  ['ItemPage', ItemPageSchema, 'output'],
  ['Problem', ProblemSchema, 'output'],
  ['FieldError', FieldErrorSchema, 'output'],
  ['GatewayError', GatewayErrorSchema, 'output'],
];

const nameOf = new Map(named.map(([name, schema]) => [schema, name]));

type Json = unknown;

/**
 * What generators should see. Integers get the `format` their range fits. A request schema
 * drops `default`: openapi-typescript (and others) read a default as "always present" and would
 * make the field required to send; the description says what omitting it means.
 */
function tidy(schema: Json, side: 'input' | 'output'): Json {
  if (Array.isArray(schema)) return schema.map((item) => tidy(item, side));
  if (typeof schema !== 'object' || schema === null) return schema;
  const entries = Object.entries(schema as Record<string, Json>)
    .filter(([key]) => !(side === 'input' && key === 'default'))
    .map(([key, value]) => [key, tidy(value, side)] as const);
  const result: Record<string, Json> = Object.fromEntries(entries);
  if (result['type'] === 'integer' && result['format'] === undefined) {
    const max = typeof result['maximum'] === 'number' ? result['maximum'] : Infinity;
    result['format'] = max <= 2 ** 31 - 1 ? 'int32' : 'int64';
  }
  return result;
}

const generate = (schema: ZodTypeAny, side: 'input' | 'output') =>
  tidy(generateSchema(schema, side === 'output'), side) as SchemaObject;

/** Replaces every inlined copy of another named schema with a `$ref` to it. */
function withRefs(schema: Json, own: string, library: ReadonlyMap<string, string>): Json {
  if (Array.isArray(schema)) return schema.map((item) => withRefs(item, own, library));
  if (typeof schema !== 'object' || schema === null) return schema;
  const match = library.get(JSON.stringify(schema));
  if (match && match !== own) return { $ref: `#/components/schemas/${match}` };
  return Object.fromEntries(
    Object.entries(schema as Record<string, Json>).map(([key, value]) => [
      key,
      withRefs(value, own, library),
    ]),
  );
}

export function componentSchemas(): Record<string, SchemaObject> {
  const generated = named.map(([name, schema, side]) => [name, generate(schema, side)] as const);
  const library = new Map(generated.map(([name, schema]) => [JSON.stringify(schema), name]));
  return Object.fromEntries(
    generated.map(([name, schema]) => [name, withRefs(schema, name, library) as SchemaObject]),
  );
}

/** A `$ref` for a named schema, else the schema inlined. */
export function schemaFor(
  schema: ZodTypeAny,
  side: 'input' | 'output',
): SchemaObject | ReferenceObject {
  const name = nameOf.get(schema);
  return name ? { $ref: `#/components/schemas/${name}` } : generate(schema, side);
}

/** Parameters and other schemas ts-rest generated, tidied the same way. */
export const tidySchema = <T>(schema: T, side: 'input' | 'output'): T => tidy(schema, side) as T;
