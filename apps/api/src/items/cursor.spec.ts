import { ulid } from 'ulid';
import { CursorCodec } from './cursor';

describe('CursorCodec', () => {
  const codec = new CursorCodec('a-secret-that-is-long-enough-123456');
  const id = ulid();

  it('round-trips the last id for the same owner', () => {
    expect(codec.decode('alice', codec.encode('alice', id))).toBe(id);
  });

  it("rejects another owner's cursor", () => {
    expect(() => codec.decode('bob', codec.encode('alice', id))).toThrow('cursor');
  });

  it('rejects a cursor signed with another secret', () => {
    const other = new CursorCodec('another-secret-that-is-long-enough-12');
    expect(() => codec.decode('alice', other.encode('alice', id))).toThrow('cursor');
  });

  it.each(['', 'abc', 'a.b.c', '..', `${Buffer.from('x').toString('base64url')}.AAAA`])(
    'rejects garbage %p',
    (cursor) => {
      expect(() => codec.decode('alice', cursor)).toThrow('cursor');
    },
  );

  it('rejects a cursor whose payload was edited', () => {
    const [, signature] = codec.encode('alice', id).split('.');
    const forged = `${Buffer.from(ulid()).toString('base64url')}.${signature}`;
    expect(() => codec.decode('alice', forged)).toThrow('cursor');
  });
});
