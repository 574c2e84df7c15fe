import type { ItemsApiError } from './items-api-error';
import type { RetryOptions } from './retry-policy';

/** A bearer token, or a function returning one; the function is called for every request. */
export type TokenSource = string | (() => string | Promise<string>);

/** The part of `fetch` the client uses; pass your own for tests, proxies or instrumentation. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Passed to `onRetry` before the client waits and sends a request again. */
export type RetryEvent = {
  readonly method: string;
  readonly url: string;
  /** The attempt that failed, starting at 1. */
  readonly attempt: number;
  /** How long the client waits before the next attempt. */
  readonly delayMs: number;
  /** Why: the error the failed attempt would have thrown. */
  readonly error: ItemsApiError;
};

export type ItemsClientOptions = {
  /** The stage URL, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com` or the local server's URL. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer …`. A function is called per request, so refreshed tokens are picked up. */
  readonly token?: TokenSource;
  /**
   * The fetch implementation.
   * @defaultValue `globalThis.fetch`
   */
  readonly fetch?: FetchLike;
  /**
   * Time limit of one attempt (headers and body), in milliseconds; `0` for none.
   * @defaultValue 10000
   */
  readonly timeoutMs?: number;
  /**
   * Retry policy for idempotent calls on 429, 503, network errors and timeouts; `false` for none.
   * @defaultValue `{ maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 10000 }`
   */
  readonly retry?: RetryOptions | false;
  /**
   * Check success bodies against the contract's zod schemas; a mismatch throws an
   * `ItemsApiError` of kind `invalid-response`.
   * @defaultValue false
   */
  readonly validateResponses?: boolean;
  /** Called before each retry, e.g. to log it. */
  readonly onRetry?: (event: RetryEvent) => void;
};

/** Per-call options every method accepts. */
export type CallOptions = {
  /** Cancels the call, its retries and its backoff waits; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Overrides the client's per-attempt `timeoutMs` for this call. */
  readonly timeoutMs?: number;
};
