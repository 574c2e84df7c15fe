import {
  Headers,
  ProblemLimits,
  ProblemTypes,
  type FieldError,
  type ProblemTypeName,
} from '@items-api/contract';

/** Both retryable problems ask for a one-second pause. */
const retryAfterOneSecond = { [Headers.retryAfter]: '1' };

type ErrorOptions = { cause?: unknown; errors?: FieldError[]; headers?: Record<string, string> };

/**
 * Base of every error the API answers on purpose; `kind` picks the problem type (and status).
 * Each problem type has one subclass below, which sets its `name`.
 */
export abstract class ApiError<K extends ProblemTypeName = ProblemTypeName> extends Error {
  readonly kind: K;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;

  protected constructor(kind: K, detail?: string, options: ErrorOptions = {}) {
    super(detail ?? ProblemTypes[kind].title, { cause: options.cause });
    this.kind = kind;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  get status(): (typeof ProblemTypes)[K]['status'] {
    return ProblemTypes[this.kind].status;
  }
}

export class MalformedJsonError extends ApiError<'malformedJson'> {
  override name = 'MalformedJsonError';
  constructor(detail: string) {
    super('malformedJson', detail);
  }
}

/** RFC 6750 §3.1: a token the server cannot use is `invalid_token`, with its challenge. */
export class UnauthorizedError extends ApiError<'unauthorized'> {
  override name = 'UnauthorizedError';
  constructor(detail: string, challenge: string) {
    super('unauthorized', detail, { headers: { [Headers.wwwAuthenticate]: challenge } });
  }
}

/** RFC 9110 §15.5.6: a 405 names the methods the resource allows. */
export class MethodNotAllowedError extends ApiError<'methodNotAllowed'> {
  override name = 'MethodNotAllowedError';
  constructor(detail: string, allow: readonly string[]) {
    super('methodNotAllowed', detail, { headers: { [Headers.allow]: allow.join(', ') } });
  }
}

export class PayloadTooLargeError extends ApiError<'payloadTooLarge'> {
  override name = 'PayloadTooLargeError';
  constructor(detail: string) {
    super('payloadTooLarge', detail);
  }
}

export class UnsupportedMediaTypeError extends ApiError<'unsupportedMediaType'> {
  override name = 'UnsupportedMediaTypeError';
  constructor(detail: string) {
    super('unsupportedMediaType', detail);
  }
}

export class PreconditionRequiredError extends ApiError<'preconditionRequired'> {
  override name = 'PreconditionRequiredError';
  constructor(detail: string) {
    super('preconditionRequired', detail);
  }
}

/** Anything not answered on purpose: logged where it is caught, answered without detail. */
export class InternalError extends ApiError<'internal'> {
  override name = 'InternalError';
  constructor() {
    super('internal', 'An unexpected error occurred; it has been logged');
  }
}

export class NotFoundError extends ApiError<'notFound'> {
  override name = 'NotFoundError';
  constructor(detail = 'No item with this id', options?: { cause?: unknown }) {
    super('notFound', detail, options);
  }
}

export class PreconditionFailedError extends ApiError<'preconditionFailed'> {
  override name = 'PreconditionFailedError';
  constructor(
    detail = 'If-Match does not name the current version; read the item again',
    options?: { cause?: unknown },
  ) {
    super('preconditionFailed', detail, options);
  }
}

const describeFieldError = (e: FieldError) => (e.path ? `${e.path}: ${e.message}` : e.message);

/** Shown in `detail` before "…": enough to read, bounded however many fields were wrong. */
const detailErrors = 3;

/**
 * A 400 naming the invalid fields. However many there were, the answer stays small: the first
 * `ProblemLimits.errorsMax` are listed in `errors` and `detail` gives the count.
 */
export class ValidationError extends ApiError<'validation'> {
  override name = 'ValidationError';
  constructor(errors: FieldError[]) {
    const listed = errors.slice(0, ProblemLimits.errorsMax);
    const first = errors.slice(0, detailErrors).map(describeFieldError).join('; ');
    const detail =
      errors.length === 1
        ? first
        : `${errors.length} problems${errors.length > listed.length ? ` (the first ${listed.length} are listed)` : ''}: ${first}${errors.length > detailErrors ? '; …' : ''}`;
    super('validation', detail, { errors: listed });
  }
}

export class InvalidCursorError extends ApiError<'invalidCursor'> {
  override name = 'InvalidCursorError';
  constructor(options?: { cause?: unknown }) {
    super(
      'invalidCursor',
      'The cursor is not one this API issued to you for this query; start again without it',
      {
        ...options,
        errors: [{ path: 'query.cursor', message: 'not a cursor issued for this query' }],
      },
    );
  }
}

export class IdempotencyKeyReusedError extends ApiError<'idempotencyKeyReused'> {
  override name = 'IdempotencyKeyReusedError';
  constructor() {
    super('idempotencyKeyReused', 'This Idempotency-Key was already used with a different body');
  }
}

export class IdempotencyInFlightError extends ApiError<'idempotencyInFlight'> {
  override name = 'IdempotencyInFlightError';
  constructor(options?: { cause?: unknown }) {
    super(
      'idempotencyInFlight',
      'A request with this Idempotency-Key is being processed; retry shortly',
      {
        ...options,
        headers: retryAfterOneSecond,
      },
    );
  }
}

/** The item store busy or unreachable: DynamoDB after the SDK's own retries, or too slow. */
export class DependencyUnavailableError extends ApiError<'unavailable'> {
  override name = 'DependencyUnavailableError';
  constructor(options?: { cause?: unknown }) {
    super('unavailable', 'The data store is busy or unreachable; retry after the given delay', {
      ...options,
      headers: retryAfterOneSecond,
    });
  }
}

/** The error class of each problem type: one each, so a problem has one way to be raised. */
export const problemErrors = {
  malformedJson: MalformedJsonError,
  validation: ValidationError,
  invalidCursor: InvalidCursorError,
  unauthorized: UnauthorizedError,
  notFound: NotFoundError,
  methodNotAllowed: MethodNotAllowedError,
  idempotencyInFlight: IdempotencyInFlightError,
  preconditionFailed: PreconditionFailedError,
  payloadTooLarge: PayloadTooLargeError,
  unsupportedMediaType: UnsupportedMediaTypeError,
  idempotencyKeyReused: IdempotencyKeyReusedError,
  preconditionRequired: PreconditionRequiredError,
  internal: InternalError,
  unavailable: DependencyUnavailableError,
} as const satisfies { [K in ProblemTypeName]: abstract new (...args: never[]) => ApiError<K> };
