import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ItemKeys } from '@items-api/api';
import { isDeepStrictEqual } from 'node:util';
import { ulid } from 'ulid';
import { buildBaselineBundle } from '../baseline/build-baseline';
import { spawnColdStart, type ColdStart } from '../cold-start/spawn-cold-start';
import { ratioFigure } from '../report/figure';
import { median, summarize } from '../stats/percentile';
import { getItemEvent } from '../support/api-event';
import type { DynamoSession } from '../support/bench-context';
import { alternately } from '../support/alternate';
import { sampleItem } from '../support/sample-item';
import { startTlsProxy } from '../support/tls-proxy';
import type { Benchmark } from './benchmark';

const RUNS = 25;
const OWNER = 'bench-cold-start';

const firstAnswerMs = (run: ColdStart) => run.initMs + run.invokeMs;
const firstAnswerCpuMs = (run: ColdStart) => run.initCpuMs + run.invokeCpuMs;

function assertAnswered(run: ColdStart, item: unknown, which: string) {
  if (run.statusCode !== 200 || !isDeepStrictEqual(JSON.parse(run.body ?? 'null'), item)) {
    throw new Error(`cold start: the ${which} function answered ${run.statusCode} ${run.body}`);
  }
}

/** One item of OWNER, stored with the real key layout: what both functions read. */
async function storeItem(dynamo: DynamoSession) {
  const table = await dynamo.createTable('bench-cold-start');
  const item = sampleItem(ulid());
  await dynamo.documentClient.send(
    new PutCommand({
      TableName: table,
      Item: {
        [ItemKeys.partitionKey]: ItemKeys.owner(OWNER),
        [ItemKeys.sortKey]: ItemKeys.item(item.id),
        ...item,
      },
    }),
  );
  return { table, item };
}

/** RUNS cold starts of each bundle, alternating, so drift on the machine hits both alike. */
const alternateRuns = (
  bundles: { items: string; baseline: string },
  event: unknown,
  env: Record<string, string>,
) =>
  alternately('cold starts', RUNS, {
    items: () => spawnColdStart(bundles.items, event, env),
    baseline: () => spawnColdStart(bundles.baseline, event, env),
  });

export const coldStartBenchmark: Benchmark = {
  name: 'cold-start',
  title: 'Cold start',
  async run(context) {
    const bundles = {
      items: context.apiBundle(),
      baseline: await buildBaselineBundle(context.root),
    };
    const dynamo = await context.dynamo();
    const { table, item } = await storeItem(dynamo);
    // Over HTTPS, as a function in Lambda reaches DynamoDB (support/tls-proxy.ts).
    const { hostname, port } = new URL(dynamo.endpoint);
    const proxy = await startTlsProxy({ host: hostname, port: Number(port) });
    const stopProxy = context.track(proxy.close);
    // The function's environment as the stack sets it, pointed at DynamoDB Local.
    const env = {
      TABLE_NAME: table,
      DYNAMODB_ENDPOINT: proxy.endpoint,
      NODE_EXTRA_CA_CERTS: proxy.caFile,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    const runs = await alternateRuns(bundles, getItemEvent(OWNER, item.id), env);
    await stopProxy();
    runs.items.forEach((run) => assertAnswered(run, item, 'items'));
    runs.baseline.forEach((run) => assertAnswered(run, item, 'baseline'));
    const ms = (value: number) => ({ value, unit: 'ms' });
    const node = runs.items[0].node;
    const medianOf = (f: (run: ColdStart) => number) => ({
      measured: ms(median(runs.items.map(f))),
      baseline: ms(median(runs.baseline.map(f))),
    });
    return {
      figures: [
        ratioFigure({
          id: 'cold-start',
          label: '2. cold start: import + first GET, CPU',
          ...medianOf(firstAnswerCpuMs),
          goal: { op: '<=', limit: 1.3 },
          note: `median of ${RUNS} fresh Node ${node} processes each (alternating), from the bundle's import to the first answer (GET /items/{id}, payload v2 + JWT claims) against DynamoDB Local over HTTPS (a loopback TLS proxy: the TLS client code a function in Lambda runs), Node's own boot excluded; CPU time of the process (all threads), because on a shared machine wall time mostly measures the neighbours — wall time on the next rows`,
        }),
        ratioFigure({
          id: 'cold-start-wall',
          label: '   cold start: import + first GET, wall',
          ...medianOf(firstAnswerMs),
          note: 'the same runs in wall-clock time (informational: noisy when other processes load the machine)',
        }),
        ratioFigure({
          id: 'cold-start-process',
          label: '   cold start: whole process, wall',
          ...medianOf((r) => r.processMs),
          note: 'spawn to exit as the parent sees it, Node boot included (informational)',
        }),
      ],
      raw: {
        runs: RUNS,
        node,
        items: {
          firstAnswerMs: summarize(runs.items.map(firstAnswerMs)),
          firstAnswerCpuMs: summarize(runs.items.map(firstAnswerCpuMs)),
          runs: runs.items.map(({ body: _b, ...r }) => r),
        },
        baseline: {
          firstAnswerMs: summarize(runs.baseline.map(firstAnswerMs)),
          firstAnswerCpuMs: summarize(runs.baseline.map(firstAnswerCpuMs)),
          runs: runs.baseline.map(({ body: _b, ...r }) => r),
        },
      },
    };
  },
};
