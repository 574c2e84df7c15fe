// `npm run bench`: the seven benchmarks of the kit, each a ratio against a baseline measured in the
// same run; prints one table and writes bench/results.json. `-- --only <name>` runs one, also the
// sustained load (`--only load`), which runs only when asked for.
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { bundleBenchmark } from './benchmarks/bundle';
import type { Benchmark, BenchmarkResult } from './benchmarks/benchmark';
import { coldStartBenchmark } from './benchmarks/cold-start';
import { costBenchmark } from './benchmarks/cost';
import { localRuntimeBenchmark } from './benchmarks/local-runtime';
import { loadBenchmark } from './benchmarks/load';
import { localStackBenchmark } from './benchmarks/local-stack';
import { overheadBenchmark } from './benchmarks/overhead';
import { scaleBenchmark } from './benchmarks/scale';
import { parseBenchArgs } from './cli-args';
import { renderFigures, renderFiguresMarkdown } from './report/render-table';
import { machineInfo, writeResults } from './report/results-file';
import { BenchContext } from './support/bench-context';
import { status } from './support/progress';

const benchmarks: readonly Benchmark[] = [
  bundleBenchmark,
  coldStartBenchmark,
  overheadBenchmark,
  localStackBenchmark,
  localRuntimeBenchmark,
  scaleBenchmark,
  costBenchmark,
];

/** Run only by `--only <name>`: a minute of load is more than the default run should spend. */
const onRequest: readonly Benchmark[] = [loadBenchmark];

async function main() {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help !== undefined) {
    console.log(args.help);
    return;
  }
  const selected = args.only
    ? [...benchmarks, ...onRequest].filter((b) => b.name === args.only)
    : benchmarks;
  const context = new BenchContext();
  const startedAt = new Date();
  const machine = machineInfo();
  // Ctrl-C must not leave DynamoDB Local or a server behind.
  const interrupt = () => void context.close().finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);

  const results: Record<string, BenchmarkResult & { seconds: number }> = {};
  try {
    for (const benchmark of selected) {
      status(`\n▶ ${benchmark.title}`);
      const started = performance.now();
      const result = await benchmark.run(context);
      results[benchmark.name] = { ...result, seconds: (performance.now() - started) / 1000 };
    }
  } finally {
    await context.close();
  }

  const figures = Object.values(results).flatMap((r) => r.figures);
  const seconds = (Date.now() - startedAt.getTime()) / 1000;
  const details = Object.values(results).flatMap((r) => (r.details ? [r.details] : []));
  console.log(`\nItems API benchmarks — ${startedAt.toISOString()}`);
  console.log(
    `${machine.cpuCount} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(' ')} at start\n`,
  );
  console.log(renderFigures(figures));
  for (const detail of details) console.log(`\n${detail}`);
  const failed = figures.filter((f) => f.pass === false);
  console.log(
    `\n${figures.length} figures, ${failed.length} failing goal${failed.length === 1 ? '' : 's'}; ${seconds.toFixed(0)} s in all`,
  );
  const file = join(context.root, 'bench/results.json');
  writeResults(file, {
    date: startedAt.toISOString(),
    seconds,
    only: args.only ?? null,
    machine: { ...machine, loadAverageAtEnd: loadavg() },
    figures,
    markdown: renderFiguresMarkdown(figures),
    benchmarks: results,
  });
  console.log(`raw numbers: ${file}`);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
