import type { FieldError } from '@items-api/contract';
import type { ZodError } from 'zod';

/**
 * Zod issues as the API's field errors, each naming where it is (`body.tags.2`). An unknown or
 * server-owned field is reported by its own name, so `{"id": …}` answers `body.id: unrecognized field`.
 */
export function toFieldErrors(where: string, error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [where, ...issue.path].join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: `${path}.${key}`, message: 'unrecognized field' }));
    }
    return [{ path, message: issue.message }];
  });
}
