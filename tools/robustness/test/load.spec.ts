import { stageConfigs, synthesizeTemplate } from '@items-api/infra';
import { currentRssMb, settledMemoryMb } from '../src/load/memory';
import { mixedWorkload } from '../src/load/mixed-workload';
import { runLoad, statusCounts } from '../src/load/run-load';
import { startRobustApi, unthrottledTemplate, type RobustApi } from '../src/harness/robust-api';

const CONNECTIONS = 64;
const WARM_UP_SECONDS = 5;
const LOAD_SECONDS = 60;
const OWNERS = 16;
const { throttle } = stageConfigs.dev;
/** What the mixed workload answers when nothing is wrong (no throttle in this phase). */
const EXPECTED = ['200', '201', '204', '304'];

describe('load on the local server', () => {
  let t: RobustApi;
  let tokens: string[];

  beforeAll(async () => {
    // The throttle is out of reach here: at 64 connections the stage's rate would turn the run
    // into a test of the token bucket; the last test covers the default throttle.
    t = await startRobustApi({ template: unthrottledTemplate() });
    tokens = await Promise.all(Array.from({ length: OWNERS }, (_, i) => t.token(`load-${i}`)));
  }, 180_000);

  afterAll(() => t?.stop());

  it(`serves ${LOAD_SECONDS} s of mixed traffic at ${CONNECTIONS} connections with no 5xx and flat memory`, async () => {
    const requests = mixedWorkload(tokens);
    await runLoad({ url: t.url, connections: CONNECTIONS, duration: WARM_UP_SECONDS, requests });
    const start = settledMemoryMb();
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(currentRssMb()), 5_000);
    const result = await runLoad({
      url: t.url,
      connections: CONNECTIONS,
      duration: LOAD_SECONDS,
      timeout: 30,
      requests,
    }).finally(() => clearInterval(sampler));
    const end = settledMemoryMb();
    const counts = statusCounts(result);
    const growth = (end.rss - start.rss) / start.rss;
    console.log(
      `load: ${result.requests.total} requests in ${result.duration} s at ${CONNECTIONS} connections ` +
        `(${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms / p99 ${result.latency.p99} ms), ` +
        `statuses ${JSON.stringify(counts)}, errors ${result.errors}, timeouts ${result.timeouts}; ` +
        `RSS after GC ${start.rss.toFixed(0)} → ${end.rss.toFixed(0)} MB (${(growth * 100).toFixed(1)}%), ` +
        `peak ${Math.max(...samples, end.rss).toFixed(0)} MB, heap ${start.heap.toFixed(0)} → ${end.heap.toFixed(0)} MB`,
    );
    expect(result.requests.total).toBeGreaterThan(0);
    expect(result['5xx']).toBe(0);
    expect([result.errors, result.timeouts]).toEqual([0, 0]);
    expect(Object.keys(counts).filter((code) => !EXPECTED.includes(code))).toEqual([]);
    // A leak of even a few hundred bytes per request breaks this over tens of thousands of requests.
    expect(growth).toBeLessThan(0.5);
  }, 180_000);

  it('answers traffic beyond the default stage throttle with 429 Too Many Requests, never 5xx', async () => {
    const throttled = await startRobustApi({
      dynamodbEndpoint: t.api.dynamodbEndpoint,
      tableName: t.api.tableName,
      template: synthesizeTemplate({ stage: 'dev' }),
    });
    try {
      const token = await throttled.token('load-0');
      const refusals = new Set<string>();
      const result = await runLoad({
        url: throttled.url,
        connections: 16,
        duration: 5,
        requests: [
          {
            method: 'GET',
            path: '/items?limit=5',
            headers: { authorization: `Bearer ${token}` },
            onResponse: (status, body, _context, headers) => {
              if (status === 429) refusals.add(`${headers['content-type']} ${body}`);
            },
          },
        ],
      });
      const counts = statusCounts(result);
      // Then four times the stage's burst at once: more than the bucket holds and refills while
      // they arrive, each request cheap (the gateway throttles before it authorizes).
      const burst = await Promise.all(
        Array.from({ length: 4 * throttle.burstLimit }, () =>
          throttled.send('/items', { as: null }),
        ),
      );
      burst.forEach((res) => {
        counts[res.status] = (counts[res.status] ?? 0) + 1;
        if (res.status === 429) refusals.add(`${res.headers.get('content-type')} ${res.text}`);
      });
      console.log(
        `throttled: ${result.requests.total + burst.length} requests, statuses ${JSON.stringify(counts)}`,
      );
      expect(Object.keys(counts).filter((code) => !['200', '401', '429'].includes(code))).toEqual(
        [],
      );
      expect(counts['429']).toBeGreaterThan(0);
      expect([...refusals]).toEqual(['application/json {"message":"Too Many Requests"}']);
    } finally {
      await throttled.stop();
    }
  }, 60_000);
});
