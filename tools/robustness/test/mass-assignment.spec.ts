import { ItemKeys } from '@items-api/api';
import { formatETag, ProblemTypes } from '@items-api/contract';
import { itemRoutes, serverOwnedFields } from '../src/fuzz/contract-routes';
import { createPartitionReader, type PartitionReader } from '../src/harness/partition';
import { startRobustApi, unthrottledTemplate, type RobustApi } from '../src/harness/robust-api';

// Routes that take an item body, and what a client must never set through them: the response's
// server-owned fields (from the contract) and the table's own attributes (from the repository).
const bodyRoutes = itemRoutes.filter((route) => serverOwnedFields(route).length > 0);
const forbidden = [
  ...new Set([
    ...bodyRoutes.flatMap(serverOwnedFields),
    ItemKeys.partitionKey,
    ItemKeys.sortKey,
    ItemKeys.ttlAttribute,
    'owner',
    'sub',
  ]),
];
const hostileValues: Record<string, unknown> = {
  id: '01JD8X3ZK5N2M4Q7R9T1V3W5Y7',
  version: 99,
  createdAt: '2000-01-01T00:00:00.000Z',
  updatedAt: '2000-01-01T00:00:00.000Z',
  [ItemKeys.partitionKey]: ItemKeys.owner('bob'),
  [ItemKeys.sortKey]: ItemKeys.item('01JD8X3ZK5N2M4Q7R9T1V3W5Y7'),
  owner: 'bob',
  sub: 'bob',
};

describe('mass assignment', () => {
  let t: RobustApi;
  let partitions: PartitionReader;
  let itemId: string;

  beforeAll(async () => {
    t = await startRobustApi({ template: unthrottledTemplate() });
    partitions = createPartitionReader(t.api.dynamodbEndpoint, t.api.tableName);
    itemId = (await t.send('/items', { method: 'POST', json: { name: 'target' } })).json.id;
  }, 180_000);

  afterAll(async () => {
    partitions?.close();
    await t?.stop();
  });

  const cases = bodyRoutes.flatMap((route) => forbidden.map((field) => [route.operationId, field]));

  it.each(cases)(
    '%s rejects a body setting %s, naming it and writing nothing',
    async (operationId, field) => {
      const route = bodyRoutes.find((r) => r.operationId === operationId)!;
      const before = { alice: await partitions.read('alice'), bob: await partitions.read('bob') };
      const res = await t.send(route.path.replace('{id}', itemId), {
        method: route.method,
        json: { name: 'renamed', [field]: hostileValues[field] ?? 12_345 },
        headers: { 'if-match': formatETag(1) },
      });
      expect(res.status).toBe(400);
      expect(res.json.type).toBe(ProblemTypes.validation.type);
      expect(res.json.errors).toContainEqual({
        path: `body.${field}`,
        message: 'unrecognized field',
      });
      expect({ alice: await partitions.read('alice'), bob: await partitions.read('bob') }).toEqual(
        before,
      );
    },
  );

  it('rejects server-owned fields however they are cased or nested in __proto__', async () => {
    const before = await partitions.read('alice');
    const bodies = [
      '{"name":"x","Version":2}',
      '{"name":"x","ID":"01JD8X3ZK5N2M4Q7R9T1V3W5Y7"}',
      '{"name":"x","__proto__":{"version":99,"id":"01JD8X3ZK5N2M4Q7R9T1V3W5Y7"}}',
      '{"name":"x","constructor":{"prototype":{"version":99}}}',
    ];
    for (const body of bodies) {
      const res = await t.send('/items', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect([res.status, res.json.type]).toEqual([400, ProblemTypes.validation.type]);
    }
    expect(await partitions.read('alice')).toEqual(before);
  });

  it('leaves Object.prototype of the server process unpolluted after __proto__ bodies', async () => {
    await t.send('/items', {
      method: 'POST',
      body: '{"name":"x","__proto__":{"polluted":"yes","version":99}}',
      headers: { 'content-type': 'application/json' },
    });
    const created = await t.send('/items', { method: 'POST', json: { name: 'clean' } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(created.json).toMatchObject({ name: 'clean', version: 1, tags: [] });
    expect(created.json).not.toHaveProperty('polluted');
  });

  it('keeps the stored item exactly as the server wrote it after every attempt', async () => {
    const [stored] = (await partitions.items('alice')).filter((r) => r['id'] === itemId);
    expect(stored).toMatchObject({ name: 'target', version: 1 });
    expect(stored![ItemKeys.partitionKey]).toBe(ItemKeys.owner('alice'));
    expect(Object.keys(stored!).sort()).toEqual(
      [
        ItemKeys.partitionKey,
        ItemKeys.sortKey,
        'id',
        'name',
        'tags',
        'createdAt',
        'updatedAt',
        'version',
      ].sort(),
    );
  });
});
