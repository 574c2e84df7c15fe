import { ifMatchVersions } from '@items-api/contract';
import { PreconditionFailedError } from '../errors';
import type { ExpectedVersion } from '../items/item-repository';

/**
 * The version a write must find, from an `If-Match` value (RFC 9110 §13.1.1, strong comparison):
 * `*` requires only that the item exists (undefined); one strong tag is checked by the write's
 * own condition; a list is resolved against the current version first — the write then still
 * requires that version, so a change in between answers 412 rather than being overwritten.
 * A value with no strong tag this API issued requires version 0, which no item has (412).
 */
export async function expectedVersionFrom(
  ifMatch: string,
  currentVersion: () => Promise<number | undefined>,
): Promise<ExpectedVersion> {
  const versions = ifMatchVersions(ifMatch);
  if (versions === 'any') return undefined;
  const [only, ...others] = versions;
  if (only === undefined) return 0;
  if (others.length === 0) return only;
  const current = await currentVersion();
  if (current === undefined) return only; // the write answers 404
  if (versions.includes(current)) return current;
  throw new PreconditionFailedError();
}
