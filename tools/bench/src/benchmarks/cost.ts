import {
  createDependencies,
  createDocumentClient,
  createItemsHandler,
  loadConfig,
} from '@items-api/api';
import { stageConfigs } from '@items-api/infra';
import { recordConsumedCapacity, type CapacityRecord } from '../cost/capacity-recorder';
import { capacityTable, costTable, operationsTable } from '../cost/cost-tables';
import {
  costPerMillion,
  edgeMonthlyUsd,
  LAMBDA_MB_PER_VCPU,
  type Gateway,
} from '../cost/cost-model';
import { crudMix, mixSchedule, seededRandom } from '../cost/crud-mix';
import { indexCostTable, measureIndexCost, type IndexCostRow } from '../cost/index-cost';
import { runCrudMix, type MixInvocation } from '../cost/run-crud-mix';
import { prices } from '../prices';
import { ratioFigure } from '../report/figure';
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

function describe(
  invocations: MixInvocation[],
  memories: number[],
  rows: Parameters<typeof costTable>[0],
  indexCost: IndexCostRow[],
) {
  const mixText = Object.entries(crudMix)
    .map(([op, share]) => `${share}% ${op}`)
    .join(', ');
  return [
    `Cost model — CRUD mix: ${mixText}; ${REQUESTS.toLocaleString('en-US')} requests after ${WARMUP} warm-up, in process against DynamoDB Local; prices ${prices.region}, recorded ${prices.recordedOn} (tools/bench/src/prices.ts).`,
    `Lambda duration stand-in: CPU time measured here counts as time on one full vCPU and is stretched by ${LAMBDA_MB_PER_VCPU} MB ÷ memory (Lambda's CPU share); waiting time (wall − CPU, the DynamoDB round trip) is kept as measured; each request billed in whole ms. Assumes one core of this machine ≈ one Graviton vCPU and DynamoDB Local's round trip ≈ DynamoDB's in-region one. Excludes free tiers, data transfer, CloudWatch Logs, storage and Cognito.`,
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
      details: describe(invocations, memories, rows, indexCost),
      raw: {
        mix: crudMix,
        warmup: WARMUP,
        requests: REQUESTS,
        prices,
        mbPerVcpu: LAMBDA_MB_PER_VCPU,
        costPerMillion: rows,
        indexCost,
        invocations: invocations.map(({ capacity: calls, ...rest }) => ({ ...rest, calls })),
      },
    };
  },
};
