import { stageConfigs, synthesizeTemplate } from '@items-api/infra';
import { startRobustApi, unthrottledTemplate, type RobustApi } from '../src/harness/robust-api';
import { mixedWorkload } from '../src/load/mixed-workload';
import { runLoad, statusCounts } from '../src/load/run-load';

const CONNECTIONS = 8;
/** Each connection’s loop is 8 requests (create … delete): every connection runs it twice. */
const REQUESTS = CONNECTIONS * 8 * 2;
const OWNERS = 4;
/** What the mixed workload answers when nothing is wrong (no throttle in reach). */
const EXPECTED = ['200', '201', '204', '304'];

// Sustained load (60 s at 64 connections, memory before and after) is `npm run bench -- --only
// load`: here a fixed number of requests, so the outcome does not depend on the machine's speed.
describe('mixed traffic on the local server', () => {
  let t: RobustApi;

  beforeAll(async () => {
    t = await startRobustApi({ template: unthrottledTemplate() });
  }, 180_000);

  afterAll(() => t?.stop());

  it(`answers ${REQUESTS} requests of the mixed CRUD loop at ${CONNECTIONS} connections with no 5xx and no errors`, async () => {
    const tokens = await Promise.all(
      Array.from({ length: OWNERS }, (_, i) => t.token(`traffic-${i}`)),
    );
    const result = await runLoad({
      url: t.url,
      connections: CONNECTIONS,
      amount: REQUESTS,
      // The gateway's own limit: an answer slower than this would be its 503, not a hang.
      timeout: 30,
      requests: mixedWorkload(tokens),
    });
    const counts = statusCounts(result);
    expect(Object.values(counts).reduce((sum, count) => sum + count, 0)).toBe(REQUESTS);
    expect(Object.keys(counts).filter((code) => !EXPECTED.includes(code))).toEqual([]);
    expect([result['5xx'], result.errors, result.timeouts]).toEqual([0, 0, 0]);
  }, 120_000);

  it('answers requests beyond the stage’s burst with 429 Too Many Requests, never 5xx', async () => {
    // The dev stage's burst, and a rate of one token per 1,000 s: none comes back while the test
    // runs, so exactly the burst passes however the requests are spread in time.
    const { burstLimit } = stageConfigs.dev.throttle;
    const throttled = await startRobustApi({
      dynamodbEndpoint: t.api.dynamodbEndpoint,
      tableName: t.api.tableName,
      template: synthesizeTemplate({
        stage: 'dev',
        overrides: { throttle: { rateLimit: 0.001, burstLimit } },
      }),
    });
    try {
      // Unauthenticated: the gateway throttles before it authorizes, so those let through are 401s.
      const answers = await Promise.all(
        Array.from({ length: 4 * burstLimit }, () => throttled.send('/items', { as: null })),
      );
      const counts: Record<string, number> = {};
      for (const res of answers) counts[res.status] = (counts[res.status] ?? 0) + 1;
      expect(counts).toEqual({ 401: burstLimit, 429: 3 * burstLimit });
      const refusals = new Set(
        answers
          .filter((res) => res.status === 429)
          .map((res) => `${res.headers.get('content-type')} ${res.text}`),
      );
      expect([...refusals]).toEqual(['application/json {"message":"Too Many Requests"}']);
    } finally {
      await throttled.stop();
    }
  }, 60_000);
});
