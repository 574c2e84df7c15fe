import { startLocalApi, type LocalApi, type StartPhase } from './local-api';

describe('npm start’s server: phases and added CORS origins', () => {
  const phases: [StartPhase, number][] = [];
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi({
      inMemory: true,
      logLevel: 'silent',
      corsOrigins: ['http://localhost:5173'],
      onPhase: (phase, ms) => phases.push([phase, ms]),
    });
  }, 180_000);
  afterAll(() => api?.stop());

  it('reports each start-up phase once, with whole milliseconds', () => {
    expect(phases.map(([phase]) => phase).sort()).toEqual(
      ['DynamoDB Local', 'build', 'environments', 'synthesis'].sort(),
    );
    for (const [, ms] of phases) {
      expect(Number.isInteger(ms) && ms >= 0).toBe(true);
    }
  });

  // Fetch Standard, CORS protocol: the preflight passes only with the origin echoed back.
  it.each([
    ['http://localhost:5173', 'http://localhost:5173'],
    ['http://localhost:5174', null],
  ])('answers a preflight from %s with allow-origin %s', async (origin, allowed) => {
    const response = await fetch(`${api.url}/items`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed);
  });
});
