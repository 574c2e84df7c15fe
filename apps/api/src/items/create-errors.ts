import { IdempotencyInFlightError } from '../errors';
import { IdempotencyRecordExistsError } from './item-repository';

type CancellationReason = { Code?: string };
type TransactionCanceled = Error & { CancellationReasons?: CancellationReason[] };

/**
 * The create transaction failed. Reasons are positional: [0] the item put, [1] the idempotency
 * record put when there is one, then the tag-index puts (unconditional, so never a failed check
 * at [1] when no key was sent). A taken key → the caller replays or rejects it; a concurrent transaction on the
 * same key (still in flight) → 409.
 */
export function translateCreateError(error: unknown): never {
  if (error instanceof Error && error.name === 'TransactionCanceledException') {
    const reasons = (error as TransactionCanceled).CancellationReasons ?? [];
    if (reasons[1]?.Code === 'ConditionalCheckFailed') throw new IdempotencyRecordExistsError();
    if (reasons.some((r) => r.Code === 'TransactionConflict'))
      throw new IdempotencyInFlightError({ cause: error });
  }
  if (error instanceof Error && error.name === 'TransactionConflictException') {
    throw new IdempotencyInFlightError({ cause: error });
  }
  throw error;
}
