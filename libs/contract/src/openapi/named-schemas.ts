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

export function componentSchemas(): Record<string, SchemaObject> {
  return Object.fromEntries(
    named.map(([name, schema, side]) => [name, generateSchema(schema, side === 'output')]),
  );
}

/** A `$ref` for a named schema, else the schema inlined. */
export function schemaFor(
  schema: ZodTypeAny,
  side: 'input' | 'output',
): SchemaObject | ReferenceObject {
  const name = nameOf.get(schema);
  return name
    ? { $ref: `#/components/schemas/${name}` }
    : generateSchema(schema, side === 'output');
}
