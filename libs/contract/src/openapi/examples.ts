import type { Item, ItemInput } from '../lib/item-schemas';
import type { ItemPage } from '../lib/pagination';
import { ProblemTypes, type Problem, type ProblemTypeName } from '../lib/problem';

// Examples shown in the docs. A test validates each against the committed document's schemas.

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
  nextCursor: 'MDFKRDhYM1pLNU4yTTRRN1I5VDFWM1c1WTc.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU',
};

const validationProblemExample: Problem = {
  ...ProblemTypes.validation,
  detail:
    '2 problems: body.tags.1: duplicate value "milk", already at item 0; body.id: unrecognized field',
  instance: '/items',
  errors: [
    { path: 'body.tags.1', message: 'duplicate value "milk", already at item 0' },
    { path: 'body.id', message: 'unrecognized field' },
  ],
};

const details: Record<ProblemTypeName, string> = {
  malformedJson: 'The body is not valid JSON: Unexpected end of JSON input',
  validation: validationProblemExample.detail ?? '',
  invalidCursor: 'The cursor is not one this API issued to you; start again without it',
  unauthorized: 'The token carries no usable subject',
  notFound: 'No item with this id',
  methodNotAllowed: 'PATCH is not allowed on /items',
  idempotencyInFlight: 'A request with this Idempotency-Key is being processed; retry shortly',
  preconditionFailed: 'If-Match does not name the current version; read the item again',
  payloadTooLarge: 'Bodies are limited to 65536 bytes',
  unsupportedMediaType: 'Send the body as application/json',
  idempotencyKeyReused: 'This Idempotency-Key was already used with a different body',
  preconditionRequired: 'Send the ETag you last read as If-Match',
  internal: 'An unexpected error occurred; it has been logged',
  unavailable: 'The data store is busy or unreachable; retry after the given delay',
};

/** A problem of the given type as the function sends it. */
export function problemExample(name: ProblemTypeName): Problem {
  if (name === 'validation') return validationProblemExample;
  return { ...ProblemTypes[name], detail: details[name], instance: '/items' };
}
