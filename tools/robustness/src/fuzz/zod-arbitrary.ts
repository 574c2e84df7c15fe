import fc, { type Arbitrary } from 'fast-check';
import { ZodFirstPartyTypeKind as Kind, type ZodTypeAny } from 'zod';
import { ruleOf, validArray, validText } from './json-schema-arbitrary';
import { accepts, checksOf, checkValue, child, defOf, shapeOf, type Def } from './zod-def';

/** Strings a fuzzer should try: ASCII, graphemes (emoji, astral planes), any code point. */
export const anyString = (constraints: { minLength?: number; maxLength?: number } = {}) =>
  fc.oneof(
    fc.string({ ...constraints, unit: 'grapheme-ascii' }),
    fc.string({ ...constraints, unit: 'grapheme' }),
    fc.string({ ...constraints, unit: 'binary' }),
  );

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
  const rule = ruleOf(schema);
  if (rule) return rule.type === 'string' ? validText(rule) : validArray(rule);
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
