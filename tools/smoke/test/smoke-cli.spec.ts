import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { LOCAL_M2M_CLIENT, startLocalApi, type LocalApi } from '@items-api/local';
import { startContractBreakingProxy, type Breakage } from './contract-breaking-proxy';

const workspaceRoot = resolve(__dirname, '../../..');

type Run = { code: number | null; output: string };

/** `npm run smoke -- …` as a person or the pipeline runs it. */
function smoke(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn('npm', ['run', '--silent', 'smoke', '--', ...args], {
      cwd: workspaceRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, output }));
  });
}

const summary = (output: string) => /^smoke: (\d+) passed, (\d+) failed$/m.exec(output);

describe('npm run smoke against the local server', () => {
  let api: LocalApi;
  const args = (url: string) => [
    '--url',
    url,
    '--issuer',
    api.issuer.issuer,
    '--client-id',
    LOCAL_M2M_CLIENT.id,
    '--client-secret',
    LOCAL_M2M_CLIENT.secret,
    '--origin',
    api.webUrl!,
  ];
  /** The machine client's items, read past the suite (its `sub` is its client id). */
  const itemsOfTheClient = async () => {
    const token = await api.issueToken({ sub: LOCAL_M2M_CLIENT.id });
    const response = await fetch(`${api.url}/items`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await response.json()) as { items: unknown[] }).items;
  };

  beforeAll(async () => {
    // What `npm start` serves: the dev stage's stack from its bundles, the web app on its origin.
    api = await startLocalApi({ inMemory: true, logLevel: 'silent', web: { port: 0 } });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('passes every check, and leaves none of its items behind', async () => {
    const run = await smoke(args(api.url));
    expect(run.output).not.toMatch(/FAIL/);
    const counts = summary(run.output);
    expect(counts && { passed: Number(counts[1]) > 0, failed: counts[2] }).toEqual({
      passed: true,
      failed: '0',
    });
    expect(run.code).toBe(0);
    expect(await itemsOfTheClient()).toEqual([]);
  });

  const json = (body: Buffer) => JSON.parse(body.toString()) as Record<string, unknown>;
  const breakages: [string, Breakage, RegExp][] = [
    [
      'an item whose version is a string',
      ({ path, status, headers, body }) =>
        path.startsWith('/items/') && status === 200 && body.length
          ? {
              headers,
              body: Buffer.from(
                JSON.stringify({ ...json(body), version: String(json(body)['version']) }),
              ),
            }
          : { headers, body },
      /FAIL {2}GET and HEAD \/items\/\{id\}\n.*body does not match its schema.*version/,
    ],
    [
      'a preflight without CORS headers',
      ({ method, headers, body }) =>
        method === 'OPTIONS'
          ? {
              headers: Object.fromEntries(
                Object.entries(headers).filter(([name]) => !name.startsWith('access-control-')),
              ),
              body,
            }
          : { headers, body },
      /FAIL {2}CORS preflight of POST \/items from .*\n.*a browser would refuse it: access-control-allow-origin is missing/,
    ],
  ];

  it.each(breakages)(
    'fails against an API that breaks the contract: %s',
    async (_, breakage, failure) => {
      const broken = await startContractBreakingProxy(api.url, breakage);
      try {
        const run = await smoke(args(broken.url));
        expect(run.output).toMatch(failure);
        expect(summary(run.output)?.[2]).not.toBe('0');
        expect(run.code).toBe(1);
        // It still deleted what it made.
        expect(run.output).toMatch(/ok {4}cleanup: no item of this run/);
        expect(await itemsOfTheClient()).toEqual([]);
      } finally {
        await broken.stop();
      }
    },
  );

  it('prints its usage with --help, and refuses an incomplete command line', async () => {
    const help = await smoke(['--help']);
    expect(help.output).toMatch(/^Usage:\n {2}npm run smoke -- --stage/);
    expect(help.code).toBe(0);
    const incomplete = await smoke(['--url', api.url]);
    expect(incomplete.output).toMatch(/^smoke: --issuer is required with --url/);
    expect(incomplete.code).toBe(2);
  });
});
