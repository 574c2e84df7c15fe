import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { differenceFigure, ratioFigure } from '../report/figure';
import type { BenchContext } from '../support/bench-context';
import { status } from '../support/progress';
import type { Benchmark } from './benchmark';

/** The fields of the mixed load's JSON line (tools/robustness/src/load/mixed-load.ts) read here. */
type Phase = {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  statuses: Record<string, number>;
  serverErrors: number;
  errors: number;
  timeouts: number;
};
type MixedLoad = {
  connections: number;
  owners: number;
  warmUpSeconds: number;
  halfSeconds: number;
  warmUp: Phase;
  firstHalf: Phase;
  secondHalf: Phase;
  memoryMb: {
    rssStart: number;
    rssEnd: number;
    rssPeak: number;
    heapStart: number;
    heapEnd: number;
  };
};

/** Beyond the run itself: building, synthesizing and starting DynamoDB Local on a busy machine. */
const START_ALLOWANCE_SECONDS = 300;

/**
 * The mixed load in a process of its own (server and load generator together, as the memory
 * figures are that process's), on loopback; killed if it outlives its run by the allowance.
 */
function runMixedLoad(root: string): Promise<MixedLoad> {
  const child = spawn(
    process.execPath,
    [
      require.resolve('tsx/cli'),
      '--tsconfig',
      join(root, 'tsconfig.base.json'),
      join(root, 'tools/robustness/src/load/mixed-load-cli.ts'),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const bound = setTimeout(() => child.kill('SIGKILL'), (65 + START_ALLOWANCE_SECONDS) * 1000);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(bound);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`load: the run ended (${code ?? signal}): ${stderr.slice(-800)}`));
        return;
      }
      resolve(JSON.parse(last) as MixedLoad);
    });
  });
}

export const loadBenchmark: Benchmark = {
  name: 'load',
  title: 'sustained mixed load on the local server',
  async run(context: BenchContext) {
    status('load: 5 s warm-up, then 2 × 30 s of the mixed CRUD loop at 64 connections…');
    const run = await runMixedLoad(context.root);
    const { firstHalf: first, secondHalf: second, memoryMb } = run;
    const quantity = (unit: string) => (value: number) => ({ value, unit });
    const unanswered = (half: Phase) => half.errors + half.timeouts;
    const total = (count: (half: Phase) => number) => count(first) + count(second);
    const describe = (half: Phase) =>
      `${half.requests.toLocaleString('en-US')} requests in ${half.seconds} s, statuses ${JSON.stringify(half.statuses)}, latency p50 ${half.latencyMs.p50} ms, p99 ${half.latencyMs.p99} ms`;
    return {
      figures: [
        ratioFigure({
          id: 'load-throughput',
          label: '8. load: requests per second',
          measured: quantity('req/s')(second.requestsPerSecond),
          baseline: quantity('req/s')(first.requestsPerSecond),
          note: `the mixed CRUD loop (create, read, replace with If-Match, list, read with If-None-Match, list, replace, delete) at ${run.connections} connections as ${run.owners} owners, on loopback, after a ${run.warmUpSeconds} s warm-up: the second half of a minute against the first (below 1×: the server slows as it runs). First half: ${describe(first)}; second half: ${describe(second)}`,
        }),
        differenceFigure({
          id: 'load-5xx',
          label: '   load: 5xx answers',
          measured: quantity('5xx')(second.serverErrors),
          baseline: quantity('5xx')(first.serverErrors),
          note: `answers 500–599 in the second half against the first; ${total((half) => half.serverErrors)} in the minute`,
        }),
        differenceFigure({
          id: 'load-errors',
          label: '   load: connection errors and timeouts',
          measured: quantity('errors')(unanswered(second)),
          baseline: quantity('errors')(unanswered(first)),
          note: `requests without an answer (autocannon errors and 30 s timeouts) in the second half against the first; ${total(unanswered)} in the minute`,
        }),
        ratioFigure({
          id: 'load-rss',
          label: '   load: RSS after GC, end ÷ start',
          measured: quantity('MB')(memoryMb.rssEnd),
          baseline: quantity('MB')(memoryMb.rssStart),
          note: `the load process (server and load generator) after a full GC, before and after the minute; peak ${memoryMb.rssPeak.toFixed(0)} MB, heap ${memoryMb.heapStart.toFixed(0)} → ${memoryMb.heapEnd.toFixed(0)} MB. A leak of a few hundred bytes a request shows over this many requests`,
        }),
      ],
      raw: run,
    };
  },
};
