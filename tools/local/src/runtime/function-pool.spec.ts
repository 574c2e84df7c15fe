import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LambdaFunction } from '../template/read-functions';
import { FunctionPool } from './function-pool';
import { LOCAL_ACCOUNT } from './lambda-environment';

const fn = (taskRoot: string, overrides: Partial<LambdaFunction> = {}): LambdaFunction => ({
  logicalId: 'Fn',
  functionName: 'Stack-Fn',
  handler: 'index.handler',
  runtime: 'nodejs24.x',
  architecture: 'arm64',
  timeoutSeconds: 3,
  memoryMb: 128,
  environment: {},
  deployTimeEnvironment: {},
  logFormat: 'Text',
  tracing: 'PassThrough',
  code: { kind: 'directory', path: taskRoot },
  layers: [],
  ...overrides,
});

const ignore = () => undefined;
const silentLog = { output: ignore, start: ignore, end: ignore, report: ignore, notice: ignore };

describe('FunctionPool', () => {
  let root: string;
  const pools: FunctionPool[] = [];
  const pool = (options: { idleMs?: number; maxEnvironments?: number } = {}) => {
    const created = new FunctionPool({
      fn: fn(root),
      taskRoot: root,
      variables: {},
      account: LOCAL_ACCOUNT,
      log: silentLog,
      ...options,
    });
    pools.push(created);
    return created;
  };
  const writeHandler = (answer: string) =>
    writeFileSync(
      join(root, 'index.js'),
      `exports.handler = async () => ({ answer: ${JSON.stringify(answer)}, pid: process.pid });`,
    );
  const call = async (p: FunctionPool) => {
    const outcome = await p.invoke({}, { requestId: 'r' });
    if (!outcome.ok) throw new Error(`invocation failed: ${outcome.reason}`);
    return JSON.parse(outcome.json) as { answer: string; pid: number };
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'function-pool-'));
    writeHandler('first');
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.dispose()));
    rmSync(root, { recursive: true, force: true });
  });

  it('retires an environment that stays idle longer than the idle time', async () => {
    const p = pool({ idleMs: 100 });
    await call(p);
    expect(p.stats()).toMatchObject({ environments: 1, idle: 1 });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(p.stats()).toMatchObject({ environments: 0, idle: 0, coldStarts: 1 });
    await call(p);
    expect(p.stats().coldStarts).toBe(2);
  });

  it('after reload() starts a new environment from the code as it is now', async () => {
    const p = pool();
    const first = await call(p);
    writeHandler('second');
    expect((await call(p)).pid).toBe(first.pid);
    p.reload();
    const after = await call(p);
    expect(after).toMatchObject({ answer: 'second' });
    expect(after.pid).not.toBe(first.pid);
  });

  it('retires an environment that was busy during reload() once it finishes', async () => {
    writeFileSync(
      join(root, 'index.js'),
      'exports.handler = async () => { await new Promise((r) => setTimeout(r, 300)); return process.pid; };',
    );
    const p = pool();
    const busy = p.invoke({}, { requestId: 'slow' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    p.reload();
    expect((await busy).ok).toBe(true);
    expect(p.stats()).toMatchObject({ environments: 0, busy: 0, idle: 0 });
  });

  it('beyond maxEnvironments, a request waits for a free environment instead of starting one', async () => {
    const p = pool({ maxEnvironments: 1 });
    const answers = await Promise.all([call(p), call(p), call(p)]);
    expect(new Set(answers.map((a) => a.pid)).size).toBe(1);
    expect(p.stats()).toMatchObject({ environments: 1, coldStarts: 1 });
  });
});
