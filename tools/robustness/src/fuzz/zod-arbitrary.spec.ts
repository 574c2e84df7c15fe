import {
  ItemIdSchema,
  ItemInputSchema,
  ItemLimits,
  ListItemsQuerySchema,
} from '@items-api/contract';
import fc from 'fast-check';
import { validOf } from './zod-arbitrary';
import { invalidOf } from './zod-invalid-arbitrary';

const sample = <T>(arbitrary: fc.Arbitrary<T>) => fc.sample(arbitrary, { numRuns: 400, seed: 42 });

describe('arbitraries derived from zod schemas', () => {
  it('generates item inputs the schema accepts, some at the maximum name length in code points', () => {
    const inputs = sample(validOf(ItemInputSchema)) as { name: string }[];
    expect(inputs.every((input) => ItemInputSchema.safeParse(input).success)).toBe(true);
    expect(inputs.some((input) => [...input.name].length === ItemLimits.nameMax)).toBe(true);
    expect(inputs.some((input) => input.name.length > ItemLimits.nameMax)).toBe(true);
  });

  it('generates names and tags the rules refuse: too long, lone surrogates, padded, duplicates', () => {
    const inputs = sample(invalidOf(ItemInputSchema)).filter(
      (i): i is { name?: unknown; tags?: unknown } => typeof i === 'object' && i !== null,
    );
    const names = inputs.map((i) => i.name).filter((n): n is string => typeof n === 'string');
    expect(names.some((n) => [...n].length === ItemLimits.nameMax + 1)).toBe(true);
    expect(names.some((n) => /\p{Cs}/u.test(n))).toBe(true);
    expect(names.some((n) => n !== '' && n.trim() !== n)).toBe(true);
    const tags = inputs.map((i) => i.tags).filter(Array.isArray);
    expect(tags.some((t) => new Set(t).size < t.length)).toBe(true);
  });

  it('generates item inputs the schema rejects, with unknown, missing and server-owned fields', () => {
    const inputs = sample(invalidOf(ItemInputSchema, { extraKeys: ['version'] }));
    expect(inputs.every((input) => !ItemInputSchema.safeParse(input).success)).toBe(true);
    const objects = inputs.filter(
      (i): i is Record<string, unknown> => typeof i === 'object' && i !== null && !Array.isArray(i),
    );
    expect(objects.some((input) => 'version' in input)).toBe(true);
    expect(objects.some((input) => !('name' in input))).toBe(true);
  });

  it('generates ids matching and breaking the ULID pattern', () => {
    expect(sample(validOf(ItemIdSchema)).every((id) => ItemIdSchema.safeParse(id).success)).toBe(
      true,
    );
    expect(sample(invalidOf(ItemIdSchema)).every((id) => !ItemIdSchema.safeParse(id).success)).toBe(
      true,
    );
  });

  it('generates list queries inside and outside the page limits', () => {
    const valid = sample(validOf(ListItemsQuerySchema)) as { limit?: number }[];
    expect(valid.every((query) => ListItemsQuerySchema.safeParse(query).success)).toBe(true);
    const invalid = sample(invalidOf(ListItemsQuerySchema));
    expect(invalid.every((query) => !ListItemsQuerySchema.safeParse(query).success)).toBe(true);
  });
});
