import { progressBar } from './progress';

/**
 * `count` runs of each measurement, alternating, after one unrecorded run each (it fills the file
 * cache): drift on the machine then hits both sides alike.
 */
export async function alternately<K extends string, T>(
  label: string,
  count: number,
  measurements: Record<K, () => Promise<T>>,
): Promise<Record<K, T[]>> {
  const entries = Object.entries(measurements) as [K, () => Promise<T>][];
  for (const [, measure] of entries) await measure();
  const runs = Object.fromEntries(entries.map(([key]) => [key, [] as T[]])) as Record<K, T[]>;
  const bar = progressBar(label, count * entries.length);
  for (let i = 0; i < count; i++) {
    for (const [key, measure] of entries) runs[key].push(await measure());
    bar.update((i + 1) * entries.length);
  }
  bar.finish();
  return runs;
}
