import type { Item } from '@items-api/contract';

/** A typical item (name, description, two tags): what every benchmark stores and reads. */
export function sampleItem(id: string, createdAt: Date = new Date(), n = 0): Item {
  const at = createdAt.toISOString();
  return {
    id,
    name: `Trail boots ${n}`,
    description: 'Waterproof leather, size 44, resoled once',
    tags: ['outdoor', 'shoes'],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}
