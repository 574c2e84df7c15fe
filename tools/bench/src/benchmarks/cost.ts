import {
  createDependencies,
  createDocumentClient,
  createItemsHandler,
  loadConfig,
} from '@items-api/api';
import { stageConfigs } from '@items-api/infra';
import { recordConsumedCapacity, type CapacityRecord } from '../cost/capacity-recorder';
import { capacityTable, costTable, operationsTable } from '../cost/cost-tables';
import { spawnColdStart } from '../cold-start/spawn-cold-start';
import {
  costPerMillion,
  edgeMonthlyUsd,
  initCostPerMillionColdStarts,
  LAMBDA_MB_PER_VCPU,
  type Gateway,
} from '../cost/cost-model';
import { crudMix, mixSchedule, seededRandom } from '../cost/crud-mix';
import { indexCostTable, measureIndexCost, type IndexCostRow } from '../cost/index-cost';
import { runCrudMix, type MixInvocation } from '../cost/run-crud-mix';
import { prices } from '../prices';
import { ratioFigure } from '../report/figure';
import { median } from '../stats/percentile';
import { getItemEvent } from '../support/api-event';
import type { DynamoSession } from '../support/bench-context';
import { seedItems } from '../support/seed-items';
import { withStdoutDropped } from '../support/drop-stdout';
import type { Benchmark } from './benchmark';

const TABLE = 'bench-cost';
const OWNER = 'bench-cost';
const INDEX_OWNER = 'bench-index-cost';
const POOL = 200;
const WARMUP = 300;
const REQUESTS = 2_000;
const INIT_RUNS = 5;
const gateways: Record<Gateway, string> = {
  httpApi: 'HTTP API',
  httpApiEdge: 'HTTP API + CloudFront + WAF',
  restApi: 'REST API',
};

/**
 * The real handler on DynamoDB Local, through a client that records consumed capacity: the CRUD
 * mix, then each operation's units with 0–20 tags (another owner, so the mix is unaffected).
 */
async function measureMix(
  dynamo: DynamoSession,
): Promise<{ invocations: MixInvocation[]; indexCost: IndexCostRow[] }> {
  await dynamo.createTable(TABLE);
  const config = loadConfig({ TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint });
  const client = createDocumentClient(config);
  try {
    const capacity: CapacityRecord[] = [];
    recordConsumedCapacity(client, (entry) => capacity.push(entry));
    // Seeded through the recording client, so deleting a seeded item is priced by its size.
    const ids = await seedItems(client, TABLE, { owner: OWNER, count: POOL });
    const handler = createItemsHandler(createDependencies(config, client));
    const pool = ids.map((id) => ({ id, version: 1 }));
    const mix = { handler, owner: OWNER, pool, capacity };
    const schedule = (count: number, seed: number) =>
      mixSchedule(crudMix, count, seededRandom(seed));
    await runCrudMix({ ...mix, schedule: schedule(WARMUP, 1), random: seededRandom(11) });
    const invocations = await runCrudMix({
      ...mix,
      schedule: schedule(REQUESTS, 2),
      random: seededRandom(22),
    });
    const indexCost = await measureIndexCost({ handler, owner: INDEX_OWNER, capacity });
    return { invocations, indexCost };
  } finally {
    client.destroy();
  }
}

/**
 * The items bundle's INIT phase (its import in a fresh Node process, as in the cold-start
 * benchmark): median wall and CPU time of INIT_RUNS starts.
 */
async function measureInit(bundle: string, dynamo: DynamoSession) {
  const env = {
    TABLE_NAME: TABLE,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  };
  const runs = [];
  for (let i = 0; i < INIT_RUNS; i++) {
    runs.push(await spawnColdStart(bundle, getItemEvent(OWNER, '01J00000000000000000000000'), env));
  }
  return {
    wallMs: median(runs.map((r) => r.initMs)),
    cpuMs: median(runs.map((r) => r.initCpuMs)),
  };
}

function describe(
  invocations: MixInvocation[],
  memories: number[],
  rows: Parameters<typeof costTable>[0],
  indexCost: IndexCostRow[],
  init: { wallMs: number; cpuMs: number },
) {
  const mixText = Object.entries(crudMix)
    .map(([op, share]) => `${share}% ${op}`)
    .join(', ');
  return [
    `Cost model — CRUD mix: ${mixText}; ${REQUESTS.toLocaleString('en-US')} requests after ${WARMUP} warm-up, in process against DynamoDB Local; prices ${prices.region}, recorded ${prices.recordedOn} (tools/bench/src/prices.ts).`,
    `Lambda duration stand-in: CPU time measured here counts as time on one full vCPU and is stretched by ${LAMBDA_MB_PER_VCPU} MB ÷ memory (Lambda's CPU share); waiting time (wall − CPU, the DynamoDB round trip) is kept as measured; each request billed in whole ms. Assumes one core of this machine ≈ one Graviton vCPU and DynamoDB Local's round trip ≈ DynamoDB's in-region one. Excludes free tiers, data transfer, CloudWatch Logs, storage and Cognito.`,
    `INIT phase, billed as duration since ${prices.lambdaArm64.initBilledSince}: the bundle's import took ${init.cpuMs.toFixed(1)} ms of CPU (${init.wallMs.toFixed(1)} ms wall; median of ${INIT_RUNS} fresh processes), so each cold start adds ${memories
      .map((memoryMb) => {
        const cost = initCostPerMillionColdStarts(init, memoryMb, prices);
        return `$${cost.usd.toFixed(2)} per million cold starts at ${memoryMb} MB (${cost.billedMs} ms billed)`;
      })
      .join(
        ', ',
      )}. The table below is warm invocations only: add this times the share of requests that start an environment.`,
    operationsTable(invocations, memories),
    costTable(rows),
    `HTTP API + CloudFront + WAF is the stack's optional front (-c edge=true): per request it adds CloudFront's HTTPS request price and WAF's inspected-request price; the web ACL and its two rules also cost $${edgeMonthlyUsd(prices).toFixed(2)} a month whatever the traffic (not in the table). CloudWatch Logs ingestion of the Powertools log line and EMF records is not priced either.`,
    capacityTable(invocations.flatMap((i) => i.capacity)),
    indexCostTable(indexCost),
  ].join('\n\n');
}

export const costBenchmark: Benchmark = {
  name: 'cost',
  title: 'Cost per million requests (CRUD mix)',
  async run(context) {
    const dynamo = await context.dynamo();
    const { invocations, indexCost } = await withStdoutDropped(() => measureMix(dynamo));
    const init = await measureInit(context.apiBundle(), dynamo);
    const stageMemory = stageConfigs.dev.itemsFunction.memoryMb;
    const memories = [...new Set([128, 256, 512, stageMemory])].sort((a, b) => a - b);
    const rows = memories.flatMap((memoryMb) =>
      (Object.keys(gateways) as Gateway[]).map((gateway) => ({
        memoryMb,
        gateway: gateways[gateway],
        cost: costPerMillion(invocations, { memoryMb, gateway }, prices),
      })),
    );
    const total = (gateway: Gateway) =>
      costPerMillion(invocations, { memoryMb: stageMemory, gateway }, prices).total;
    return {
      figures: [
        ratioFigure({
          id: 'cost',
          label: `6. cost per 1M requests @${stageMemory} MB`,
          measured: { value: total('httpApi'), unit: 'USD' },
          baseline: { value: total('restApi'), unit: 'USD' },
          goal: { op: '<=', limit: 1 },
          note: `CRUD mix on HTTP API (measured) vs the same on REST API (baseline), arm64 at the dev stage's ${stageMemory} MB; issue 8 sets no goal, the check only confirms HTTP API is the cheaper front door; all sizes in the cost table below`,
        }),
      ],
      details: describe(invocations, memories, rows, indexCost, init),
      raw: {
        mix: crudMix,
        warmup: WARMUP,
        requests: REQUESTS,
        prices,
        mbPerVcpu: LAMBDA_MB_PER_VCPU,
        costPerMillion: rows,
        indexCost,
        init,
        initCostPerMillionColdStarts: memories.map((memoryMb) => ({
          memoryMb,
          ...initCostPerMillionColdStarts(init, memoryMb, prices),
        })),
        invocations: invocations.map(({ capacity: calls, ...rest }) => ({ ...rest, calls })),
      },
    };
  },
};
