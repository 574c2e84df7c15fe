const benchmarkNames = [
  'bundle',
  'cold-start',
  'overhead',
  'local-stack',
  'local-runtime',
  'scale',
  'cost',
  'load',
] as const;

export type BenchmarkName = (typeof benchmarkNames)[number];

export type BenchArgs = { only?: BenchmarkName; help?: string };

const usage = `usage: npm run bench [-- --only <${benchmarkNames.join('|')}>]`;

export const benchHelp = `${usage}

The kit's benchmarks, each a ratio against a baseline measured in the same run; prints one table
and writes bench/results.json.

Options:
  --only <name>  run one benchmark: ${benchmarkNames.join(', ')} (load runs only when asked for)
  --help, -h     print this text and exit`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: { only?: BenchmarkName } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: benchHelp };
    const [flag, inline] = arg.split('=', 2);
    if (flag !== '--only') throw new Error(`unknown argument ${arg}\n${usage}`);
    const value = inline ?? argv[++i];
    if (!benchmarkNames.includes(value as BenchmarkName)) {
      throw new Error(`--only needs one of ${benchmarkNames.join(', ')}, got ${value}\n${usage}`);
    }
    args.only = value as BenchmarkName;
  }
  return args;
}
