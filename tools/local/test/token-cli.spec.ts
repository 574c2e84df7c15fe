import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { startTestApi, type TestApi } from './test-api';

const run = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

/** `npm run token -- …` as a person runs it, against the server on `port`. */
async function token(port: number, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    join(root, 'node_modules', '.bin', 'tsx'),
    [
      '--tsconfig',
      'tsconfig.base.json',
      'tools/local/src/token.ts',
      '--port',
      String(port),
      ...args,
    ],
    { cwd: root },
  );
  return stdout.trim();
}

describe('npm run token', () => {
  let t: TestApi;
  let port: number;
  beforeAll(async () => {
    // In memory: the issuer key exists only in the server process, so the command must ask it.
    t = await startTestApi({ inMemory: true });
    port = Number(new URL(t.api.url).port);
  });
  afterAll(() => t?.stop());

  it('mints an access token with every API scope by default, which the server accepts', async () => {
    const jwt = await token(port, '--sub', 'cli-user');
    expect(decodeJwt(jwt)).toMatchObject({
      sub: 'cli-user',
      token_use: 'access',
      scope: 'items/read items/write',
      client_id: t.api.issuer.audience,
    });
    const created = await fetch(`${t.api.url}/items`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'From the CLI' }),
    });
    expect(created.status).toBe(201);
  });

  it('mints a read-only token with --scope: reads pass, writes get 403 Forbidden', async () => {
    const jwt = await token(port, '--sub', 'reader', '--scope', 'items/read');
    const auth = { authorization: `Bearer ${jwt}` };
    expect((await fetch(`${t.api.url}/items`, { headers: auth })).status).toBe(200);
    const write = await fetch(`${t.api.url}/items`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Nope' }),
    });
    expect(write.status).toBe(403);
    expect(await write.json()).toEqual({ message: 'Forbidden' });
  });

  it('mints an ID token with --token-use id: it names the client in aud and has no scope (403)', async () => {
    const jwt = await token(port, '--sub', 'id-user', '--token-use', 'id');
    expect(decodeJwt(jwt)).toMatchObject({ token_use: 'id', aud: t.api.issuer.audience });
    expect(decodeJwt(jwt).scope).toBeUndefined();
    const res = await fetch(`${t.api.url}/items`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(res.status).toBe(403);
  });

  it('says in one line when no server runs on the port', async () => {
    await expect(token(1, '--sub', 'x')).rejects.toMatchObject({
      stderr: expect.stringMatching(/^npm run token failed: no local server on port 1/),
    });
  });
});
