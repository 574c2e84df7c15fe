import { z } from 'zod';
import { ItemSchema, TagSchema } from './item-schemas';

export const PageLimits = { min: 1, max: 100, default: 25, cursorMax: 2048 } as const;

export const ListItemsQuerySchema = z
  .object({
    limit: z.coerce
      .number()
      .int()
      .min(PageLimits.min)
      .max(PageLimits.max)
      .default(PageLimits.default)
      .describe(`Page size, ${PageLimits.min}–${PageLimits.max}`),
    cursor: z
      .string()
      .min(1)
      .max(PageLimits.cursorMax)
      .optional()
      .describe('Opaque `nextCursor` from the previous page of the same query (same `tag`)'),
    tag: TagSchema.optional().describe(
      'Only items carrying this tag, newest first. One tag: a repeated `tag` is a 400',
    ),
  })
  .strict();

export const ItemPageSchema = z.object({
  items: z.array(ItemSchema),
  nextCursor: z.string().optional().describe('Present when more items follow'),
});

export type ListItemsQuery = z.input<typeof ListItemsQuerySchema>;
export type ItemPage = z.infer<typeof ItemPageSchema>;
