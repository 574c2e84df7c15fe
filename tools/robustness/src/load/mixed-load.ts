import type { AutocannonResult } from 'autocannon';
import { startRobustApi, unthrottledTemplate } from '../harness/robust-api';
import { currentRssMb, settledMemoryMb } from './memory';
import { mixedWorkload } from './mixed-workload';
import { runLoad, statusCounts } from './run-load';

export type MixedLoadOptions = {
  connections: number;
  owners: number;
  warmUpSeconds: number;
  /** The measured run is two halves of this many seconds, back to back. */
  halfSeconds: number;
};

/** What one autocannon run of the mixed workload came to. */
export type LoadPhase = {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number };
  statuses: Record<string, number>;
  serverErrors: number;
  errors: number;
  timeouts: number;
};

export type MixedLoadResult = MixedLoadOptions & {
  warmUp: LoadPhase;
  /** The measured run's first and second half: what changes as the server keeps running. */
  firstHalf: LoadPhase;
  secondHalf: LoadPhase;
  /** This process (the server and the load generator) after a full GC, and its peak. */
  memoryMb: {
    rssStart: number;
    rssEnd: number;
    rssPeak: number;
    heapStart: number;
    heapEnd: number;
  };
};

export const defaultMixedLoad: MixedLoadOptions = {
  connections: 64,
  owners: 16,
  warmUpSeconds: 5,
  halfSeconds: 30,
};

const phase = (result: AutocannonResult): LoadPhase => ({
  seconds: result.duration,
  requests: result.requests.total,
  requestsPerSecond: result.requests.average,
  latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
  statuses: statusCounts(result),
  serverErrors: result['5xx'],
  errors: result.errors,
  timeouts: result.timeouts,
});

/**
 * The mixed CRUD workload against the local server (dev template, throttle out of reach) in
 * this process, on loopback: a warm-up (environments start, DynamoDB Local's JIT settles), then
 * the measured run in two halves, with the process's memory after GC before and after it.
 * Bounded by the durations given and autocannon's 30 s request timeout.
 */
export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadResult> {
  const api = await startRobustApi({ template: unthrottledTemplate() });
  try {
    const tokens = await Promise.all(
      Array.from({ length: options.owners }, (_, i) => api.token(`load-${i}`)),
    );
    const requests = mixedWorkload(tokens);
    const run = (duration: number) =>
      runLoad({ url: api.url, connections: options.connections, duration, timeout: 30, requests });
    const warmUp = await run(options.warmUpSeconds);
    const start = settledMemoryMb();
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(currentRssMb()), 5_000);
    let firstHalf: AutocannonResult;
    let secondHalf: AutocannonResult;
    try {
      firstHalf = await run(options.halfSeconds);
      secondHalf = await run(options.halfSeconds);
    } finally {
      clearInterval(sampler);
    }
    const end = settledMemoryMb();
    return {
      ...options,
      warmUp: phase(warmUp),
      firstHalf: phase(firstHalf),
      secondHalf: phase(secondHalf),
      memoryMb: {
        rssStart: start.rss,
        rssEnd: end.rss,
        rssPeak: Math.max(...samples, end.rss),
        heapStart: start.heap,
        heapEnd: end.heap,
      },
    };
  } finally {
    await api.stop();
  }
}
