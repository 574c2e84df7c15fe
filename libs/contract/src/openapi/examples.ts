import type { Item, ItemInput } from '../lib/item-schemas';
import type { ItemPage } from '../lib/pagination';
import { ProblemTypes, type Problem } from '../lib/problem';

// Examples shown in the docs. A test parses each with its contract schema, so they cannot drift.

export const itemInputExample: ItemInput = {
  name: 'Hiking boots',
  description: 'Waterproof, size 43',
  tags: ['outdoor', 'shoes'],
};

export const itemExample: Item = {
  id: '01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
  name: 'Hiking boots',
  description: 'Waterproof, size 43',
  tags: ['outdoor', 'shoes'],
  createdAt: '2026-11-25T09:30:00.000Z',
  updatedAt: '2026-11-25T09:30:00.000Z',
  version: 1,
};

export const itemPageExample: ItemPage = {
  items: [itemExample],
  nextCursor: 'eyJrIjoiMDFKRDhYM1pLNU4yTTRRN1I5VDFWM1c1WTcifQ.c2lnbmF0dXJl',
};

export const validationProblemExample: Problem = {
  ...ProblemTypes.validation,
  detail: 'body.tags.1: duplicate tag "outdoor"; body.id: unrecognized field',
  instance: '/items',
  errors: [
    { path: 'body.tags.1', message: 'duplicate tag "outdoor"' },
    { path: 'body.id', message: 'unrecognized field' },
  ],
};
