import {
  createDependencies,
  createItemsHandler,
  createLogger,
  CursorCodec,
  loadConfig,
} from '@items-api/api';
import { ratioFigure } from '../report/figure';
import { percentile, summarize } from '../stats/percentile';
import { apiEvent, benchContext } from '../support/api-event';
import { status } from '../support/progress';
import { seedItems } from '../support/seed-items';
import type { Benchmark } from './benchmark';

const OWNERS = {
  small: { owner: 'bench-1k', count: 1_000 },
  large: { owner: 'bench-100k', count: 100_000 },
};
const WARMUP = 50;
const SAMPLES = 300;
const MIDDLE_SAMPLES = 50;
const TABLE = 'bench-scale';

export const scaleBenchmark: Benchmark = {
  name: 'scale',
  title: 'Scale: list with 1,000 vs 100,000 items',
  async run(context) {
    const dynamo = await context.dynamo();
    await dynamo.createTable(TABLE);
    const seedStarted = performance.now();
    await seedItems(dynamo.documentClient, TABLE, OWNERS.small);
    const largeIds = await seedItems(dynamo.documentClient, TABLE, OWNERS.large);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    status(
      `seeded ${(OWNERS.small.count + OWNERS.large.count).toLocaleString('en-US')} items in ${seedSeconds.toFixed(0)} s`,
    );

    const config = loadConfig({ TABLE_NAME: TABLE, DYNAMODB_ENDPOINT: dynamo.endpoint });
    const handler = createItemsHandler({
      ...createDependencies(config, dynamo.documentClient),
      logger: createLogger('info', {}, () => undefined),
    });
    const list = (owner: string, cursor?: string) =>
      apiEvent({
        method: 'GET',
        path: '/items',
        routeKey: 'GET /items',
        query: { limit: '25', ...(cursor ? { cursor } : {}) },
        sub: owner,
      });
    // A page from the middle of the large partition: ExclusiveStartKey, not skipping.
    const middle = largeIds[Math.floor(largeIds.length / 2)];
    const events = {
      small: list(OWNERS.small.owner),
      large: list(OWNERS.large.owner),
      largeMiddle: list(
        OWNERS.large.owner,
        new CursorCodec(config.cursorSecret).encode(OWNERS.large.owner, middle),
      ),
    };
    const timeOne = async (event: (typeof events)[keyof typeof events]) => {
      const started = performance.now();
      const result = await handler(event, benchContext);
      const ms = performance.now() - started;
      const body = JSON.parse(result.body ?? '{}') as { items?: unknown[]; nextCursor?: string };
      if (result.statusCode !== 200 || body.items?.length !== 25 || !body.nextCursor) {
        throw new Error(
          `scale: GET /items answered ${result.statusCode} with ${body.items?.length} items`,
        );
      }
      return ms;
    };
    const samples = { small: [] as number[], large: [] as number[], largeMiddle: [] as number[] };
    for (let i = 0; i < WARMUP; i++) {
      await timeOne(events.small);
      await timeOne(events.large);
    }
    // Alternating which goes first: a request following a slow one must not bias either side.
    for (let i = 0; i < SAMPLES; i++) {
      const order = i % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
      for (const key of order) samples[key].push(await timeOne(events[key]));
    }
    for (let i = 0; i < MIDDLE_SAMPLES; i++)
      samples.largeMiddle.push(await timeOne(events.largeMiddle));
    const p50 = (key: keyof typeof samples) => ({
      value: percentile(samples[key], 50),
      unit: 'ms',
    });
    return {
      figures: [
        ratioFigure({
          id: 'scale',
          label: '5. scale: list p50, 100k ÷ 1k items',
          measured: p50('large'),
          baseline: p50('small'),
          goal: { op: '<=', limit: 1.2 },
          note: `GET /items?limit=25 through the full handler (in process) on DynamoDB Local, ${SAMPLES} requests each after ${WARMUP} warm-up, alternating; owners of 100,000 and 1,000 items in one table, seeded with BatchWrite in ${seedSeconds.toFixed(0)} s`,
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
        seedSeconds,
        owners: OWNERS,
        samples: SAMPLES,
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
