import fc, { type Arbitrary } from 'fast-check';
import { ZodFirstPartyTypeKind as Kind, type ZodTypeAny } from 'zod';
import { invalidArray, invalidText, ruleOf } from './json-schema-arbitrary';
import { anyString, validOf } from './zod-arbitrary';
import { checkValue, child, defOf, rejects, shapeOf } from './zod-def';

const wrongType = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.boolean(),
  anyString({ maxLength: 8 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2, noNullPrototype: true }),
);

export type InvalidOptions = {
  /** Keys to try as unknown object fields besides random ones (e.g. server-owned fields). */
  extraKeys?: readonly string[];
};

function rawInvalid(schema: ZodTypeAny, options: InvalidOptions): Arbitrary<unknown> {
  const rule = ruleOf(schema);
  if (rule) {
    return fc.oneof(wrongType, rule.type === 'string' ? invalidText(rule) : invalidArray(rule));
  }
  const def = defOf(schema);
  switch (def.typeName) {
    case Kind.ZodString: {
      const min = checkValue(def, 'min') ?? 0;
      const max = checkValue(def, 'max');
      return fc.oneof(
        wrongType,
        fc.constantFrom('', ' ', '\t \n'),
        ...(max === undefined
          ? []
          : [fc.string({ minLength: max + 1, maxLength: max + 16, unit: 'grapheme-ascii' })]),
        anyString({ minLength: min, maxLength: min + 32 }),
      );
    }
    case Kind.ZodNumber: {
      const min = checkValue(def, 'min');
      const max = checkValue(def, 'max');
      return fc.oneof(
        wrongType,
        fc.double({ noInteger: true, noNaN: true }),
        ...(min === undefined ? [] : [fc.integer({ min: min - 1_000, max: min - 1 })]),
        ...(max === undefined ? [] : [fc.integer({ min: max + 1, max: max + 1_000 })]),
      );
    }
    case Kind.ZodOptional:
    case Kind.ZodDefault:
    case Kind.ZodNullable:
      return invalidOf(child(def, 'innerType'), options);
    case Kind.ZodEffects:
      // Refinements (unique tags, …): also try valid inner values with a repeated element.
      return fc.oneof(
        invalidOf(child(def, 'schema'), options),
        validOf(child(def, 'schema')).map((v) => (Array.isArray(v) && v.length ? [...v, v[0]] : v)),
      );
    case Kind.ZodArray: {
      const max = def.maxLength?.value;
      const item = validOf(child(def, 'type'));
      return fc.oneof(
        wrongType,
        fc
          .tuple(fc.array(item, { maxLength: 3 }), invalidOf(child(def, 'type'), options))
          .map(([items, bad]) => [...items, bad]),
        ...(max === undefined ? [] : [fc.array(item, { minLength: max + 1, maxLength: max + 3 })]),
      );
    }
    case Kind.ZodObject:
      return invalidObject(schema, options);
    default:
      return wrongType;
  }
}

function invalidObject(schema: ZodTypeAny, options: InvalidOptions): Arbitrary<unknown> {
  const fields = shapeOf(schema);
  const keys = fields.map(([key]) => key);
  const valid = validOf(schema) as Arbitrary<Record<string, unknown>>;
  const unknownKey = fc.oneof(
    fc.constantFrom(...(options.extraKeys?.length ? options.extraKeys : ['__unknown'])),
    fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !keys.includes(k)),
  );
  const branches: Arbitrary<unknown>[] = [
    wrongType,
    fc
      .tuple(valid, fc.constantFrom(...keys))
      .map(([v, key]) => Object.fromEntries(Object.entries(v).filter(([k]) => k !== key))),
    ...fields.map(([key, field]) =>
      fc.tuple(valid, invalidOf(field, options)).map(([v, bad]) => ({ ...v, [key]: bad })),
    ),
  ];
  if (defOf(schema).unknownKeys === 'strict') {
    branches.push(
      fc
        .tuple(valid, unknownKey, fc.jsonValue())
        .map(([v, key, value]) => ({ ...v, [key]: value })),
    );
  }
  return fc.oneof(...branches);
}

/** Values the schema rejects: wrong types, out-of-range sizes, missing and unknown fields. */
export function invalidOf(schema: ZodTypeAny, options: InvalidOptions = {}): Arbitrary<unknown> {
  return rawInvalid(schema, options).filter(rejects(schema));
}
