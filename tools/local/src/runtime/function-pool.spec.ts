import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LambdaFunction } from '../template/read-functions';
import type { FunctionLog } from './function-log';
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

/** Every API jest can fake except `setTimeout`/`clearTimeout`, the ones the pool's idle timer uses. */
const everythingButTimeouts: FakeableAPI[] = [
  'Date',
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
];

/** A server whose first request waits for `release()`: an event to await, not a time to guess. */
async function holdServer() {
  let arrive = () => undefined as void;
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createServer((_req, res) => {
    arrive();
    void released.then(() => res.end('go'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    arrived,
    release,
    close: () => {
      release();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const ignore = () => undefined;
const silentLog = { output: ignore, start: ignore, end: ignore, report: ignore, notice: ignore };

describe('FunctionPool', () => {
  let root: string;
  const pools: FunctionPool[] = [];
  const pool = (
    options: { idleMs?: number; maxEnvironments?: number; inspectPort?: number } = {},
    log: FunctionLog = silentLog,
  ) => {
    const created = new FunctionPool({
      fn: fn(root),
      taskRoot: root,
      variables: {},
      account: LOCAL_ACCOUNT,
      log,
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

  it('retires an environment that stays idle for 10 minutes, not a millisecond sooner', async () => {
    // Only the pool's timers are faked: the environment's process and its messages stay real.
    jest.useFakeTimers({ doNotFake: everythingButTimeouts });
    try {
      const p = pool();
      await call(p);
      expect(p.stats()).toMatchObject({ environments: 1, idle: 1 });
      jest.advanceTimersByTime(10 * 60_000 - 1);
      expect(p.stats()).toMatchObject({ environments: 1, idle: 1 });
      jest.advanceTimersByTime(1);
      expect(p.stats()).toMatchObject({ environments: 0, idle: 0, coldStarts: 1 });
      await call(p);
      expect(p.stats().coldStarts).toBe(2);
    } finally {
      jest.useRealTimers();
    }
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
    // The handler is busy until the test answers its request: reload() lands while it runs.
    writeFileSync(
      join(root, 'index.js'),
      'exports.handler = async (event) => { await fetch(event.holdUrl); return process.pid; };',
    );
    const hold = await holdServer();
    try {
      const p = pool();
      const busy = p.invoke({ holdUrl: hold.url }, { requestId: 'slow' });
      await hold.arrived;
      expect(p.stats()).toMatchObject({ environments: 1, busy: 1 });
      p.reload();
      hold.release();
      expect((await busy).ok).toBe(true);
      expect(p.stats()).toMatchObject({ environments: 0, busy: 0, idle: 0 });
    } finally {
      await hold.close();
    }
  });

  it('beyond maxEnvironments, a request waits for a free environment instead of starting one', async () => {
    const p = pool({ maxEnvironments: 1 });
    const answers = await Promise.all([call(p), call(p), call(p)]);
    expect(new Set(answers.map((a) => a.pid)).size).toBe(1);
    expect(p.stats()).toMatchObject({ environments: 1, coldStarts: 1 });
  });

  it('with an inspector port, keeps one environment, and the next one after reload() opens the same port', async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const { port } = free.address() as AddressInfo;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const output: string[] = [];
    const p = pool(
      { inspectPort: port },
      {
        ...silentLog,
        output: (line) => {
          output.push(line);
        },
      },
    );
    const answers = await Promise.all([call(p), call(p), call(p)]);
    expect(new Set(answers.map((a) => a.pid)).size).toBe(1);
    p.reload();
    const after = await call(p);
    expect(after.pid).not.toBe(answers[0]!.pid);
    expect(p.stats()).toMatchObject({ environments: 1, coldStarts: 2 });
    // Node's announcement of each environment's inspector: both on the port, none refused.
    const listening = output.filter((line) => line.startsWith('Debugger listening on'));
    expect(listening).toEqual([
      expect.stringContaining(`ws://127.0.0.1:${port}/`),
      expect.stringContaining(`ws://127.0.0.1:${port}/`),
    ]);
  });
});
