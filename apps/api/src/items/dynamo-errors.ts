// What a failed DynamoDB call means, decided once: for the repository, the tag-index backfill and
// the function's metrics. Error names and codes: "Error handling with DynamoDB" (DynamoDB
// developer guide) and the TransactWriteItems API reference (CancellationReasons).

/** The request rate was over the table's or the account's capacity. */
const throttlingNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

/** Whether an error (or one attempt's) is DynamoDB throttling the request. */
export const isThrottlingError = (name: string | undefined) =>
  name !== undefined && throttlingNames.has(name);

// Throttling, capacity and server-side failures that remain after the SDK's own retries.
const unavailableNames = new Set([
  ...throttlingNames,
  'LimitExceededException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
]);

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

type SdkError = Error & {
  $metadata?: { httpStatusCode?: number };
  code?: string;
  /** ConditionalCheckFailedException: the item there, when the write asked for it. */
  Item?: Record<string, unknown>;
  /** TransactionCanceledException: one reason per action, in the transaction's order. */
  CancellationReasons?: { Code?: string }[];
};

export type DynamoFailure =
  /** Busy or unreachable after the SDK's own retries: ask again later. */
  | { kind: 'unavailable' }
  /** A single write's condition was false; `item`: the stored item (marshalled), when asked for. */
  | { kind: 'conditionFailed'; item?: Record<string, unknown> }
  /** A transaction was cancelled; `reasons[i]` is the code of its i-th action (`None` if it was fine). */
  | { kind: 'cancelled'; reasons: string[] }
  /** A single write met a transaction in progress on the same item. */
  | { kind: 'conflict' }
  | { kind: 'other' };

export function classifyDynamoError(error: unknown): DynamoFailure {
  if (!(error instanceof Error)) return { kind: 'other' };
  const e = error as SdkError;
  if (
    unavailableNames.has(e.name) ||
    (e.code !== undefined && networkCodes.has(e.code)) ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500
  ) {
    return { kind: 'unavailable' };
  }
  switch (e.name) {
    case 'ConditionalCheckFailedException':
      return { kind: 'conditionFailed', ...(e.Item ? { item: e.Item } : {}) };
    case 'TransactionCanceledException':
      return {
        kind: 'cancelled',
        reasons: (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None'),
      };
    case 'TransactionConflictException':
      return { kind: 'conflict' };
    default:
      return { kind: 'other' };
  }
}

/**
 * A conditioned write lost to another write: its condition failed, or a concurrent transaction
 * held one of its items (TransactionConflict).
 */
export function lostRace(failure: DynamoFailure): boolean {
  switch (failure.kind) {
    case 'conditionFailed':
    case 'conflict':
      return true;
    case 'cancelled':
      return failure.reasons.some(
        (code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict',
      );
    default:
      return false;
  }
}
