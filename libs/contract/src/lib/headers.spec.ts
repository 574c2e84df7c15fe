import { etagListMatches, formatETag, parseETag } from './headers';

describe('entity tags', () => {
  it('round-trips a version through formatETag and parseETag', () => {
    expect(parseETag(formatETag(7))).toBe(7);
  });

  it('accepts a weak tag for the same version', () => {
    expect(parseETag('W/"3"')).toBe(3);
  });

  it.each(['3', '"0"', '"-1"', '"abc"', '*', '', '"1"x', '"99999999999999999"'])(
    'names no version for %p',
    (value) => {
      expect(parseETag(value)).toBeUndefined();
    },
  );

  it('matches If-None-Match lists and the * wildcard', () => {
    expect(etagListMatches('"1", "2"', 2)).toBe(true);
    expect(etagListMatches('"1", "2"', 3)).toBe(false);
    expect(etagListMatches('*', 9)).toBe(true);
  });
});
