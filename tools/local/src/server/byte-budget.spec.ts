import { ByteBudget } from './byte-budget';

describe('ByteBudget', () => {
  it('admits what fits at once and holds the rest back, first come first served', async () => {
    const budget = new ByteBudget(10);
    const first = await budget.reserve(6);
    const admitted: string[] = [];
    const second = budget.reserve(6).then((release) => {
      admitted.push('second');
      return release;
    });
    // Smaller, but after `second`: it waits its turn rather than overtaking.
    const third = budget.reserve(1).then((release) => {
      admitted.push('third');
      return release;
    });
    await new Promise(setImmediate); // every pending promise callback has run
    expect(admitted).toEqual([]);
    expect(budget.heldBytes).toBe(6);
    first();
    (await second)();
    (await third)();
    expect(admitted).toEqual(['second', 'third']);
    expect(budget.heldBytes).toBe(0);
  });

  it('caps a request larger than the whole budget at the budget, and releases once', async () => {
    const budget = new ByteBudget(10);
    const release = await budget.reserve(50);
    expect(budget.heldBytes).toBe(10);
    release();
    release();
    expect(budget.heldBytes).toBe(0);
  });
});
