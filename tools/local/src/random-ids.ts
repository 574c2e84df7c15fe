import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for the ids minted per request (request ids, trace ids, log streams), drawn from
 * one pool the CSPRNG refills 4 KiB at a time instead of one `randomBytes` call per id.
 */
const pool = Buffer.alloc(4096);
let offset = pool.length;

function take(bytes: number): Buffer {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const slice = pool.subarray(offset, offset + bytes);
  offset += bytes;
  return slice;
}

export const randomHex = (bytes: number): string => take(bytes).toString('hex');

export const randomBase64url = (bytes: number): string => take(bytes).toString('base64url');
