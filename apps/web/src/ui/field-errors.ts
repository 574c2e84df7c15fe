import type { FieldError } from '@items-api/client';

export type FieldName = 'name' | 'description' | 'tags';

/**
 * Sorts a problem's `errors[]` onto the form's fields by their path (`name`, `tags.2`, or with
 * a `body.` prefix); whatever names no field is returned as `other`.
 */
export function fieldErrors(errors: readonly FieldError[] = []) {
  const byField = new Map<FieldName, string[]>();
  const other: string[] = [];
  for (const error of errors) {
    const [field, index] = error.path.replace(/^body\./, '').split('.');
    if (field === 'name' || field === 'description' || field === 'tags') {
      const message =
        field === 'tags' && index !== undefined
          ? `Tag ${Number(index) + 1}: ${error.message}`
          : error.message;
      byField.set(field, [...(byField.get(field) ?? []), message]);
    } else {
      other.push(error.path ? `${error.path}: ${error.message}` : error.message);
    }
  }
  return { byField, other };
}

/** Tags as typed: comma-separated, blanks dropped (the API checks the rest). */
export const parseTags = (value: string) =>
  value
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
