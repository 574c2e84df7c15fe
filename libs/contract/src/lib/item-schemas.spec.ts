import { ItemInputSchema, ItemLimits, ItemSchema } from './item-schemas';

const issuePaths = (input: unknown) => {
  const result = ItemInputSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.join('.'),
    keys: 'keys' in issue ? issue.keys : [],
  }));
};

describe('ItemInputSchema', () => {
  it('accepts the boundaries: a 200-char name, 20 tags of 40 chars, a 2000-char description', () => {
    const input = {
      name: 'n'.repeat(ItemLimits.nameMax),
      description: 'd'.repeat(ItemLimits.descriptionMax),
      tags: Array.from({ length: ItemLimits.tagsMax }, (_, i) =>
        `${i}`.padEnd(ItemLimits.tagMax, 't'),
      ),
    };
    expect(ItemInputSchema.parse(input)).toEqual(input);
  });

  it('stores what was sent (no trimming) and defaults tags to []', () => {
    expect(ItemInputSchema.parse({ name: 'two  words' })).toEqual({ name: 'two  words', tags: [] });
  });

  it('counts code points, as JSON Schema does: 200 emoji are a valid name, 201 are not', () => {
    expect(ItemInputSchema.safeParse({ name: '😀'.repeat(200) }).success).toBe(true);
    expect(issuePaths({ name: '😀'.repeat(201) }).map((issue) => issue.path)).toEqual(['name']);
  });

  it.each([
    ['a 201-char name', { name: 'n'.repeat(201) }, 'name'],
    ['an empty name', { name: '' }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['a padded name', { name: '  padded  ' }, 'name'],
    ['a lone surrogate', { name: '\ud800x' }, 'name'],
    ['a padded tag', { name: 'a', tags: [' x'] }, 'tags.0'],
    ['a missing name', {}, 'name'],
    ['a 2001-char description', { name: 'a', description: 'd'.repeat(2001) }, 'description'],
    ['21 tags', { name: 'a', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'tags'],
    ['a 41-char tag', { name: 'a', tags: ['t'.repeat(41)] }, 'tags.0'],
    ['an empty tag', { name: 'a', tags: [''] }, 'tags.0'],
    ['a duplicate tag', { name: 'a', tags: ['x', 'y', 'x'] }, 'tags.2'],
    [
      '21 invalid tags (the length is checked first)',
      { name: 'a', tags: Array(21).fill('') },
      'tags',
    ],
    ['a non-string name', { name: 42 }, 'name'],
  ])('rejects %s, naming the field', (_label, input, path) => {
    expect(issuePaths(input).map((issue) => issue.path)).toContain(path);
  });

  it.each(['id', 'version', 'createdAt', 'updatedAt', 'owner', 'color'])(
    'rejects the unknown or server-owned field "%s" by name',
    (field) => {
      expect(issuePaths({ name: 'a', [field]: 'x' })).toEqual([{ path: '', keys: [field] }]);
    },
  );
});

describe('ItemSchema', () => {
  it('requires a ULID id and a positive integer version', () => {
    const item = {
      id: '01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
      name: 'a',
      tags: [],
      createdAt: '2026-11-25T09:30:00.000Z',
      updatedAt: '2026-11-25T09:30:00.000Z',
      version: 1,
    };
    expect(ItemSchema.safeParse(item).success).toBe(true);
    expect(ItemSchema.safeParse({ ...item, id: 'not-a-ulid' }).success).toBe(false);
    expect(ItemSchema.safeParse({ ...item, id: '81JD8X3ZK5N2M4Q7R9T1V3W5Y7' }).success).toBe(false);
    expect(ItemSchema.safeParse({ ...item, version: 0 }).success).toBe(false);
    expect(ItemSchema.safeParse({ ...item, version: 1.5 }).success).toBe(false);
  });
});
