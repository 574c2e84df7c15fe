import { ListItemsQuerySchema, PageLimits } from './pagination';

describe('ListItemsQuerySchema', () => {
  it('defaults limit to 25', () => {
    expect(ListItemsQuerySchema.parse({})).toEqual({ limit: PageLimits.default });
  });

  it.each(['1', '100', 1, 100])('accepts the boundary limit %p', (limit) => {
    expect(ListItemsQuerySchema.parse({ limit }).limit).toBe(Number(limit));
  });

  it.each(['0', '101', '-1', '1.5', 'abc', '', '1e3'])('rejects limit %p', (limit) => {
    const result = ListItemsQuerySchema.safeParse({ limit });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['limit']);
  });

  it('rejects an unknown query parameter by name', () => {
    const result = ListItemsQuerySchema.safeParse({ limit: '5', offset: '10' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ keys: ['offset'] })]);
  });

  it('rejects an empty or over-long cursor', () => {
    expect(ListItemsQuerySchema.safeParse({ cursor: '' }).success).toBe(false);
    expect(ListItemsQuerySchema.safeParse({ cursor: 'c'.repeat(2049) }).success).toBe(false);
    expect(ListItemsQuerySchema.safeParse({ cursor: 'c'.repeat(2048) }).success).toBe(true);
  });

  it('takes one tag with the rules of an item tag (trimmed, 1–40 characters)', () => {
    expect(ListItemsQuerySchema.parse({ tag: ' red ' }).tag).toBe('red');
    for (const tag of ['', '   ', 't'.repeat(41)]) {
      expect(ListItemsQuerySchema.safeParse({ tag }).error?.issues[0]?.path).toEqual(['tag']);
    }
  });

  it('rejects a repeated tag (the router hands repeats over as a list)', () => {
    const result = ListItemsQuerySchema.safeParse({ tag: ['a', 'b'] });
    expect(result.error?.issues[0]?.path).toEqual(['tag']);
  });
});
