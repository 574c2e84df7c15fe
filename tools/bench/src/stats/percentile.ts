/** Nearest-rank percentile (`p` in 0–100) of unsorted samples: always one of the samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0–100, got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** The middle sample, or the mean of the two middle samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('mean of no samples');
  return samples.reduce((sum, x) => sum + x, 0) / samples.length;
}

/** Median, p99, mean, min, max: what results.json keeps next to the raw samples. */
export function summarize(samples: readonly number[]) {
  return {
    n: samples.length,
    median: median(samples),
    p99: percentile(samples, 99),
    mean: mean(samples),
    min: Math.min(...samples),
    max: Math.max(...samples),
  };
}
