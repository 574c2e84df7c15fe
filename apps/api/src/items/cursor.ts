import { createHmac, timingSafeEqual } from 'node:crypto';
import { ItemIdSchema } from '@items-api/contract';
import { InvalidCursorError } from '../errors';

/** Which list a cursor belongs to: the caller's items, or those carrying one tag. */
export type ListScope = { tag?: string };

/**
 * Opaque list cursors: `base64url(lastId).base64url(HMAC-SHA256(owner, scope, lastId))`. The MAC
 * binds the cursor to its owner and to the query that made it, so an edited, garbled, another
 * owner's or another query's cursor (`?tag=red`'s sent with `?tag=blue`, or without a tag) is a
 * 400, never a different page. (The query's partition always comes from the token, so data cannot
 * leak anyway.)
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(owner: string, lastId: string, scope: ListScope = {}): string {
    return `${Buffer.from(lastId).toString('base64url')}.${this.mac(owner, lastId, scope).toString('base64url')}`;
  }

  /** The last item id of the previous page, or InvalidCursorError. */
  decode(owner: string, cursor: string, scope: ListScope = {}): string {
    const [payload, signature, ...rest] = cursor.split('.');
    if (!payload || !signature || rest.length > 0) throw new InvalidCursorError();
    const lastId = Buffer.from(payload, 'base64url').toString('utf8');
    const given = Buffer.from(signature, 'base64url');
    const expected = this.mac(owner, lastId, scope);
    const valid =
      given.length === expected.length &&
      timingSafeEqual(given, expected) &&
      ItemIdSchema.safeParse(lastId).success;
    if (!valid) throw new InvalidCursorError();
    return lastId;
  }

  private mac(owner: string, lastId: string, { tag }: ListScope): Buffer {
    // The unfiltered list keeps its original input (cursors issued before tags still work); a
    // tag's input is a JSON array, which has no raw newline, so the two can never coincide.
    const input =
      tag === undefined ? `${owner}\n${lastId}` : JSON.stringify([owner, 'tag', tag, lastId]);
    return createHmac('sha256', this.secret).update(input).digest();
  }
}
