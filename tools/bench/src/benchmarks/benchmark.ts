import type { BenchmarkName } from '../cli-args';
import type { Figure } from '../report/figure';
import type { BenchContext } from '../support/bench-context';

export type BenchmarkResult = {
  readonly figures: readonly Figure[];
  /** Tables printed under the summary (the cost breakdown, …). */
  readonly details?: string;
  /** Every raw number, for bench/results.json. */
  readonly raw: Record<string, unknown>;
};

export type Benchmark = {
  readonly name: BenchmarkName;
  readonly title: string;
  run(context: BenchContext): Promise<BenchmarkResult>;
};
