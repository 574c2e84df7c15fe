import { formatETag, ifMatchVersions, ifNoneMatchMatches, parseEntityTags } from './headers';

describe('entity tags (RFC 9110 §8.8.3, §13.1)', () => {
  it('formats a version as a strong tag', () => {
    expect(formatETag(7)).toBe('"7"');
  });

  it('parses a list, dropping empty elements (§5.6.1)', () => {
    expect(parseEntityTags(' "1", , W/"2",')).toEqual([
      { weak: false, opaque: '1' },
      { weak: true, opaque: '2' },
    ]);
    expect(parseEntityTags(' * ')).toBe('*');
  });

  it('If-Match compares strongly: a weak tag never matches (§13.1.1)', () => {
    expect(ifMatchVersions('"1", "2"')).toEqual([1, 2]);
    expect(ifMatchVersions('W/"3"')).toEqual([]);
    expect(ifMatchVersions('W/"3", "4"')).toEqual([4]);
    expect(ifMatchVersions('*')).toBe('any');
  });

  it.each(['"0"', '"-1"', '"abc"', '""', '"99999999999999999"'])(
    'If-Match %s names no version this API issues',
    (value) => {
      expect(ifMatchVersions(value)).toEqual([]);
    },
  );

  it('If-None-Match compares weakly and accepts * (§13.1.2)', () => {
    expect(ifNoneMatchMatches('"1", "2"', 2)).toBe(true);
    expect(ifNoneMatchMatches('W/"2"', 2)).toBe(true);
    expect(ifNoneMatchMatches('"1", "2"', 3)).toBe(false);
    expect(ifNoneMatchMatches('*', 9)).toBe(true);
  });
});
