import {
  attributeSize,
  itemSize,
  readUnits,
  transactWriteUnits,
  writeUnits,
} from './capacity-units';

describe('item sizes', () => {
  it('counts strings in UTF-8 bytes', () => {
    expect(attributeSize('abc')).toBe(3);
    expect(attributeSize('é')).toBe(2);
  });

  it('counts one byte per two significant digits of a number, plus one', () => {
    expect(attributeSize(1)).toBe(2);
    expect(attributeSize(12345)).toBe(4);
    expect(attributeSize(1000)).toBe(2);
    expect(attributeSize(-0.015)).toBe(2);
  });

  it('counts booleans and null as one byte', () => {
    expect(attributeSize(true)).toBe(1);
    expect(attributeSize(null)).toBe(1);
  });

  it('adds 3 bytes per list or map and one byte per element', () => {
    expect(attributeSize([])).toBe(3);
    expect(attributeSize(['ab', 'c'])).toBe(3 + 1 + 2 + 1 + 1);
    expect(attributeSize({ k: 'v' })).toBe(3 + 1 + 1 + 1);
  });

  it('sums attribute names and values, skipping undefined ones', () => {
    expect(itemSize({ PK: 'OWNER#a', SK: 'ITEM#b', version: 1, gone: undefined })).toBe(
      2 + 7 + 2 + 6 + 7 + 2,
    );
  });
});

describe('capacity units', () => {
  it('charges one read unit per 4 KB, half for eventually consistent reads', () => {
    expect(readUnits(0, true)).toBe(1);
    expect(readUnits(4096, true)).toBe(1);
    expect(readUnits(4097, true)).toBe(2);
    expect(readUnits(10_000, false)).toBe(1.5);
  });

  it('charges one write unit per 1 KB', () => {
    expect(writeUnits(10)).toBe(1);
    expect(writeUnits(1024)).toBe(1);
    expect(writeUnits(3009)).toBe(3);
  });

  it('doubles write units for each item of a transaction', () => {
    expect(transactWriteUnits([6, 3009])).toBe(8);
  });
});
