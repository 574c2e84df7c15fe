/**
 * DynamoDB's documented sizing and capacity rules (Developer Guide: "Item sizes and formats",
 * "Read/write capacity mode"), applied to document-client values. Used to check, and where
 * DynamoDB Local deviates to replace, the capacity DynamoDB Local reports.
 */
const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** Numbers: about one byte per two significant digits, plus one. */
function numberSize(value: number | bigint): number {
  const digits = String(value)
    .replace(/^-/, '')
    .replace(/e[+-]?\d+$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** Lists and maps: 3 bytes of overhead plus one byte per element, plus the elements. */
export function attributeSize(value: unknown): number {
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberSize(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((sum, v) => sum + attributeSize(v), 0);
  if (Array.isArray(value)) {
    return value.reduce((sum: number, v) => sum + 1 + attributeSize(v), 3);
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .reduce((sum, [k, v]) => sum + utf8(k) + attributeSize(v) + 1, 3);
  }
  return 0;
}

/** An item's size: each attribute's name plus its value. */
export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item)
    .filter(([, v]) => v !== undefined)
    .reduce((sum, [name, value]) => sum + utf8(name) + attributeSize(value), 0);
}

/** One unit per 4 KB read (rounded up, at least one); eventually consistent reads cost half. */
export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}

/** One unit per 1 KB written (rounded up, at least one). */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

/** Transactional writes cost two units per 1 KB of each item. */
export function transactWriteUnits(itemBytes: readonly number[]): number {
  return itemBytes.reduce((sum, bytes) => sum + 2 * writeUnits(bytes), 0);
}
