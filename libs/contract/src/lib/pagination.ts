import { z } from 'zod';
import { text } from './json-schema-rules';
import { ItemSchema, TagSchema } from './item-schemas';

export const PageLimits = { min: 1, max: 100, default: 25, cursorMax: 2048 } as const;

/** A JSON number (RFC 8259 §6): how a validator reads a query value its schema types as integer. */
const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

const PageSizeSchema = z.preprocess(
  (value) => (typeof value === 'string' && jsonNumber.test(value) ? Number(value) : value),
  z
    .number({ invalid_type_error: 'must be an integer' })
    .int()
    .min(PageLimits.min)
    .max(PageLimits.max),
) as unknown as z.ZodType<number, z.ZodTypeDef, number>;

/** What a cursor looks like, sent (`cursor`) or received (`nextCursor`): two base64url parts. */
const cursorRule = {
  minLength: 1,
  maxLength: PageLimits.cursorMax,
  pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
} as const;

export const CursorSchema = text({
  ...cursorRule,
  patternMessage: 'must be a `nextCursor` this API issued',
  description: 'Opaque `nextCursor` from the previous page of the same query (same `tag`)',
});

/**
 * The list query. Parameters it does not name are ignored (a cache buster such as `_=123` is
 * harmless); the ones it names must be valid.
 */
export const ListItemsQuerySchema = z.object({
  limit: PageSizeSchema.default(PageLimits.default).describe(
    `Page size, ${PageLimits.min}–${PageLimits.max}`,
  ),
  cursor: CursorSchema.optional(),
  tag: TagSchema.optional().describe(
    'Only items carrying this tag, newest first. One tag: a repeated `tag` is a 400',
  ),
});

export const ItemPageSchema = z.object({
  items: z.array(ItemSchema).max(PageLimits.max),
  nextCursor: text({
    ...cursorRule,
    patternMessage: 'must be a cursor',
    description: 'Present when more items follow: pass it as `cursor` for the next page',
  }).optional(),
});

export type ListItemsQuery = z.input<typeof ListItemsQuerySchema>;
export type ItemPage = z.infer<typeof ItemPageSchema>;
