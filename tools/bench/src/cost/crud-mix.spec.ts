import { crudMix, mixSchedule, seededRandom } from './crud-mix';

const countOf = (ops: string[]) =>
  ops.reduce<Record<string, number>>((acc, op) => ({ ...acc, [op]: (acc[op] ?? 0) + 1 }), {});

describe('crud mix', () => {
  it('schedules exactly the mix proportions', () => {
    const schedule = mixSchedule(crudMix, 1000, seededRandom(1));
    expect(countOf(schedule)).toEqual({
      getItem: 400,
      listItems: 300,
      createItem: 150,
      replaceItem: 100,
      deleteItem: 50,
    });
  });

  it('fills rounding gaps so the schedule has the asked length', () => {
    expect(mixSchedule(crudMix, 7, seededRandom(1))).toHaveLength(7);
  });

  it('replays the same order for the same seed and another for another seed', () => {
    const a = mixSchedule(crudMix, 50, seededRandom(42));
    expect(mixSchedule(crudMix, 50, seededRandom(42))).toEqual(a);
    expect(mixSchedule(crudMix, 50, seededRandom(43))).not.toEqual(a);
  });

  it('draws numbers in [0, 1)', () => {
    const random = seededRandom(7);
    const draws = Array.from({ length: 1000 }, random);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });
});
