import {
  codePointLength,
  ContentTypes,
  isWellFormed,
  ProblemLimits,
  ProblemTypes,
  type Problem,
} from '@items-api/contract';
import { ApiError, InternalError } from '../errors';
import type { Logger } from '../logger';
import { clip } from './field-errors';

export type HttpResult = {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

/** The one place any error becomes a response: problem+json, never a stack trace or AWS detail. */
export function toApiError(error: unknown, logger: Logger): ApiError {
  if (error instanceof ApiError) return error;
  // Only what is < 500 is exposed; the rest is logged here and answered generically.
  logger.error('unhandled error', {
    errorName: error instanceof Error ? error.name : typeof error,
    errorMessage: error instanceof Error ? error.message : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return new InternalError();
}

function problemBody(error: ApiError, instance: string): Problem {
  const kind = ProblemTypes[error.kind];
  // The path is echoed only when it fits (and is well-formed): a long one is not worth repeating.
  const echoPath = isWellFormed(instance) && codePointLength(instance) <= ProblemLimits.instanceMax;
  return {
    type: kind.type,
    title: kind.title,
    status: kind.status,
    detail: clip(error.message, ProblemLimits.detailMax),
    ...(echoPath ? { instance } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  };
}

export function problemResult(error: ApiError, instance: string): HttpResult {
  return {
    statusCode: error.status,
    headers: { 'content-type': ContentTypes.problem, ...error.headers },
    body: JSON.stringify(problemBody(error, instance)),
  };
}
