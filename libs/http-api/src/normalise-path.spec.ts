import fc from 'fast-check';
import { normalisePath, parsedPath } from './normalise-path';

// The shortcut for plain paths must answer exactly as the URL parser does, for any path.
const pathCharacters = fc.constantFrom(...'/./..%2e%2E/aZ9-_~#?\\ é'.split(''), '%2e', '..', '//');

describe('normalisePath', () => {
  it('answers every path as the URL-parser path does (RFC 3986 §5.2.4, WHATWG URL)', () => {
    fc.assert(
      fc.property(fc.array(pathCharacters, { maxLength: 24 }), (parts) => {
        const path = parts.join('');
        expect(normalisePath(path)).toBe(parsedPath(path));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([
    ['/items/01ABC', '/items/01ABC'],
    ['/items/', '/items/'],
    ['/', '/'],
    ['/items/...', '/items/...'],
    ['/items/./x', '/items/x'],
    ['/items/%2E%2E/x', '/x'],
    ['/items/..', '/'],
    ['//items', undefined],
    ['/items/a#b', undefined],
    ['items', undefined],
  ])('%s → %s', (path, expected) => {
    expect(normalisePath(path)).toBe(expected);
  });
});
