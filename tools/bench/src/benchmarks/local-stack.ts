import { synthesizeTemplate } from '@items-api/infra';
import { startLocalApi, type LocalApi } from '@items-api/local';
import { startGetItemServer } from '../baseline/get-item-server';
import { ratioFigure } from '../report/figure';
import { median } from '../stats/percentile';
import { runAutocannon, type LoadResult } from '../support/autocannon';
import { status } from '../support/progress';
import { sampleItem } from '../support/sample-item';
import type { Benchmark, BenchmarkResult } from './benchmark';

const CONNECTIONS = 10;
const WARMUP_SECONDS = 2;
const ROUND_SECONDS = 6;
const ROUNDS = 3;
const OWNER = 'bench-local-stack';
const TABLE = 'bench-local-stack';
/** The dev stage throttles at 100 req/s (burst 50); this benchmark measures the stack, not the limit. */
const throttle = { rateLimit: 1_000_000, burstLimit: 1_000_000 };

function assertAllOk(result: LoadResult, which: string) {
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(
      `local stack: ${which} answered ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts of ${result.requests}`,
    );
  }
}

async function createItem(api: LocalApi, token: string): Promise<string> {
  const { name, description, tags } = sampleItem('unused');
  const response = await fetch(`${api.url}/items`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, description, tags }),
  });
  if (response.status !== 201)
    throw new Error(`local stack: POST /items answered ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

type Target = { url: string; headers: Record<string, string> };

/** Warm-up, then ROUNDS alternating rounds of autocannon against each target. */
async function loadRounds(targets: { localStack: Target; baseline: Target }) {
  const load = (which: keyof typeof targets, durationSeconds: number) =>
    runAutocannon({ ...targets[which], connections: CONNECTIONS, durationSeconds });
  status(`warming up both servers (${WARMUP_SECONDS} s each)…`);
  await load('baseline', WARMUP_SECONDS);
  await load('localStack', WARMUP_SECONDS);
  const rounds = { localStack: [] as LoadResult[], baseline: [] as LoadResult[] };
  for (let round = 1; round <= ROUNDS; round++) {
    status(`round ${round}/${ROUNDS}: ${ROUND_SECONDS} s each, ${CONNECTIONS} connections`);
    rounds.baseline.push(await load('baseline', ROUND_SECONDS));
    rounds.localStack.push(await load('localStack', ROUND_SECONDS));
  }
  rounds.baseline.forEach((r) => assertAllOk(r, 'the baseline server'));
  rounds.localStack.forEach((r) => assertAllOk(r, 'the local server'));
  return rounds;
}

async function measure(api: LocalApi, baselineUrl: string): Promise<BenchmarkResult> {
  const token = await api.issueToken({ sub: OWNER });
  const id = await createItem(api, token);
  const targets = {
    localStack: { url: `${api.url}/items/${id}`, headers: { authorization: `Bearer ${token}` } },
    baseline: { url: `${baselineUrl}/items/${id}`, headers: {} },
  };
  const rounds = await loadRounds(targets);
  const med = (side: LoadResult[], f: (r: LoadResult) => number) => median(side.map(f));
  const fmt = (n: number) => n.toLocaleString('en-US');
  return {
    figures: [
      ratioFigure({
        id: 'local-stack-throughput',
        label: '4. local stack: throughput',
        measured: { value: med(rounds.localStack, (r) => r.requestsPerSecond), unit: 'req/s' },
        baseline: { value: med(rounds.baseline, (r) => r.requestsPerSecond), unit: 'req/s' },
        goal: { op: '>=', limit: 0.6 },
        note: `GET /items/{id} over HTTP, autocannon with ${CONNECTIONS} connections, median of ${ROUNDS} alternating ${ROUND_SECONDS} s rounds; startLocalApi (gateway emulator, JWT authorizer, the built bundle in execution environments) vs a plain node:http server doing the same GetCommand on the same DynamoDB Local; template: stage dev with its throttle overridden to rate ${fmt(throttle.rateLimit)}/burst ${fmt(throttle.burstLimit)} (default 100/50)`,
      }),
      ratioFigure({
        id: 'local-stack-p99',
        label: '   local stack: p99 latency',
        measured: { value: med(rounds.localStack, (r) => r.p99Ms), unit: 'ms' },
        baseline: { value: med(rounds.baseline, (r) => r.p99Ms), unit: 'ms' },
        goal: { op: '<=', limit: 2 },
      }),
      ratioFigure({
        id: 'local-stack-p50',
        label: '   local stack: p50 latency',
        measured: { value: med(rounds.localStack, (r) => r.p50Ms), unit: 'ms' },
        baseline: { value: med(rounds.baseline, (r) => r.p50Ms), unit: 'ms' },
      }),
    ],
    raw: { connections: CONNECTIONS, roundSeconds: ROUND_SECONDS, throttle, rounds },
  };
}

export const localStackBenchmark: Benchmark = {
  name: 'local-stack',
  title: 'Through the local stack',
  async run(context) {
    const dynamo = await context.dynamo();
    const template = synthesizeTemplate({ stage: 'dev', overrides: { throttle } });
    const api = await startLocalApi({
      template,
      dynamodbEndpoint: dynamo.endpoint,
      tableName: TABLE,
      inMemory: true,
      // Access lines and metrics for thousands of 200s would flood the terminal: the functions
      // log at WARN and what they still write (EMF records) is read and dropped.
      logLevel: 'warn',
      logSink: () => undefined,
    });
    const stopApi = context.track(() => api.stop());
    try {
      const baseline = await startGetItemServer({
        documentClient: dynamo.documentClient,
        tableName: TABLE,
        owner: OWNER,
      });
      const stopBaseline = context.track(() => baseline.stop());
      try {
        return await measure(api, baseline.url);
      } finally {
        await stopBaseline();
      }
    } finally {
      await stopApi();
    }
  },
};
