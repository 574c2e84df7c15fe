import { z } from 'zod';

export const ItemLimits = {
  nameMax: 200,
  descriptionMax: 2000,
  tagsMax: 20,
  tagMax: 40,
} as const;

/** ULIDs: 26 Crockford base32 characters, time-ordered, made by the server. */
export const ItemIdSchema = z
  .string()
  .regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/, 'must be a ULID (26 characters, Crockford base32)')
  .describe('Server-made ULID');

export const ItemNameSchema = z.string().trim().min(1).max(ItemLimits.nameMax);
export const ItemDescriptionSchema = z.string().max(ItemLimits.descriptionMax);
export const TagSchema = z.string().trim().min(1).max(ItemLimits.tagMax);

export const TagsSchema = z
  .array(TagSchema)
  .max(ItemLimits.tagsMax)
  .superRefine((tags, ctx) => {
    const seen = new Set<string>();
    tags.forEach((tag, index) => {
      if (seen.has(tag)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index],
          message: `duplicate tag "${tag}"`,
        });
      }
      seen.add(tag);
    });
  })
  .describe(`Up to ${ItemLimits.tagsMax} unique tags`);

/**
 * What a client may send to create or replace an item. Strict: an unknown or server-owned
 * field (`id`, `version`, …) is rejected by name rather than silently dropped.
 */
export const ItemInputSchema = z
  .object({
    name: ItemNameSchema,
    description: ItemDescriptionSchema.optional(),
    tags: TagsSchema.default([]),
  })
  .strict();

const Timestamp = z.string().datetime().describe('ISO 8601 UTC');

export const ItemSchema = z.object({
  id: ItemIdSchema,
  name: z.string(),
  description: z.string().optional(),
  tags: z.array(z.string()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: z.number().int().min(1).describe('Incremented on every write; the ETag names it'),
});

export type ItemInput = z.input<typeof ItemInputSchema>;
export type ValidItemInput = z.output<typeof ItemInputSchema>;
export type Item = z.infer<typeof ItemSchema>;
