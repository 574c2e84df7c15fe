import fc, { type Arbitrary } from 'fast-check';
import { ZodFirstPartyTypeKind as Kind, type ZodTypeAny } from 'zod';

type Check = { kind: string; value?: number; regex?: RegExp };
type Def = {
  typeName: Kind;
  checks?: Check[];
  minLength?: { value: number } | null;
  maxLength?: { value: number } | null;
  value?: unknown;
  values?: unknown[];
  unknownKeys?: string;
} & Partial<Record<'innerType' | 'schema' | 'type', ZodTypeAny>>;

const defOf = (schema: ZodTypeAny) => schema._def as Def;

/** The wrapped schema of an optional, default, effects or array schema. */
function child(def: Def, key: 'innerType' | 'schema' | 'type'): ZodTypeAny {
  const schema = def[key];
  if (!schema) throw new Error(`${def.typeName} has no ${key}`);
  return schema;
}

const shapeOf = (schema: ZodTypeAny) =>
  Object.entries(schema._def.shape() as Record<string, ZodTypeAny>);
const accepts = (schema: ZodTypeAny) => (value: unknown) => schema.safeParse(value).success;
const rejects = (schema: ZodTypeAny) => (value: unknown) => !schema.safeParse(value).success;

/** Strings a fuzzer should try: ASCII, graphemes (emoji, astral planes), any code point. */
export const anyString = (constraints: { minLength?: number; maxLength?: number } = {}) =>
  fc.oneof(
    fc.string({ ...constraints, unit: 'grapheme-ascii' }),
    fc.string({ ...constraints, unit: 'grapheme' }),
    fc.string({ ...constraints, unit: 'binary' }),
  );

const checksOf = (def: Def): Check[] => def.checks ?? [];
const checkValue = (def: Def, kind: string) => checksOf(def).find((c) => c.kind === kind)?.value;

/** Short strings mostly, and now and then one exactly at the maximum (a boundary). */
function stringOf(def: Def): Arbitrary<string> {
  const regex = checksOf(def).find((c) => c.kind === 'regex')?.regex;
  if (regex) return fc.stringMatching(regex);
  const min = checkValue(def, 'min') ?? 0;
  const max = checkValue(def, 'max') ?? min + 64;
  const short = anyString({ minLength: min, maxLength: Math.min(max, min + 24) });
  const padded = checksOf(def).some((c) => c.kind === 'trim')
    ? fc.tuple(fc.constantFrom(' ', '\t', '\n '), short).map(([pad, s]) => `${pad}${s}${pad}`)
    : short;
  const atMax = fc.string({ minLength: max, maxLength: max, unit: 'grapheme-ascii' });
  return fc.oneof({ arbitrary: short, weight: 6 }, { arbitrary: padded, weight: 2 }, atMax);
}

function numberOf(def: Def): Arbitrary<number> {
  const min = checkValue(def, 'min') ?? -1_000_000;
  const max = checkValue(def, 'max') ?? 1_000_000;
  return checksOf(def).some((c) => c.kind === 'int')
    ? fc.integer({ min, max })
    : fc.double({ min, max, noNaN: true });
}

function rawValid(schema: ZodTypeAny): Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.typeName) {
    case Kind.ZodString:
      return stringOf(def);
    case Kind.ZodNumber:
      return numberOf(def);
    case Kind.ZodBoolean:
      return fc.boolean();
    case Kind.ZodLiteral:
      return fc.constant(def.value);
    case Kind.ZodEnum:
      return fc.constantFrom(...(def.values ?? []));
    case Kind.ZodOptional:
    case Kind.ZodDefault:
      return validOf(child(def, 'innerType'));
    case Kind.ZodNullable:
      return fc.option(validOf(child(def, 'innerType')), { nil: null });
    case Kind.ZodEffects:
      return validOf(child(def, 'schema'));
    case Kind.ZodArray: {
      const min = def.minLength?.value ?? 0;
      const max = def.maxLength?.value ?? min + 8;
      const item = validOf(child(def, 'type'));
      return fc.oneof(
        {
          arbitrary: fc.array(item, { minLength: min, maxLength: Math.min(max, min + 4) }),
          weight: 4,
        },
        fc.array(item, { minLength: max, maxLength: max }),
      );
    }
    case Kind.ZodObject: {
      const fields = shapeOf(schema);
      return fc.record(Object.fromEntries(fields.map(([key, s]) => [key, validOf(s)])), {
        requiredKeys: fields.filter(([, s]) => !s.safeParse(undefined).success).map(([k]) => k),
        noNullPrototype: true,
      });
    }
    default:
      throw new Error(`no arbitrary for ${def.typeName}: extend zod-arbitrary.ts`);
  }
}

/** Values the schema accepts, derived from its definition (and checked against it). */
export function validOf(schema: ZodTypeAny): Arbitrary<unknown> {
  return rawValid(schema).filter(accepts(schema));
}

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
