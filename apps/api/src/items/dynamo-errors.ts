import { DependencyUnavailableError } from '../errors';

// Throttling, capacity and server-side failures that remain after the SDK's own retries.
const unavailableNames = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
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
  $retryable?: unknown;
};

/** True when DynamoDB was busy or unreachable: the client should retry later (503). */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as SdkError;
  return (
    unavailableNames.has(e.name) ||
    (e.code !== undefined && networkCodes.has(e.code)) ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500
  );
}

/** Runs a DynamoDB call, turning unavailability into DependencyUnavailableError. */
export async function callDynamo<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw isUnavailable(error) ? new DependencyUnavailableError({ cause: error }) : error;
  }
}
