import { GatewayErrorSchema } from '@items-api/contract';
import { startDynamoDbLocal, type DynamoDbLocal } from '@items-api/local';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenForge, type TokenForge } from '../src/auth/token-forge';
import { itemRoutes } from '../src/fuzz/contract-routes';
import { issuerKeyIn } from '../src/harness/local-api-process';
import { createPartitionReader, type PartitionReader } from '../src/harness/partition';
import { startRobustApi, unthrottledTemplate, type RobustApi } from '../src/harness/robust-api';

const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

/** Authorization header values that must each be refused, named for what is wrong. */
const badCredentials: [string, (forge: TokenForge) => Promise<string>][] = [
  [
    'a wrong iss',
    async (f) => `Bearer ${await f.withClaims({ iss: 'https://evil.example/issuer' })}`,
  ],
  ['a wrong aud', async (f) => `Bearer ${await f.withClaims({ aud: 'someone-else' })}`],
  ['alg none', async (f) => `Bearer ${await f.unsigned()}`],
  [
    'an expired token',
    async (f) => `Bearer ${await f.withClaims({ iat: now() - 2 * HOUR, exp: now() - 60 })}`,
  ],
  [
    'a not-yet-valid token (nbf)',
    async (f) => `Bearer ${await f.withClaims({ nbf: now() + HOUR })}`,
  ],
  [
    'a token issued in the future (iat)',
    async (f) => `Bearer ${await f.withClaims({ iat: now() + HOUR, exp: now() + 2 * HOUR })}`,
  ],
  ['another key with the same kid', async (f) => `Bearer ${await f.signedByAnotherKey()}`],
  ['a missing kid', async (f) => `Bearer ${await f.withoutKid()}`],
  ['a kid the JWKS does not have', async (f) => `Bearer ${await f.withKid('not-in-the-jwks')}`],
  ['HS256 keyed with the public key PEM', async (f) => `Bearer ${await f.hmacWith(f.publicPem)}`],
  ['HS256 keyed with the public JWK', async (f) => `Bearer ${await f.hmacWith(f.publicJwkJson)}`],
  ['a payload swapped after signing', async (f) => `Bearer ${await f.payloadSwapped('bob')}`],
  ['garbage', async () => 'Bearer not-a-jwt'],
  ['three garbage segments', async () => 'Bearer a.b.c'],
  ['Bearer with no token', async () => 'Bearer'],
  ['Bearer with only spaces', async () => 'Bearer    '],
  ['another scheme', async (f) => `Basic ${await f.valid()}`],
  ['two tokens', async (f) => `Bearer ${await f.valid()} ${await f.valid()}`],
];

describe('JWT authorizer matrix', () => {
  let dynamo: DynamoDbLocal;
  let dataDir: string;
  let t: RobustApi;
  let forge: TokenForge;
  let partitions: PartitionReader;
  let itemId: string;

  beforeAll(async () => {
    // A server with a dataDir keeps its issuer key on disk: the matrix signs with the real key.
    dynamo = await startDynamoDbLocal({ inMemory: true });
    dataDir = mkdtempSync(join(tmpdir(), 'robustness-jwt-'));
    t = await startRobustApi({
      inMemory: false,
      dataDir,
      dynamodbEndpoint: dynamo.endpoint,
      template: unthrottledTemplate(),
    });
    forge = await createTokenForge({
      privateJwk: issuerKeyIn(dataDir),
      issuer: t.api.issuer.issuer,
      audience: t.api.issuer.audience,
    });
    partitions = createPartitionReader(t.api.dynamodbEndpoint, t.api.tableName);
    itemId = (await t.send('/items', { method: 'POST', json: { name: 'guarded' } })).json.id;
  }, 180_000);

  afterAll(async () => {
    partitions?.close();
    await t?.stop();
    await dynamo?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const jwtRoutes = itemRoutes.filter(
    (route) => (route.route.metadata as { auth?: string })?.auth === 'jwt',
  );
  const callEveryRoute = (authorization: string) =>
    Promise.all(
      jwtRoutes.map((route) =>
        t.send(route.path.replace('{id}', itemId), {
          method: route.method,
          as: null,
          headers: { authorization, 'if-match': '*' },
          ...(route.method === 'POST' || route.method === 'PUT'
            ? { json: { name: 'intruder' } }
            : {}),
        }),
      ),
    );

  it('accepts the forged control token, a lower-case scheme and a bare token as API Gateway does', async () => {
    const token = await forge.valid();
    for (const authorization of [`Bearer ${token}`, `bearer ${token}`, token]) {
      const res = await t.send('/items', { as: null, headers: { authorization } });
      expect(res.status).toBe(200);
    }
  });

  it.each(badCredentials)(
    'answers %s with 401 Unauthorized on every route',
    async (_case, credential) => {
      const before = await partitions.read('alice');
      const responses = await callEveryRoute(await credential(forge));
      for (const res of responses) {
        expect(res.status).toBe(401);
        expect(res.json).toEqual({ message: 'Unauthorized' });
        expect(GatewayErrorSchema.safeParse(res.json).success).toBe(true);
        expect(res.headers.get('content-type')).toBe('application/json');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
      expect(await partitions.read('alice')).toEqual(before);
    },
  );
});
