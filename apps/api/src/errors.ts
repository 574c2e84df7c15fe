import {
  Headers,
  ProblemLimits,
  ProblemTypes,
  type FieldError,
  type ProblemTypeName,
} from '@items-api/contract';

/** Both retryable problems ask for a one-second pause. */
const retryAfterOneSecond = { [Headers.retryAfter]: '1' };

/** Base of every error the API answers on purpose; `kind` picks the problem type (and status). */
export class ApiError extends Error {
  readonly kind: ProblemTypeName;
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;

  constructor(
    kind: ProblemTypeName,
    detail?: string,
    options: { cause?: unknown; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail ?? ProblemTypes[kind].title, { cause: options.cause });
    this.kind = kind;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return ProblemTypes[this.kind].status;
  }
}

export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
  constructor(detail = 'No item with this id', options?: { cause?: unknown }) {
    super('notFound', detail, options);
  }
}

export class PreconditionFailedError extends ApiError {
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
export class ValidationError extends ApiError {
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

export class InvalidCursorError extends ApiError {
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

export class IdempotencyKeyReusedError extends ApiError {
  override name = 'IdempotencyKeyReusedError';
  constructor() {
    super('idempotencyKeyReused', 'This Idempotency-Key was already used with a different body');
  }
}

export class IdempotencyInFlightError extends ApiError {
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

/** DynamoDB throttled or unreachable after the SDK's own retries. */
export class DependencyUnavailableError extends ApiError {
  override name = 'DependencyUnavailableError';
  constructor(options?: { cause?: unknown }) {
    super('unavailable', 'The data store is busy or unreachable; retry after the given delay', {
      ...options,
      headers: retryAfterOneSecond,
    });
  }
}
