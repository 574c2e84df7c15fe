import { z } from 'zod';
import { boundedArray, text, TextPatterns, withJsonSchema } from './json-schema-rules';

/** Limits in Unicode code points (text) and items (arrays), for requests and responses alike. */
export const ItemLimits = {
  nameMax: 200,
  descriptionMax: 2000,
  tagsMax: 20,
  tagMax: 40,
} as const;

/** ULIDs: 26 Crockford base32 characters, time-ordered, made by the server. */
export const ItemIdSchema = z
  .string()
  .length(26)
  .regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/, 'must be a ULID (26 characters, Crockford base32)')
  .describe('Server-made ULID');

const trimmedMessage =
  'must be well-formed Unicode, not blank, without leading or trailing white space';

export const ItemNameSchema = text({
  minLength: 1,
  maxLength: ItemLimits.nameMax,
  pattern: TextPatterns.trimmed,
  patternMessage: trimmedMessage,
  description: `1–${ItemLimits.nameMax} characters (code points), stored as sent; no leading or trailing white space`,
});

export const ItemDescriptionSchema = text({
  maxLength: ItemLimits.descriptionMax,
  pattern: TextPatterns.wellFormed,
  patternMessage: 'must be well-formed Unicode (no lone surrogates)',
  description: `Up to ${ItemLimits.descriptionMax} characters (code points), stored as sent`,
});

export const TagSchema = text({
  minLength: 1,
  maxLength: ItemLimits.tagMax,
  pattern: TextPatterns.trimmed,
  patternMessage: trimmedMessage,
});

const tagsDescription = `Up to ${ItemLimits.tagsMax} unique tags of 1–${ItemLimits.tagMax} characters (code points); compared exactly (case and white space count)`;

export const TagsSchema = boundedArray(TagSchema, {
  maxItems: ItemLimits.tagsMax,
  uniqueItems: true,
  description: tagsDescription,
});

/**
 * What a client may send to create or replace an item. Strict: an unknown or server-owned
 * field (`id`, `version`, …) is rejected by name rather than silently dropped. Nothing is
 * rewritten: what is stored is what was sent.
 */
export const ItemInputSchema = z
  .object({
    name: ItemNameSchema,
    description: ItemDescriptionSchema.optional(),
    tags: withJsonSchema(TagsSchema.default([]), {
      description: `${tagsDescription}. Omitted: no tags`,
    }),
  })
  .strict();

const Timestamp = z.string().max(32).datetime().describe('ISO 8601 UTC');

/** An item as the API returns it: the input's fields with the same limits, and server fields. */
export const ItemSchema = z.object({
  id: ItemIdSchema,
  name: ItemNameSchema,
  description: ItemDescriptionSchema.optional(),
  tags: TagsSchema,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .describe('Incremented on every write; the ETag names it'),
});

export type ItemInput = z.input<typeof ItemInputSchema>;
export type ValidItemInput = z.output<typeof ItemInputSchema>;
export type Item = z.infer<typeof ItemSchema>;
