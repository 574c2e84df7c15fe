import { codePointLength, ProblemLimits, toWellFormed, type FieldError } from '@items-api/contract';
import type { ZodError } from 'zod';

/**
 * Text safe to echo in an answer: well-formed (a lone surrogate from a field name becomes
 * U+FFFD) and at most `max` code points, marking a cut with `…`.
 */
export function clip(value: string, max: number): string {
  const wellFormed = toWellFormed(value);
  if (codePointLength(wellFormed) <= max) return wellFormed;
  return `${[...wellFormed].slice(0, max - 1).join('')}…`;
}

const fieldError = (path: string, message: string): FieldError => ({
  path: clip(path, ProblemLimits.pathMax),
  message: clip(message, ProblemLimits.messageMax),
});

/**
 * Zod issues as the API's field errors, each naming where it is (`body.tags.2`). An unknown or
 * server-owned field is reported by its own name, so `{"id": …}` answers `body.id: unrecognized field`.
 */
export function toFieldErrors(where: string, error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [where, ...issue.path].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => fieldError(`${path}.${key}`, 'unrecognized field'));
    }
    return [fieldError(path, issue.message)];
  });
}
