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

export type BenchArgs = { only?: BenchmarkName };

const usage = `usage: npm run bench [-- --only <${benchmarkNames.join('|')}>]`;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: { only?: BenchmarkName } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
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
