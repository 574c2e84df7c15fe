import { joinQueryParameters, parseQuery } from './query';

describe('query strings (WHATWG URL, application/x-www-form-urlencoded parsing)', () => {
  it('reads + as a space, decodes escapes and keeps repeated names in order', () => {
    expect(parseQuery('tag=a+b&tag=%C3%A9&limit=5&flag&e=')).toEqual([
      { name: 'tag', value: 'a b', wellFormed: true },
      { name: 'tag', value: 'é', wellFormed: true },
      { name: 'limit', value: '5', wellFormed: true },
      { name: 'flag', value: '', wellFormed: true },
      { name: 'e', value: '', wellFormed: true },
    ]);
    expect(parseQuery('')).toEqual([]);
    expect(parseQuery('a=1=2')).toEqual([{ name: 'a', value: '1=2', wellFormed: true }]);
  });

  it('marks escapes that are not percent-encoded UTF-8, keeping the lenient reading', () => {
    expect(parseQuery('tag=%FF')).toEqual([{ name: 'tag', value: '\uFFFD', wellFormed: false }]);
    expect(parseQuery('tag=%ZZ')).toEqual([{ name: 'tag', value: '%ZZ', wellFormed: false }]);
    expect(parseQuery('%E0=1')[0]).toMatchObject({ wellFormed: false });
  });

  it('joins a repeated parameter with commas and leaves an empty query out (payload 2.0)', () => {
    // hotsock/voker live capture: `literalPlus=a+b` → "a b", `empty=` → "".
    expect(joinQueryParameters('tag=a&tag=b&limit=5&x=a+b&e=')).toEqual({
      tag: 'a,b',
      limit: '5',
      x: 'a b',
      e: '',
    });
    expect(joinQueryParameters('')).toBeUndefined();
    expect(joinQueryParameters('constructor=1')).toEqual({ constructor: '1' });
  });
});
