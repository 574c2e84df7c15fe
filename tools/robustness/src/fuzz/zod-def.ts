// The parts of a zod (v3) schema definition the arbitraries read.
import { type ZodFirstPartyTypeKind as Kind, type ZodTypeAny } from 'zod';

export type Check = { kind: string; value?: number; regex?: RegExp };
export type Def = {
  typeName: Kind;
  checks?: Check[];
  minLength?: { value: number } | null;
  maxLength?: { value: number } | null;
  value?: unknown;
  values?: unknown[];
  unknownKeys?: string;
} & Partial<Record<'innerType' | 'schema' | 'type', ZodTypeAny>>;

export const defOf = (schema: ZodTypeAny) => schema._def as Def;

/** The wrapped schema of an optional, default, effects or array schema. */
export function child(def: Def, key: 'innerType' | 'schema' | 'type'): ZodTypeAny {
  const schema = def[key];
  if (!schema) throw new Error(`${def.typeName} has no ${key}`);
  return schema;
}

export const shapeOf = (schema: ZodTypeAny) =>
  Object.entries(schema._def.shape() as Record<string, ZodTypeAny>);
export const accepts = (schema: ZodTypeAny) => (value: unknown) => schema.safeParse(value).success;
export const rejects = (schema: ZodTypeAny) => (value: unknown) => !schema.safeParse(value).success;

export const checksOf = (def: Def): Check[] => def.checks ?? [];
export const checkValue = (def: Def, kind: string) =>
  checksOf(def).find((c) => c.kind === kind)?.value;
