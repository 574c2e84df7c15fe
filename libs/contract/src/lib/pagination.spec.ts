import { ListItemsQuerySchema, PageLimits } from './pagination';

describe('ListItemsQuerySchema', () => {
  it('defaults limit to 25', () => {
    expect(ListItemsQuerySchema.parse({})).toEqual({ limit: PageLimits.default });
  });

  it.each(['1', '100', 1, 100])('accepts the boundary limit %p', (limit) => {
    expect(ListItemsQuerySchema.parse({ limit }).limit).toBe(Number(limit));
  });

  it.each(['1e1', '1.0'])('reads limit %p as a JSON number (an integer)', (limit) => {
    expect(ListItemsQuerySchema.parse({ limit }).limit).toBe(Number(limit));
  });

  it.each(['0', '101', '-1', '1.5', 'abc', '', '1e3', ' 5', '0x10', '+5'])(
    'rejects limit %p',
    (limit) => {
      const result = ListItemsQuerySchema.safeParse({ limit });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['limit']);
    },
  );

  it('ignores a parameter it does not name', () => {
    expect(ListItemsQuerySchema.parse({ limit: '5', _: '123' })).toEqual({ limit: 5 });
  });

  it('rejects an empty or over-long cursor', () => {
    expect(ListItemsQuerySchema.safeParse({ cursor: '' }).success).toBe(false);
    expect(ListItemsQuerySchema.safeParse({ cursor: `${'c'.repeat(2047)}.c` }).success).toBe(false);
    expect(ListItemsQuerySchema.safeParse({ cursor: `${'c'.repeat(2046)}.c` }).success).toBe(true);
    expect(ListItemsQuerySchema.safeParse({ cursor: 'no dot' }).success).toBe(false);
  });

  it('takes one tag with the rules of an item tag (1–40 code points, nothing trimmed)', () => {
    expect(ListItemsQuerySchema.parse({ tag: 'red' }).tag).toBe('red');
    expect(ListItemsQuerySchema.parse({ tag: '😀'.repeat(40) }).tag).toBe('😀'.repeat(40));
    for (const tag of ['', '   ', ' red ', 't'.repeat(41), '😀'.repeat(41), '\ud800x']) {
      expect(ListItemsQuerySchema.safeParse({ tag }).error?.issues[0]?.path).toEqual(['tag']);
    }
  });

  it('rejects a repeated tag (the router hands repeats over as a list)', () => {
    const result = ListItemsQuerySchema.safeParse({ tag: ['a', 'b'] });
    expect(result.error?.issues[0]?.path).toEqual(['tag']);
  });
});
