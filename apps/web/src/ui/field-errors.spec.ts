import { fieldErrors, parseTags } from './field-errors';

describe('fieldErrors', () => {
  it('puts each problem errors[] entry next to the field its path names', () => {
    const { byField, other } = fieldErrors([
      { path: 'name', message: 'String must contain at least 1 character(s)' },
      { path: 'body.tags.2', message: 'duplicate tag "a"' },
      { path: 'description', message: 'too long' },
      { path: 'id', message: 'unrecognized field' },
    ]);
    expect(Object.fromEntries(byField)).toEqual({
      name: ['String must contain at least 1 character(s)'],
      tags: ['Tag 3: duplicate tag "a"'],
      description: ['too long'],
    });
    expect(other).toEqual(['id: unrecognized field']);
  });

  it('keeps a whole-body error (empty path) for the form', () => {
    expect(fieldErrors([{ path: '', message: 'Expected object' }]).other).toEqual([
      'Expected object',
    ]);
  });
});

describe('parseTags', () => {
  it('splits on commas and drops blanks, leaving the rest for the API to judge', () => {
    expect(parseTags(' a, b ,, a ,')).toEqual(['a', 'b', 'a']);
  });
});
