export * from './lib/client-options';
export * from './lib/items-api';
export * from './lib/items-api-error';
export * from './lib/items-client';
export type { RawItemsClient } from './lib/raw-client';
export type { RetryOptions } from './lib/retry-policy';
export { toItemInput } from './lib/update-item';

// The contract's types and problem catalogue, so callers need no second import.
export {
  ProblemTypes,
  type FieldError,
  type Item,
  type ItemInput,
  type ItemPage,
  type ListItemsQuery,
  type Problem,
  type ProblemTypeName,
  type ValidItemInput,
} from '@items-api/contract';
