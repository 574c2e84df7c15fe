import fc from 'fast-check';
import { contractAccepts } from '../src/fuzz/classify-request';
import { describeSent, outcomeViolations } from '../src/fuzz/outcome-check';
import { itemRoutes } from '../src/fuzz/contract-routes';
import { requestsFor, type FuzzRequest } from '../src/fuzz/request-arbitrary';
import { idFor, sendFuzzRequest, type FuzzWorld } from '../src/fuzz/send-request';
import { createPartitionReader, type PartitionReader } from '../src/harness/partition';
import { startRobustApi, unthrottledTemplate, type RobustApi } from '../src/harness/robust-api';

// Bounded: 10 requests in flight per batch; 140 + 70 batches ≥ 2,000 requests in all.
const BATCH = 10;
const MIXED_RUNS = 140;
const REJECTED_RUNS = 70;
const SEEDED_PER_OWNER = 12;
const owners = ['alice', 'bob', 'carol'] as const;

describe('contract fuzz against the local server', () => {
  let t: RobustApi;
  let partitions: PartitionReader;
  const ids: Record<string, string[]> = {};
  const cursors: Record<string, string> = {};
  const sent = { mixed: 0, rejected: 0 };
  const world: FuzzWorld = {
    itemIds: (owner) => ids[owner] ?? [],
    cursor: (owner) => cursors[owner] ?? 'none',
    otherOwner: (owner) => (owner === 'alice' ? 'bob' : 'alice'),
  };
  const anyRoute = fc.oneof(...itemRoutes.map(requestsFor));

  beforeAll(async () => {
    // A throttle out of reach: the fuzz tests the function, not the token bucket.
    t = await startRobustApi({ template: unthrottledTemplate() });
    partitions = createPartitionReader(t.api.dynamodbEndpoint, t.api.tableName);
    for (const owner of owners) {
      const created = await Promise.all(
        Array.from({ length: SEEDED_PER_OWNER }, (_, i) =>
          t.send('/items', { method: 'POST', as: owner, json: { name: `${owner} ${i}` } }),
        ),
      );
      ids[owner] = created.map((r) => r.json.id as string);
      cursors[owner] = (await t.send('/items?limit=3', { as: owner })).json.nextCursor;
    }
  }, 180_000);

  afterAll(async () => {
    partitions?.close();
    await t?.stop();
  });

  async function sendChecked(request: FuzzRequest, owner: string | null, accepted: boolean) {
    const result = await sendFuzzRequest(t, request, owner, world);
    const problems = outcomeViolations(request, result, {
      accepted,
      authenticated: owner !== null,
    });
    return problems.length ? [describeSent(request, result, problems)] : [];
  }

  it('answers generated requests with declared statuses, schemas and headers, never a 5xx', async () => {
    const caller = fc.constantFrom<string | null>('alice', 'alice', 'alice', 'bob', null);
    const batch = fc.array(fc.tuple(anyRoute, caller), { minLength: BATCH, maxLength: BATCH });
    await fc.assert(
      fc.asyncProperty(batch, async (requests) => {
        const failures = await Promise.all(
          requests.map(([request, owner]) =>
            sendChecked(
              request,
              owner,
              contractAccepts(request, idFor(request, owner ?? 'nobody', world)),
            ),
          ),
        );
        sent.mixed += requests.length;
        expect(failures.flat()).toEqual([]);
      }),
      { numRuns: MIXED_RUNS, endOnFailure: true },
    );
    expect(sent.mixed).toBe(MIXED_RUNS * BATCH);
  }, 120_000);

  it('writes nothing for generated requests the contract rejects', async () => {
    const before = await partitions.read('carol');
    const rejected = anyRoute.filter((r) => !contractAccepts(r, idFor(r, 'carol', world)));
    const batch = fc.array(rejected, { minLength: BATCH, maxLength: BATCH });
    await fc.assert(
      fc.asyncProperty(batch, async (requests) => {
        const failures = await Promise.all(requests.map((r) => sendChecked(r, 'carol', false)));
        sent.rejected += requests.length;
        expect(failures.flat()).toEqual([]);
        expect(await partitions.read('carol')).toEqual(before);
      }),
      { numRuns: REJECTED_RUNS, endOnFailure: true },
    );
    expect(sent.rejected).toBe(REJECTED_RUNS * BATCH);
    console.log(
      `contract fuzz: ${sent.mixed + sent.rejected} requests (${sent.rejected} rejected by the contract)`,
    );
  }, 120_000);
});
