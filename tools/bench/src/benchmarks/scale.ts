import {
  createDependencies,
  createItemsHandler,
  CursorCodec,
  loadConfig,
  type ItemsHandler,
} from '@items-api/api';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ratioFigure } from '../report/figure';
import { percentile, summarize } from '../stats/percentile';
import { apiEvent, benchContext } from '../support/api-event';
import type { DynamoSession } from '../support/bench-context';
import { status } from '../support/progress';
import { seedItems } from '../support/seed-items';
import { withStdoutDropped } from '../support/drop-stdout';
import type { Benchmark } from './benchmark';

const OWNERS = {
  small: { owner: 'bench-1k', count: 1_000 },
  large: { owner: 'bench-100k', count: 100_000 },
};
const WARMUP = 50;
const SAMPLES = 300;
const MIDDLE_SAMPLES = 50;
const TABLE = 'bench-scale';

type Samples = { small: number[]; large: number[]; largeMiddle: number[] };

async function seed(dynamo: DynamoSession) {
  await dynamo.createTable(TABLE);
  const started = performance.now();
  await seedItems(dynamo.documentClient, TABLE, OWNERS.small);
  const largeIds = await seedItems(dynamo.documentClient, TABLE, OWNERS.large);
  const seconds = (performance.now() - started) / 1000;
  const total = OWNERS.small.count + OWNERS.large.count;
  status(`seeded ${total.toLocaleString('en-US')} items in ${seconds.toFixed(0)} s`);
  return { seconds, largeIds };
}

const listEvent = (owner: string, cursor?: string) =>
  apiEvent({
    method: 'GET',
    path: '/items',
    routeKey: 'GET /items',
    query: { limit: '25', ...(cursor ? { cursor } : {}) },
    sub: owner,
  });

/** Milliseconds for one full page; anything but 25 items and a next cursor is an error. */
async function timeList(handler: ItemsHandler, event: APIGatewayProxyEventV2): Promise<number> {
  const started = performance.now();
  const result = await handler(event, benchContext);
  const ms = performance.now() - started;
  const body = JSON.parse(result.body ?? '{}') as { items?: unknown[]; nextCursor?: string };
  if (result.statusCode !== 200 || body.items?.length !== 25 || !body.nextCursor) {
    throw new Error(`scale: GET /items answered ${result.statusCode} with ${body.items?.length}`);
  }
  return ms;
}

async function measure(dynamo: DynamoSession, largeIds: string[]): Promise<Samples> {
  const config = loadConfig({ TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint });
  const handler = createItemsHandler(createDependencies(config, dynamo.documentClient));
  const middle = largeIds[Math.floor(largeIds.length / 2)];
  const cursor = new CursorCodec(config.cursorSecret).encode(OWNERS.large.owner, middle);
  const events = {
    small: listEvent(OWNERS.small.owner),
    large: listEvent(OWNERS.large.owner),
    largeMiddle: listEvent(OWNERS.large.owner, cursor),
  };
  const samples: Samples = { small: [], large: [], largeMiddle: [] };
  for (let i = 0; i < WARMUP; i++) {
    await timeList(handler, events.small);
    await timeList(handler, events.large);
  }
  // Alternating which goes first: a request following a slow one must not bias either side.
  for (let i = 0; i < SAMPLES; i++) {
    const order = i % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
    for (const key of order) samples[key].push(await timeList(handler, events[key]));
  }
  for (let i = 0; i < MIDDLE_SAMPLES; i++) {
    samples.largeMiddle.push(await timeList(handler, events.largeMiddle));
  }
  return samples;
}

export const scaleBenchmark: Benchmark = {
  name: 'scale',
  title: 'Scale: list with 1,000 vs 100,000 items',
  async run(context) {
    const dynamo = await context.dynamo();
    const seeded = await seed(dynamo);
    const samples = await withStdoutDropped(() => measure(dynamo, seeded.largeIds));
    const p50 = (key: keyof Samples) => ({ value: percentile(samples[key], 50), unit: 'ms' });
    return {
      figures: [
        ratioFigure({
          id: 'scale',
          label: '5. scale: list p50, 100k ÷ 1k items',
          measured: p50('large'),
          baseline: p50('small'),
          goal: { op: '<=', limit: 1.2 },
          note: `GET /items?limit=25 through the full handler (in process) on DynamoDB Local, ${SAMPLES} requests each after ${WARMUP} warm-up, alternating; owners of 100,000 and 1,000 items in one table, seeded with BatchWrite in ${seeded.seconds.toFixed(0)} s`,
        }),
        ratioFigure({
          id: 'scale-middle',
          label: '   scale: page at item 50,000 ÷ 1k',
          measured: p50('largeMiddle'),
          baseline: p50('small'),
          note: `a cursor from the middle of the 100k partition, ${MIDDLE_SAMPLES} requests (informational): DynamoDB Local's time for a cursor page grows with the items it passes over, while DynamoDB starts evaluating at ExclusiveStartKey; this row describes the emulator, not the kit`,
        }),
      ],
      raw: {
        seedSeconds: seeded.seconds,
        owners: OWNERS,
        summary: {
          small: summarize(samples.small),
          large: summarize(samples.large),
          largeMiddle: summarize(samples.largeMiddle),
        },
        milliseconds: samples,
      },
    };
  },
};
