import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ItemKeys } from '@items-api/api';
import { stageConfigs, synthesizeTemplate } from '@items-api/infra';
import {
  readFunctions,
  startLocalApi,
  type LambdaFunction,
  type LocalApi,
  type LocalApiOptions,
} from '@items-api/local';
import { ItemsFunctionEnv } from '@items-api/stack-contract';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildBaselineBundle } from '../baseline/build-baseline';
import { startEnvironmentServer } from '../baseline/environment-server';
import { startGetItemServer } from '../baseline/get-item-server';
import { ratioFigure } from '../report/figure';
import { median } from '../stats/percentile';
import { runAutocannon, type LoadResult } from '../support/autocannon';
import type { DynamoSession } from '../support/bench-context';
import { cpuByProcess, type CpuByProcess } from '../support/process-cpu';
import { status } from '../support/progress';
import { sampleItem } from '../support/sample-item';
import type { Benchmark, BenchmarkResult } from './benchmark';

const CONNECTIONS = 10;
// DynamoDB Local's JIT takes about half a minute of load to settle (throughput rose from about
// 500 to about 1,500 req/s over the first 40 s of a run): every side is warmed for this long
// first, in turn.
const WARMUP_SECONDS = 5;
const ROUND_SECONDS = 6;
const ROUNDS = 3;
const OWNER = 'bench-local-stack';
const TABLE = 'bench-local-stack';
const BARE_TABLE = 'bench-local-stack-bare';
const EMPTY_TABLE = 'bench-local-stack-empty';
/** The dev stage's throttle (`stageConfigs.dev.throttle`) is raised: this measures the stack, not the limit. */
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

type Target = { url: string; headers: Record<string, string>; connections?: number };
type Side =
  | 'baseline'
  | 'localStack'
  | 'bareFunction'
  | 'emptyFunction'
  | 'plainServer'
  | 'plainServerOneAtATime';
type Round = LoadResult & { cpu?: CpuByProcess };

/** Processes by their part in a request: the execution environments, DynamoDB Local. */
const classify = (commandLine: string) =>
  commandLine.includes('bootstrap.cjs')
    ? 'environments'
    : /\bjava\b/.test(commandLine)
      ? 'dynamodbLocal'
      : undefined;

/** Warm-up, then ROUNDS rounds of autocannon against each target, each round in another order. */
async function loadRounds(targets: Record<Side, Target>) {
  const sides = Object.keys(targets) as Side[];
  const load = async (which: Side, durationSeconds: number): Promise<Round> => {
    const { result, cpu } = await cpuByProcess(classify, () =>
      runAutocannon({ connections: CONNECTIONS, ...targets[which], durationSeconds }),
    );
    return { ...result, ...(cpu ? { cpu } : {}) };
  };
  status(`warming up the servers (${WARMUP_SECONDS} s each)…`);
  for (const side of sides) await load(side, WARMUP_SECONDS);
  const rounds = Object.fromEntries(sides.map((side) => [side, [] as Round[]])) as Record<
    Side,
    Round[]
  >;
  for (let round = 1; round <= ROUNDS; round++) {
    status(`round ${round}/${ROUNDS}: ${ROUND_SECONDS} s each`);
    // Each round starts with another side, so a server still warming up (DynamoDB Local's JIT)
    // does not always favour the sides that run late in a round.
    const start = Math.floor(((round - 1) * sides.length) / ROUNDS);
    const order = [...sides.slice(start), ...sides.slice(0, start)];
    for (const side of order) rounds[side].push(await load(side, ROUND_SECONDS));
  }
  for (const side of sides) rounds[side].forEach((r) => assertAllOk(r, side));
  return rounds;
}

/**
 * CPU microseconds per request by process, median over the rounds: `gateway` is this process
 * (the local API Gateway, or the plain server), `load generator` is autocannon.
 */
function cpuPerRequest(rounds: Round[]): Record<string, number> | undefined {
  if (rounds.some((r) => !r.cpu)) return undefined;
  const names: Record<string, string> = {
    self: 'gateway / server',
    environments: 'execution environments',
    dynamodbLocal: 'DynamoDB Local',
    ended: 'load generator',
  };
  const kinds = [...new Set(rounds.flatMap((r) => Object.keys(r.cpu ?? {})))];
  return Object.fromEntries(
    kinds.map((kind) => [
      names[kind] ?? kind,
      Math.round(median(rounds.map((r) => ((r.cpu?.[kind] ?? 0) * 1e6) / r.requests))),
    ]),
  );
}

function cpuTable(bySide: Record<Side, Record<string, number> | undefined>): string | undefined {
  const sides = Object.entries(bySide).filter(
    (entry): entry is [Side, Record<string, number>] => entry[1] !== undefined,
  );
  if (sides.length === 0) return undefined;
  const kinds = [...new Set(sides.flatMap(([, cpu]) => Object.keys(cpu)))];
  const total = (cpu: Record<string, number>) => Object.values(cpu).reduce((a, b) => a + b, 0);
  const rows: string[][] = [
    ['CPU µs per request', ...sides.map(([side]) => side)],
    ...kinds.map((kind) => [kind, ...sides.map(([, cpu]) => String(cpu[kind] ?? 0))]),
    ['total', ...sides.map(([, cpu]) => String(total(cpu)))],
  ];
  const widths = (rows[0] ?? []).map((_, i) =>
    Math.max(...rows.map((row) => (row[i] ?? '').length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

const stackOptions = (dynamo: DynamoSession): LocalApiOptions => ({
  dynamodbEndpoint: dynamo.endpoint,
  tableName: TABLE,
  inMemory: true,
  // Access lines and metrics for thousands of 200s would flood the terminal: the functions
  // log at WARN and what they still write (EMF records) is read and dropped.
  logLevel: 'warn',
  logSink: () => undefined,
});

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: object };

/**
 * The dev stage's template with the items function's code swapped for other code: the same
 * gateway, authorizer and execution environments around a function that does less.
 */
function templateRunning(code: { dir: string; handler: string }) {
  const template = synthesizeTemplate({ stage: 'dev', overrides: { throttle } }) as {
    Resources: Record<string, Resource>;
  };
  const items = template.Resources[itemsFunctionId(template)] as Resource;
  items.Properties['Code'] = { S3Bucket: 'bench', S3Key: 'function.zip' };
  items.Properties['Handler'] = code.handler;
  // An absolute asset path, as `cdk synth` writes with staging disabled.
  items.Metadata = { 'aws:asset:path': code.dir, 'aws:asset:property': 'Code' };
  return template as Record<string, unknown>;
}

/** The items function's logical id: the function whose variables name the Powertools service. */
function itemsFunctionId(template: { Resources: Record<string, Resource> }): string {
  const found = Object.entries(template.Resources).find(
    ([, r]) =>
      r.Type === 'AWS::Lambda::Function' &&
      ItemsFunctionEnv.serviceName in
        ((r.Properties['Environment'] as { Variables?: object } | undefined)?.Variables ?? {}),
  );
  if (!found) throw new Error('local stack: the template has no items function');
  return found[0];
}

/** The items function of `template` as the local runtime reads it. */
function itemsFunctionOf(template: Record<string, unknown>): LambdaFunction {
  const id = itemsFunctionId(template as { Resources: Record<string, Resource> });
  return readFunctions(template, { only: new Set([id]) })[id] as LambdaFunction;
}

/** A function that answers at once, calling nothing: what the local stack adds by itself. */
function emptyFunctionDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-empty-function-'));
  writeFileSync(
    join(dir, 'index.mjs'),
    "export const handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' });\n",
  );
  return dir;
}

type Servers = {
  apis: { localStack: LocalApi; bareFunction: LocalApi; emptyFunction: LocalApi };
  /** The baseline function in execution environments behind plain node:http. */
  environmentServerUrl: string;
  /** The same GetCommand inside a plain node:http server's own process. */
  plainServerUrl: string;
};

/** The item the GETs read, in every table a target reads from. */
async function storeItem(servers: Servers, token: string, dynamo: DynamoSession) {
  const id = await createItem(servers.apis.localStack, token);
  // The baseline function only reads (in the environment server and in the bare-function
  // stack, one table): its item is written straight to its table.
  const { name, description, tags } = sampleItem(id);
  await dynamo.documentClient.send(
    new PutCommand({
      TableName: BARE_TABLE,
      Item: {
        [ItemKeys.partitionKey]: ItemKeys.owner(OWNER),
        [ItemKeys.sortKey]: ItemKeys.item(id),
        id,
        name,
        description,
        tags,
        version: 1,
      },
    }),
  );
  return id;
}

async function measure(servers: Servers, dynamo: DynamoSession): Promise<BenchmarkResult> {
  const { apis } = servers;
  const token = await apis.localStack.issueToken({ sub: OWNER });
  const bareToken = await apis.bareFunction.issueToken({ sub: OWNER });
  const emptyToken = await apis.emptyFunction.issueToken({ sub: OWNER });
  const id = await storeItem(servers, token, dynamo);
  const rounds = await loadRounds({
    baseline: { url: `${servers.environmentServerUrl}/items/${id}`, headers: {} },
    localStack: {
      url: `${apis.localStack.url}/items/${id}`,
      headers: { authorization: `Bearer ${token}` },
    },
    bareFunction: {
      url: `${apis.bareFunction.url}/items/${id}`,
      headers: { authorization: `Bearer ${bareToken}` },
    },
    emptyFunction: {
      url: `${apis.emptyFunction.url}/items/${id}`,
      headers: { authorization: `Bearer ${emptyToken}` },
    },
    plainServer: { url: `${servers.plainServerUrl}/items/${id}`, headers: {} },
    // The plain server answering one request at a time, as each execution environment does:
    // what the same work costs a process that waits between requests.
    plainServerOneAtATime: {
      url: `${servers.plainServerUrl}/items/${id}`,
      headers: {},
      connections: 1,
    },
  });
  const med = (side: Round[], f: (r: Round) => number) => median(side.map(f));
  const fmt = (n: number) => n.toLocaleString('en-US');
  const cpu = Object.fromEntries(
    (Object.keys(rounds) as Side[]).map((side) => [side, cpuPerRequest(rounds[side])]),
  ) as Record<Side, Record<string, number> | undefined>;
  const details = cpuTable(cpu);
  const requestsPerSecond = (side: Round[]) => ({
    value: med(side, (r) => r.requestsPerSecond),
    unit: 'req/s',
  });
  /** Requests per second of `side` against the baseline's, as an informational row. */
  const throughput = (id: string, label: string, side: Round[], note: string) =>
    ratioFigure({
      id,
      label,
      measured: requestsPerSecond(side),
      baseline: requestsPerSecond(rounds.baseline),
      note,
    });
  return {
    figures: [
      ratioFigure({
        id: 'local-stack-throughput',
        label: '4. local stack: throughput',
        measured: requestsPerSecond(rounds.localStack),
        baseline: requestsPerSecond(rounds.baseline),
        goal: { op: '>=', limit: 0.6 },
        note: `GET /items/{id} over HTTP, autocannon with ${CONNECTIONS} connections, median of ${ROUNDS} alternating ${ROUND_SECONDS} s rounds; startLocalApi (gateway emulator, JWT authorizer, the built bundle in execution environments) vs plain node:http handing each request to a GetCommand-only function in the same execution environments, on the same DynamoDB Local; template: stage dev with its throttle overridden to rate ${fmt(throttle.rateLimit)}/burst ${fmt(throttle.burstLimit)} (default ${fmt(stageConfigs.dev.throttle.rateLimit)}/${fmt(stageConfigs.dev.throttle.burstLimit)})`,
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
      throughput(
        'local-stack-bare-function',
        '   same stack, one-GetCommand function',
        rounds.bareFunction,
        "the local stack's gateway and authorizer in front of the baseline's function instead of the items handler: what the gateway emulator adds",
      ),
      throughput(
        'local-stack-empty-function',
        '   same stack, a function calling nothing',
        rounds.emptyFunction,
        "the same gateway, authorizer and execution environments around a function that answers at once: the stack's own ceiling, with no DynamoDB round trip made one request at a time per environment",
      ),
      ratioFigure({
        id: 'local-stack-vs-one-process',
        label: '   local stack ÷ GetCommand in one process',
        measured: requestsPerSecond(rounds.localStack),
        baseline: requestsPerSecond(rounds.plainServer),
        note: "the local stack against a plain node:http server doing the GetCommand in its own process, its ten requests' DynamoDB calls overlapping in one event loop: what serving one request at a time per execution environment, as Lambda does, costs on this machine",
      }),
    ],
    ...(details
      ? {
          details: `Where the CPU goes (median over the rounds, from /proc; plainServer is the GetCommand inside a node:http server's process, plainServerOneAtATime the same at one connection, one request at a time as an execution environment serves them):\n${details}`,
        }
      : {}),
    raw: { connections: CONNECTIONS, roundSeconds: ROUND_SECONDS, throttle, rounds, cpu },
  };
}

export const localStackBenchmark: Benchmark = {
  name: 'local-stack',
  title: 'Through the local stack',
  async run(context) {
    const dynamo = await context.dynamo();
    const started: (() => Promise<void>)[] = [];
    try {
      const localStack = await startLocalApi({
        ...stackOptions(dynamo),
        template: synthesizeTemplate({ stage: 'dev', overrides: { throttle } }),
      });
      started.push(context.track(() => localStack.stop()));
      const baselineBundle = await buildBaselineBundle(context.root);
      // One template running the baseline's function: behind the gateway, and on its own.
      const bareTemplate = templateRunning({
        dir: dirname(baselineBundle),
        handler: 'main.handler',
      });
      const bareFunction = await startLocalApi({
        ...stackOptions(dynamo),
        template: bareTemplate,
        tableName: BARE_TABLE,
      });
      started.push(context.track(() => bareFunction.stop()));
      const emptyDir = emptyFunctionDir();
      started.push(async () => rmSync(emptyDir, { recursive: true, force: true }));
      const emptyFunction = await startLocalApi({
        ...stackOptions(dynamo),
        template: templateRunning({ dir: emptyDir, handler: 'index.handler' }),
        tableName: EMPTY_TABLE,
      });
      started.push(context.track(() => emptyFunction.stop()));
      const environmentServer = await startEnvironmentServer({
        fn: itemsFunctionOf(bareTemplate),
        tableName: BARE_TABLE,
        dynamodbEndpoint: dynamo.endpoint,
        owner: OWNER,
      });
      started.push(context.track(() => environmentServer.stop()));
      const plainServer = await startGetItemServer({
        documentClient: dynamo.documentClient,
        tableName: TABLE,
        owner: OWNER,
      });
      started.push(context.track(() => plainServer.stop()));
      return await measure(
        {
          apis: { localStack, bareFunction, emptyFunction },
          environmentServerUrl: environmentServer.url,
          plainServerUrl: plainServer.url,
        },
        dynamo,
      );
    } finally {
      for (const stop of started.reverse()) await stop();
    }
  },
};
