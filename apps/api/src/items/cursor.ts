import { createHmac, timingSafeEqual } from 'node:crypto';
import { ItemIdSchema } from '@items-api/contract';
import { InvalidCursorError } from '../errors';

/**
 * Opaque list cursors: `base64url(lastId).base64url(HMAC-SHA256(owner + lastId))`. The MAC binds
 * the cursor to its owner, so an edited, garbled or another owner's cursor is a 400, never a
 * different page. (The query's partition always comes from the token, so data cannot leak anyway.)
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(owner: string, lastId: string): string {
    return `${Buffer.from(lastId).toString('base64url')}.${this.mac(owner, lastId).toString('base64url')}`;
  }

  /** The last item id of the previous page, or InvalidCursorError. */
  decode(owner: string, cursor: string): string {
    const [payload, signature, ...rest] = cursor.split('.');
    if (!payload || !signature || rest.length > 0) throw new InvalidCursorError();
    const lastId = Buffer.from(payload, 'base64url').toString('utf8');
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(owner, lastId);
    const valid =
      given.length === expected.length &&
      timingSafeEqual(given, expected) &&
      ItemIdSchema.safeParse(lastId).success;
    if (!valid) throw new InvalidCursorError();
    return lastId;
  }

  private mac(owner: string, lastId: string): Buffer {
    return createHmac('sha256', this.secret).update(`${owner}\n${lastId}`).digest();
  }
}
