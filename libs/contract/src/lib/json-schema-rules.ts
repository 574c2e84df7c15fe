import { z, type ZodType, type ZodTypeAny, type ZodTypeDef } from 'zod';

/**
 * Rules written once and read twice: each builds the zod check the server runs *and* the JSON
 * Schema the OpenAPI document publishes, so a JSON Schema validator reading the document accepts
 * exactly what the server accepts. JSON Schema counts `minLength`/`maxLength` in Unicode code
 * points (JSON Schema Validation 2020-12 §6.3.1), so these do too; zod's own `.max()` counts
 * UTF-16 code units and is not used for text.
 */
export type JsonSchema = Record<string, unknown>;

/** The property `@ts-rest/open-api` (through `@anatine/zod-openapi`) reads extra schema fields from. */
export function withJsonSchema<T extends ZodTypeAny>(schema: T, jsonSchema: JsonSchema): T {
  const target = schema as T & { metaOpenApi?: JsonSchema };
  target.metaOpenApi = { ...target.metaOpenApi, ...jsonSchema };
  return schema;
}

/** The JSON Schema a rule published (for the fuzzer and for nesting), if any. */
export const jsonSchemaOf = (schema: ZodTypeAny): JsonSchema | undefined =>
  (schema as { metaOpenApi?: JsonSchema }).metaOpenApi;

// One well-formed code point, spelled so that a regex engine with or without Unicode mode agrees:
// a non-surrogate, or a high surrogate followed by a low one. A lone surrogate matches neither.
const codePoint = '(?:[^\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])';
const visibleCodePoint = '(?:[^\\s\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])';

export const TextPatterns = {
  /** Any well-formed Unicode text (no lone surrogates). */
  wellFormed: `^${codePoint}*$`,
  /** Well-formed, not empty, and neither starting nor ending with white space. */
  trimmed: `^${visibleCodePoint}(?:${codePoint}*${visibleCodePoint})?$`,
} as const;

// In Unicode mode a surrogate pair is one code point, so `\p{Cs}` matches only lone surrogates.
const loneSurrogate = /\p{Cs}/u;
const loneSurrogates = /\p{Cs}/gu;

/** True when the string is well-formed UTF-16 (no lone surrogates), as JSON text should be. */
export const isWellFormed = (value: string) => !loneSurrogate.test(value);

/** The string with each lone surrogate replaced by U+FFFD. */
export const toWellFormed = (value: string) => value.replace(loneSurrogates, '\uFFFD');

/** Code points in a string, as JSON Schema counts them (a lone surrogate counts as one). */
export function codePointLength(value: string): number {
  let length = 0;
  for (const _ of value) length += 1;
  return length;
}

export type TextRule = {
  minLength?: number;
  maxLength: number;
  /** An ECMA-262 regular expression, the dialect JSON Schema's `pattern` uses. */
  pattern: string;
  /** Says what the pattern requires, in the error message. */
  patternMessage: string;
  description?: string;
};

/** A string of bounded code-point length that matches `pattern`, checked in that order. */
export function text(rule: TextRule) {
  const regex = new RegExp(rule.pattern, 'u');
  const { minLength = 0, maxLength, description } = rule;
  // Described first: `.describe()` makes a copy, which would drop the JSON Schema attached below.
  const base = description ? z.string().describe(description) : z.string();
  const schema = base.superRefine((value, ctx) => {
    const length = codePointLength(value);
    if (length < minLength) {
      ctx.addIssue({
        code: z.ZodIssueCode.too_small,
        type: 'string',
        minimum: minLength,
        inclusive: true,
        message: `must be at least ${minLength} character${minLength === 1 ? '' : 's'}`,
      });
    } else if (length > maxLength) {
      ctx.addIssue({
        code: z.ZodIssueCode.too_big,
        type: 'string',
        maximum: maxLength,
        inclusive: true,
        message: `must be at most ${maxLength} characters (Unicode code points)`,
      });
    } else if (!regex.test(value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: rule.patternMessage });
    }
  });
  return withJsonSchema(schema, {
    ...(description ? { description } : {}),
    type: 'string',
    ...(minLength > 0 ? { minLength } : {}),
    maxLength,
    pattern: rule.pattern,
  });
}

export type ArrayRule = { maxItems: number; uniqueItems?: boolean; description?: string };

/**
 * An array whose length is checked before its elements: an over-long array is one complaint,
 * not one per element. `uniqueItems` compares elements as JSON Schema does (deep equality; for
 * strings, exact equality).
 */
export function boundedArray<T extends ZodTypeAny>(
  element: T,
  rule: ArrayRule,
): ZodType<z.output<T>[], ZodTypeDef, z.input<T>[]> {
  const elementSchema = jsonSchemaOf(element);
  const check = z.any().superRefine((value, ctx) => {
    if (!Array.isArray(value)) {
      ctx.addIssue({
        code: z.ZodIssueCode.invalid_type,
        expected: 'array',
        received: value === null ? 'null' : typeof value === 'undefined' ? 'undefined' : 'object',
        message: value === undefined ? 'Required' : 'Expected array',
      });
      return;
    }
    if (value.length > rule.maxItems) {
      ctx.addIssue({
        code: z.ZodIssueCode.too_big,
        type: 'array',
        maximum: rule.maxItems,
        inclusive: true,
        message: `must have at most ${rule.maxItems} items`,
      });
      return;
    }
    const seen = new Map<string, number>();
    value.forEach((item: unknown, index) => {
      const result = element.safeParse(item);
      if (!result.success) {
        for (const issue of result.error.issues)
          ctx.addIssue({ ...issue, path: [index, ...issue.path] });
        return;
      }
      if (!rule.uniqueItems) return;
      const key = JSON.stringify(item);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index],
          message: `duplicate value ${key}, already at item ${first}`,
        });
      } else seen.set(key, index);
    });
  });
  // A pipeline, because the OpenAPI generator takes such a schema's JSON Schema only from what
  // is attached to it (it would otherwise describe the untyped `z.any()` inside).
  const schema = z.any().pipe(check) as unknown as ZodType<z.output<T>[], ZodTypeDef, z.input<T>[]>;
  return withJsonSchema(schema, {
    ...(rule.description ? { description: rule.description } : {}),
    type: 'array',
    ...(elementSchema ? { items: elementSchema } : {}),
    maxItems: rule.maxItems,
    ...(rule.uniqueItems ? { uniqueItems: true } : {}),
  });
}
