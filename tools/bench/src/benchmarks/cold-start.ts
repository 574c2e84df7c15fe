import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ItemKeys } from '@items-api/api';
import { ItemsFunctionEnv } from '@items-api/stack-contract';
import { basename, dirname } from 'node:path';
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
import { startXRayDaemonSink, type XRayDaemonSink } from '../support/xray-daemon-sink';
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

/**
 * What Lambda sets for every function and the function's libraries read ("Defined runtime
 * environment variables", Lambda developer guide): Powertools and the X-Ray SDK decide from
 * these whether they run in Lambda, and Powertools counts a cold start only for `on-demand`.
 */
const lambdaVariables = (bundle: string) => ({
  AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
  AWS_LAMBDA_FUNCTION_NAME: 'cold-start',
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  LAMBDA_TASK_ROOT: dirname(bundle),
  _HANDLER: `${basename(bundle, '.mjs')}.handler`,
});

/**
 * Active tracing as Lambda sets it up (X-Ray developer guide, "Using AWS X-Ray with AWS
 * Lambda"; Lambda's "Defined runtime environment variables"): the daemon's address, the context
 * strategy and a sampled trace header, here for one trace, the daemon being the bench's sink.
 */
const activeTracing = (daemon: XRayDaemonSink) => ({
  [ItemsFunctionEnv.tracingEnabled]: 'true',
  AWS_XRAY_DAEMON_ADDRESS: daemon.address,
  AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
  _X_AMZN_TRACE_ID: 'Root=1-6745a0b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1',
});

/**
 * RUNS cold starts of each side, alternating, so drift on the machine hits all alike: the items
 * function as a stage without tracing runs it (dev), the same with active tracing (prod), and the
 * baseline.
 */
const alternateRuns = (
  bundles: { items: string; baseline: string },
  event: unknown,
  env: Record<string, string>,
  daemon: XRayDaemonSink,
) =>
  alternately('cold starts', RUNS, {
    items: () =>
      spawnColdStart(bundles.items, event, {
        ...env,
        ...lambdaVariables(bundles.items),
        [ItemsFunctionEnv.tracingEnabled]: 'false',
      }),
    traced: () =>
      spawnColdStart(bundles.items, event, {
        ...env,
        ...lambdaVariables(bundles.items),
        ...activeTracing(daemon),
      }),
    baseline: () =>
      spawnColdStart(bundles.baseline, event, { ...env, ...lambdaVariables(bundles.baseline) }),
  });

/** The traced runs must have sent their DynamoDB call to the daemon, or they measured nothing. */
function assertTraced(daemon: XRayDaemonSink) {
  const documents = daemon.documents();
  if (!documents.some((d) => d['name'] === 'DynamoDB')) {
    throw new Error(
      `cold start: the traced runs sent no DynamoDB subsegment (${documents.length} documents)`,
    );
  }
  return documents.length;
}

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
    const daemon = await startXRayDaemonSink();
    const stopDaemon = context.track(daemon.close);
    // The function's environment as the stack sets it, pointed at DynamoDB Local.
    const env = {
      TABLE_NAME: table,
      DYNAMODB_ENDPOINT: proxy.endpoint,
      NODE_EXTRA_CA_CERTS: proxy.caFile,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    const runs = await alternateRuns(bundles, getItemEvent(OWNER, item.id), env, daemon);
    await stopProxy();
    const documents = assertTraced(daemon);
    await stopDaemon();
    runs.items.forEach((run) => assertAnswered(run, item, 'items'));
    runs.traced.forEach((run) => assertAnswered(run, item, 'traced items'));
    runs.baseline.forEach((run) => assertAnswered(run, item, 'baseline'));
    const ms = (value: number) => ({ value, unit: 'ms' });
    const node = runs.items[0].node;
    const medianOf = (f: (run: ColdStart) => number, side: 'items' | 'traced' = 'items') => ({
      measured: ms(median(runs[side].map(f))),
      baseline: ms(median(runs.baseline.map(f))),
    });
    return {
      figures: [
        ratioFigure({
          id: 'cold-start',
          label: '2. cold start: import + first GET, CPU',
          ...medianOf(firstAnswerCpuMs),
          goal: { op: '<=', limit: 1.1 },
          note: `median of ${RUNS} fresh Node ${node} processes each (alternating), from the bundle's import to the first answer (GET /items/{id}, payload v2 + JWT claims) against DynamoDB Local over HTTPS (a loopback TLS proxy: the TLS client code a function in Lambda runs), Node's own boot excluded, tracing off as in a stage without it (dev); CPU time of the process (all threads), because on a shared machine wall time mostly measures the neighbours — wall time on the next rows`,
        }),
        ratioFigure({
          id: 'cold-start-traced',
          label: '   cold start, X-Ray active tracing, CPU',
          ...medianOf(firstAnswerCpuMs, 'traced'),
          goal: { op: '<=', limit: 1.1 },
          note: `the same, with Lambda's active tracing set up (prod): a sampled trace header and the daemon's address, the daemon being a UDP sink that received ${documents} segment documents from the ${RUNS + 1} traced runs; the baseline does not trace`,
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
        traced: {
          segmentDocuments: documents,
          firstAnswerMs: summarize(runs.traced.map(firstAnswerMs)),
          firstAnswerCpuMs: summarize(runs.traced.map(firstAnswerCpuMs)),
          runs: runs.traced.map(({ body: _b, ...r }) => r),
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
