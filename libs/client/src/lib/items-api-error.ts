import { ProblemTypes, type FieldError, type ProblemTypeName } from '@items-api/contract';

/**
 * Where an {@link ItemsApiError} came from:
 * - `problem`: the API's function answered with problem+json (RFC 9457);
 * - `gateway`: API Gateway answered itself (`{"message": …}`: the contract's `GatewayAnswers`);
 * - `http`: some other error response (a proxy's HTML page, an empty 502, …);
 * - `network`, `timeout`: no response arrived;
 * - `invalid-response`: a success response did not match the contract (`validateResponses`).
 */
export type ItemsApiErrorKind =
  'problem' | 'gateway' | 'http' | 'network' | 'timeout' | 'invalid-response';

/** Problem `type` URIs the client itself uses when there is no problem document to read. */
export const ClientErrorTypes = {
  /** RFC 9457's type for "nothing more specific than the HTTP status". */
  blank: 'about:blank',
  network: 'urn:items-api:client:network-error',
  timeout: 'urn:items-api:client:timeout',
  invalidResponse: 'urn:items-api:client:invalid-response',
} as const;

export type ItemsApiErrorInit = {
  readonly kind: ItemsApiErrorKind;
  /** HTTP status; `0` when no response arrived. */
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly errors?: readonly FieldError[];
  /** How long the server asked us to wait (`Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
};

// A registered symbol survives two copies of the package (ESM + CJS) where `instanceof` does not.
const brand = Symbol.for('@items-api/client.ItemsApiError');

/**
 * The one error type every client method throws for a failed call, whether the API, the
 * gateway or the network failed. Carries the problem+json fields; gateway errors are mapped
 * onto them (`type: 'about:blank'`, `title` = the gateway's message).
 *
 * @example
 * ```ts
 * try {
 *   await client.items.replace(item, { name: 'Renamed' });
 * } catch (error) {
 *   if (isItemsApiError(error) && error.is('preconditionFailed')) {
 *     // someone else changed it first: re-read and try again
 *   } else throw error;
 * }
 * ```
 */
export class ItemsApiError extends Error {
  override readonly name = 'ItemsApiError';
  readonly kind: ItemsApiErrorKind;
  /** HTTP status; `0` when no response arrived (`network`, `timeout`). */
  readonly status: number;
  /** Problem type URI: one of `ProblemTypes[...].type`, `about:blank` or a `ClientErrorTypes` value. */
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly instance?: string;
  /** Field-level complaints of a validation problem; empty otherwise. */
  readonly errors: readonly FieldError[];
  /** The server's `Retry-After`, in milliseconds, when it sent one. */
  readonly retryAfterMs?: number;

  constructor(init: ItemsApiErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.type = init.type;
    this.title = init.title;
    this.detail = init.detail;
    this.instance = init.instance;
    this.errors = init.errors ?? [];
    this.retryAfterMs = init.retryAfterMs;
    Object.defineProperty(this, brand, { value: true });
  }

  /**
   * True when this error is the named kind of API problem.
   *
   * @example
   * ```ts
   * if (error.is('notFound')) return undefined;
   * ```
   */
  is(name: ProblemTypeName): boolean {
    // Optional chaining for plain-JS callers passing a name the catalogue does not have.
    return this.type === (ProblemTypes as Partial<typeof ProblemTypes>)[name]?.type;
  }
}

/**
 * True when `value` is an {@link ItemsApiError}, also one thrown by another copy of this
 * package (an ESM and a CJS copy in one process), where `instanceof` would say no.
 */
export function isItemsApiError(value: unknown): value is ItemsApiError {
  return typeof value === 'object' && value !== null && brand in value;
}

function describe({ status, title, detail }: ItemsApiErrorInit): string {
  const prefix = status ? `${status} ` : '';
  return `${prefix}${title}${detail ? `: ${detail}` : ''}`;
}
