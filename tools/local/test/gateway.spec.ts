import { stageConfigs, synthesizeTemplate } from '@items-api/infra';

/** An origin the dev stage allows besides the web app's own. */
const allowedOrigin = stageConfigs.dev.cors.allowOrigins[0]!;
import { startTestApi, type TestApi } from './test-api';

describe('gateway behaviour taken from the synthesized template', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(() => t.stop());

  describe('JWT authorizer', () => {
    it('answers a request without a token with 401 Unauthorized and a challenge', async () => {
      const res = await t.request('/items', { as: null });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ message: 'Unauthorized' });
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    });

    it('rejects an expired token', async () => {
      const expired = await t.api.issueToken({ sub: 'alice' }, { expiresIn: '-1m' });
      const res = await t.request('/items', {
        as: null,
        headers: { authorization: `Bearer ${expired}` },
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('expired');
    });

    it('rejects a token for another audience', async () => {
      const token = await t.api.issueToken({ sub: 'alice' }, { audience: 'someone-else' });
      const res = await t.request('/items', {
        as: null,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('audience');
    });

    it('serves the docs routes without a token', async () => {
      expect((await t.request('/openapi.json', { as: null })).status).toBe(200);
      expect((await t.request('/docs', { as: null })).status).toBe(200);
    });

    // RFC 9110 §9.3.2: the stack routes HEAD of each docs GET to the docs function.
    it('answers HEAD of the docs routes as their GET, without a body or a token', async () => {
      for (const path of ['/openapi.json', '/docs']) {
        const get = await t.request(path, { as: null });
        const head = await t.request(path, { as: null, method: 'HEAD' });
        expect([path, head.status, head.text]).toEqual([path, 200, '']);
        expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
      }
    });
  });

  describe('CORS', () => {
    it('answers a preflight without a token: OPTIONS /{proxy+} → the docs function’s 204, with the API’s CORS headers', async () => {
      const res = await t.request('/items', {
        as: null,
        method: 'OPTIONS',
        headers: {
          origin: allowedOrigin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
      expect(res.headers.get('access-control-allow-headers')).toBe(
        'authorization,content-type,idempotency-key',
      );
    });

    it('adds the configured CORS headers to actual responses', async () => {
      const res = await t.request('/items', { headers: { origin: allowedOrigin } });
      expect(res.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
      expect(res.headers.get('access-control-expose-headers')).toContain('etag');
    });
  });
});

describe('the local server follows CDK settings', () => {
  it('uses the origins and burst the stack is given', async () => {
    // One token per 1,000 s: no token comes back while the test runs, so exactly the burst passes
    // however long the requests take to arrive.
    const burstLimit = 3;
    const template = synthesizeTemplate({
      stage: 'dev',
      overrides: {
        cors: { allowOrigins: ['https://app.example.com'], maxAgeSeconds: 600 },
        throttle: { rateLimit: 0.001, burstLimit },
      },
    });
    const t = await startTestApi({ template });
    try {
      const allowed = await t.request('/items', { headers: { origin: 'https://app.example.com' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const other = await t.request('/items', { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const burst = await Promise.all(
        Array.from({ length: 2 * burstLimit }, () =>
          t.request('/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7'),
        ),
      );
      const throttled = burst.filter((r) => r.status === 429);
      expect(throttled).toHaveLength(burstLimit);
      expect(throttled.map((r) => r.json)).toEqual(
        Array.from({ length: burstLimit }, () => ({ message: 'Too Many Requests' })),
      );
    } finally {
      await t.stop();
    }
  });
});
