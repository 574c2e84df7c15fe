/** The request mix the cost estimate prices, in percent, by contract route name. */
export const crudMix = {
  getItem: 40,
  listItems: 30,
  createItem: 15,
  replaceItem: 10,
  deleteItem: 5,
} as const;

export type Operation = keyof typeof crudMix;

/** mulberry32: a small seeded generator, so every run replays the same request order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` operations in exactly the mix's proportions (largest remainders fill the rounding
 * gap), shuffled with `random`: the measured mean is then the mix's weighted mean.
 */
export function mixSchedule(
  mix: Readonly<Record<Operation, number>>,
  count: number,
  random: () => number,
): Operation[] {
  const total = Object.values(mix).reduce((sum, w) => sum + w, 0);
  const shares = (Object.entries(mix) as [Operation, number][]).map(([op, weight]) => {
    const exact = (count * weight) / total;
    return { op, n: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let missing = count - shares.reduce((sum, s) => sum + s.n, 0);
  for (const share of [...shares].sort((a, b) => b.remainder - a.remainder)) {
    if (missing-- <= 0) break;
    share.n += 1;
  }
  const schedule = shares.flatMap(({ op, n }) => Array<Operation>(n).fill(op));
  for (let i = schedule.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [schedule[i], schedule[j]] = [schedule[j], schedule[i]];
  }
  return schedule;
}
