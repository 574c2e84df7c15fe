import type { ApiFetcherArgs } from '@ts-rest/core';
import { attemptSignal, sleep } from './abort';
import type { ItemsClientOptions } from './client-options';
import { ClientErrorTypes, ItemsApiError } from './items-api-error';
import { errorFromResponse, readBody, validateSuccess, type RawResponse } from './responses';
import {
  backoffDelay,
  defaultRetryPolicy,
  isIdempotentRequest,
  isRetryableStatus,
  type RetryPolicy,
} from './retry-policy';

/** What ts-rest hands the fetcher, plus the per-call options the items methods add. */
export type FetcherArgs = ApiFetcherArgs & { timeoutMs?: number };

const defaultTimeoutMs = 10_000;

/**
 * The ts-rest `api` function behind every call: adds the bearer token, applies the per-attempt
 * timeout, decodes JSON and problem+json bodies, and retries idempotent calls. Non-2xx
 * responses are returned, not thrown, so the raw ts-rest client still sees every status.
 */
export function createFetcher(options: ItemsClientOptions) {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const policy: RetryPolicy =
    options.retry === false
      ? { ...defaultRetryPolicy, maxAttempts: 1 }
      : { ...defaultRetryPolicy, ...options.retry };

  async function sendOnce(
    args: FetcherArgs,
    signal: AbortSignal | undefined,
  ): Promise<RawResponse | ItemsApiError> {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    const headers = token ? { ...args.headers, authorization: `Bearer ${token}` } : args.headers;
    const timeoutMs = args.timeoutMs ?? options.timeoutMs ?? defaultTimeoutMs;
    const attempt = attemptSignal(signal, timeoutMs);
    const init = { ...args.fetchOptions, method: args.method, headers, body: args.body };
    try {
      const response = await fetchImpl(args.path, { ...init, signal: attempt.signal });
      const body = await readBody(response);
      return { status: response.status, headers: response.headers, body };
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      return attempt.timedOut() ? timeoutError(timeoutMs, cause) : networkError(cause, args.path);
    } finally {
      attempt.dispose();
    }
  }

  function delayBefore(retry: number, error: ItemsApiError): number | undefined {
    if (error.retryAfterMs === undefined) return backoffDelay(retry, policy);
    // Retrying sooner than asked would only be throttled again; waiting longer is the caller's call.
    return error.retryAfterMs <= policy.maxDelayMs ? error.retryAfterMs : undefined;
  }

  return async function itemsApiFetcher(args: FetcherArgs): Promise<RawResponse> {
    const signal = args.fetchOptions?.signal ?? undefined;
    const idempotent = isIdempotentRequest(args.method, args.headers);
    for (let attempt = 1; ; attempt++) {
      const outcome = await sendOnce(args, signal);
      const failed = outcome instanceof ItemsApiError;
      const error = failed ? outcome : retryableError(outcome);
      if (!error) return validateSuccess(args, outcome as RawResponse);
      const delayMs =
        idempotent && attempt < policy.maxAttempts ? delayBefore(attempt, error) : undefined;
      if (delayMs === undefined) {
        if (failed) throw outcome;
        return outcome;
      }
      options.onRetry?.({ method: args.method, url: args.path, attempt, delayMs, error });
      await sleep(delayMs, signal);
    }
  };
}

function retryableError(response: RawResponse): ItemsApiError | undefined {
  return isRetryableStatus(response.status) ? errorFromResponse(response) : undefined;
}

function timeoutError(timeoutMs: number, cause: unknown): ItemsApiError {
  return new ItemsApiError({
    kind: 'timeout',
    status: 0,
    type: ClientErrorTypes.timeout,
    title: 'Request timed out',
    detail: `No response within ${timeoutMs} ms`,
    cause,
  });
}

/** The origin of the page this code runs in, if it runs in one. */
const pageOrigin = (): string | undefined =>
  (globalThis as { location?: { origin?: unknown } }).location?.origin?.toString();

/**
 * A browser hides why a cross-origin fetch failed ("Fetch Standard", CORS check: a network error,
 * a TypeError to script): a refused CORS preflight is the likely cause when the page's origin is
 * not the API's, so the message says so.
 */
function corsHint(cause: unknown, url: string): string {
  const origin = pageOrigin();
  if (!(cause instanceof TypeError) || !origin || origin === 'null') return '';
  let apiOrigin: string;
  try {
    apiOrigin = new URL(url).origin;
  } catch {
    return '';
  }
  if (apiOrigin === origin) return '';
  return `: the API may not allow this page's origin ${origin} (CORS); locally: npm start -- --cors-origin ${origin}`;
}

function networkError(cause: unknown, url: string): ItemsApiError {
  return new ItemsApiError({
    kind: 'network',
    status: 0,
    type: ClientErrorTypes.network,
    title: 'Network error',
    detail: `${cause instanceof Error ? cause.message : String(cause)}${corsHint(cause, url)}`,
    cause,
  });
}
