import { parseETag } from '@items-api/contract';
import type { ExpectedVersion } from '../items/item-repository';

/**
 * The version an `If-Match` value requires. `*` requires only that the item exists (undefined);
 * a tag we never issued requires version 0, which no item has, so the write answers 412.
 */
export function expectedVersionFrom(ifMatch: string): ExpectedVersion {
  if (ifMatch.trim() === '*') return undefined;
  return parseETag(ifMatch) ?? 0;
}
