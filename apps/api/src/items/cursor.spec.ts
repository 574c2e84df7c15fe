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

  describe('bound to the query that made it', () => {
    it('round-trips within one tag', () => {
      const cursor = codec.encode('alice', id, { tag: 'red' });
      expect(codec.decode('alice', cursor, { tag: 'red' })).toBe(id);
    });

    it.each([
      ['another tag', { tag: 'blue' }],
      ['the unfiltered list', {}],
      ['a tag differing only in case', { tag: 'Red' }],
    ])("rejects ?tag=red's cursor for %s", (_, scope) => {
      expect(() => codec.decode('alice', codec.encode('alice', id, { tag: 'red' }), scope)).toThrow(
        'cursor',
      );
    });

    it("rejects the unfiltered list's cursor for a tag", () => {
      expect(() => codec.decode('alice', codec.encode('alice', id), { tag: 'red' })).toThrow(
        'cursor',
      );
    });

    it('cannot be made to collide by a newline in the owner or the tag', () => {
      const tagged = codec.encode('alice', id, { tag: `x\n${id}` });
      expect(() => codec.decode(`alice`, tagged)).toThrow('cursor');
      expect(() => codec.decode(`alice\n["tag"]`, tagged, { tag: `x\n${id}` })).toThrow('cursor');
    });
  });
});
