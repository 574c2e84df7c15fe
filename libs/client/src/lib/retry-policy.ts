import { Headers as HeaderNames } from '@items-api/contract';

/** How the client retries failed calls. Only idempotent calls are ever retried. */
export type RetryOptions = {
  /**
   * Attempts in total, the first included; `1` turns retries off.
   * @defaultValue 3
   */
  readonly maxAttempts?: number;
  /**
   * Backoff cap for the first retry; doubles per retry (full jitter: a random wait up to it).
   * @defaultValue 200
   */
  readonly baseDelayMs?: number;
  /**
   * Longest the client waits before a retry. A `Retry-After` asking for more is not
   * second-guessed: the call fails at once with the error, whose `retryAfterMs` says when to come back.
   * @defaultValue 10000
   */
  readonly maxDelayMs?: number;
};

export type RetryPolicy = Required<RetryOptions>;

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
};

/** Statuses that say "try again later" without the request having had an effect. */
const retryableStatuses = new Set([429, 503]);

/**
 * A request may be sent twice only when a repeat cannot do more than the first did: reads,
 * deletes, PUTs guarded by `If-Match` and POSTs carrying an `Idempotency-Key`.
 */
export function isIdempotentRequest(method: string, headers: Record<string, string>): boolean {
  switch (method.toUpperCase()) {
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
    case 'DELETE':
      return true;
    case 'PUT':
      return Boolean(headers[HeaderNames.ifMatch]);
    case 'POST':
    case 'PATCH':
      return Boolean(headers[HeaderNames.idempotencyKey]);
    default:
      return false;
  }
}

export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status);
}

/** Full-jitter exponential backoff: a random wait in [0, min(max, base · 2^(retry-1))]. */
export function backoffDelay(retry: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as milliseconds: delay-seconds or an HTTP-date; `undefined` when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
