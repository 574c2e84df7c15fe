import { formatETag, IdempotencyLimits } from '@items-api/contract';
import { createItemsHandler, createObservability, CursorCodec } from '@items-api/api';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { isDeepStrictEqual } from 'node:util';
import { ulid } from 'ulid';
import { differenceFigure } from '../report/figure';
import { median } from '../stats/percentile';
import { benchContext, getItemEvent } from '../support/api-event';
import { withStdoutDropped } from '../support/drop-stdout';
import { sampleItem } from '../support/sample-item';
import type { Benchmark } from './benchmark';
import { InMemoryItemRepository } from '@items-api/api/testing';

const WARMUP_ITERATIONS = 5_000;
const ROUNDS = 9;
const ITERATIONS_PER_ROUND = 5_000;

type Handler = (
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
) => Promise<{ statusCode?: number; body?: string }>;

/**
 * Wall and CPU µs per request over `iterations` sequential calls. The figure uses CPU time: on a
 * shared machine other processes stretch wall time, not the CPU this process spends.
 */
async function microsecondsPerRequest(handler: Handler, event: unknown, iterations: number) {
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    await handler(event as APIGatewayProxyEventV2WithJWTAuthorizer);
  }
  const wall = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / iterations };
}

/** Both handlers over one in-memory repository holding one item, and the event reading it. */
async function setUp() {
  const repo = new InMemoryItemRepository();
  const item = sampleItem(ulid());
  await repo.create('bench-user', item);
  // The access log line and EMF records are still built; only the stdout write is dropped
  // (support/drop-stdout.ts).
  const itemsHandler = (logLevel: 'info' | 'warn'): Handler => {
    const handler = createItemsHandler({
      ...createObservability({
        logLevel,
        serviceName: 'items-api',
        metricsNamespace: 'ItemsApi/bench',
        tracingEnabled: false,
        metricsDisabled: false,
      }),
      repo,
      cursors: new CursorCodec('bench-cursor-secret-bench-cursor-secret'),
      clock: () => new Date(),
      ids: ulid,
      idempotencyTtlSeconds: IdempotencyLimits.replaySeconds,
    });
    return (event) => withStdoutDropped(() => handler(event, benchContext));
  };
  // The same read and the same JSON, without middy, ts-rest, validation or problem mapping.
  const raw: Handler = async (event) => {
    const found = await repo.get(
      event.requestContext.authorizer.jwt.claims.sub as string,
      event.pathParameters?.id ?? '',
    );
    if (!found) return { statusCode: 404 };
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json', etag: formatETag(found.version) },
      body: JSON.stringify(found),
    } as { statusCode: number; body: string };
  };
  return {
    full: itemsHandler('info'),
    // The same handler where Powertools Logger writes no access line: what that line costs.
    warn: itemsHandler('warn'),
    raw,
    event: getItemEvent('bench-user', item.id),
    item,
  };
}

async function assertSameAnswer(handlers: Handler[], event: unknown, item: unknown) {
  for (const handler of handlers) {
    const result = await handler(event as APIGatewayProxyEventV2WithJWTAuthorizer);
    if (result.statusCode !== 200 || !isDeepStrictEqual(JSON.parse(result.body ?? ''), item)) {
      throw new Error(`overhead: a handler answered ${result.statusCode} ${result.body}`);
    }
  }
}

export const overheadBenchmark: Benchmark = {
  name: 'overhead',
  title: 'In-process overhead',
  async run() {
    const { full, warn, raw, event, item } = await setUp();
    await assertSameAnswer([full, warn, raw], event, item);
    for (const handler of [full, warn, raw]) {
      await microsecondsPerRequest(handler, event, WARMUP_ITERATIONS);
    }
    type Round = Awaited<ReturnType<typeof microsecondsPerRequest>>;
    const rounds = { full: [] as Round[], warn: [] as Round[], raw: [] as Round[] };
    // Alternating rounds: drift (GC, CPU frequency) hits every side alike.
    for (let round = 0; round < ROUNDS; round++) {
      rounds.full.push(await microsecondsPerRequest(full, event, ITERATIONS_PER_ROUND));
      rounds.warn.push(await microsecondsPerRequest(warn, event, ITERATIONS_PER_ROUND));
      rounds.raw.push(await microsecondsPerRequest(raw, event, ITERATIONS_PER_ROUND));
    }
    await assertSameAnswer([full, warn, raw], event, item);
    const us = (value: number) => ({ value, unit: 'µs' });
    return {
      figures: [
        differenceFigure({
          id: 'overhead',
          label: '3. in-process overhead per request',
          measured: us(median(rounds.full.map((r) => r.cpu))),
          baseline: us(median(rounds.raw.map((r) => r.cpu))),
          goal: { op: '<=', limit: 30 },
          note: `GET /items/{id}, InMemoryItemRepository; median of ${ROUNDS} rounds × ${ITERATIONS_PER_ROUND.toLocaleString('en-US')} sequential requests after ${WARMUP_ITERATIONS.toLocaleString('en-US')} warm-up each; full handler vs a raw handler returning the same JSON; CPU µs (wall: ${median(rounds.full.map((r) => r.wall)).toFixed(1)} vs ${median(rounds.raw.map((r) => r.wall)).toFixed(2)} µs)`,
        }),
        differenceFigure({
          id: 'overhead-log-level-warn',
          label: '   same handler, log level WARN',
          measured: us(median(rounds.warn.map((r) => r.cpu))),
          baseline: us(median(rounds.raw.map((r) => r.cpu))),
          note: 'the same handler with Powertools Logger at WARN: no access line is written (the EMF records still are); the difference from the row above is what the access line costs',
        }),
      ],
      raw: {
        warmupIterations: WARMUP_ITERATIONS,
        iterationsPerRound: ITERATIONS_PER_ROUND,
        microsecondsPerRequest: rounds,
      },
    };
  },
};
