import { indexCostTable, writeUnitsPerTag, type IndexCostRow } from './index-cost';

const row = (op: string, tags: number, documented?: number, reported = 4): IndexCostRow => ({
  op,
  tags,
  read: { reported: 1, documented: 1 },
  write: { reported, documented },
});

describe('index cost', () => {
  const rows = [
    row('delete', 0, 1, 1),
    row('delete', 1, 4),
    row('delete', 2, 6),
    row('delete', 20, 42),
  ];

  it('derives the first tag and each further tag from the 0-, 1- and 20-tag rows', () => {
    expect(writeUnitsPerTag(rows, 'delete')).toEqual({ firstTag: 3, eachFurther: 2 });
  });

  it('prices the reported units where the documented ones are unknown', () => {
    const reportedOnly = [
      row('x', 0, undefined, 1),
      row('x', 1, undefined, 4),
      row('x', 20, undefined, 42),
    ];
    expect(writeUnitsPerTag(reportedOnly, 'x')).toEqual({ firstTag: 3, eachFurther: 2 });
  });

  it('says nothing for an operation missing a tag count', () => {
    expect(writeUnitsPerTag([row('y', 0, 1)], 'y')).toBeUndefined();
  });

  it('prints both figures and the per-tag line', () => {
    const text = indexCostTable(rows);
    expect(text).toContain('delete: first tag +3.00 WRU, each further tag +2.00 WRU');
    expect(text).toMatch(/delete\s+20\s+1\.00\s+1\.00\s+4\.00\s+42\.0/);
  });
});
