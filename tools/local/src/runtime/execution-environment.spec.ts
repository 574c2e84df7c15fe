import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecutionEnvironment, heapArgs } from './execution-environment';

describe('ExecutionEnvironment', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'environment-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const start = (initTimeoutMs?: number) =>
    ExecutionEnvironment.start({
      taskRoot: root,
      env: { LAMBDA_TASK_ROOT: root, _HANDLER: 'index.handler', PATH: process.env.PATH ?? '' },
      memoryMb: 128,
      timeoutSeconds: 3,
      onOutput: () => undefined,
      ...(initTimeoutMs !== undefined ? { initTimeoutMs } : {}),
    });

  it('stops an init that never finishes, naming the timeout (Lambda limits init to 10 s)', async () => {
    writeFileSync(
      join(root, 'index.mjs'),
      'setInterval(() => {}, 1000);\nawait new Promise(() => {});\nexport const handler = async () => 1;\n',
    );
    const { environment, init } = await start(300);
    expect(init).toMatchObject({
      ok: false,
      error: { errorType: 'Sandbox.Timedout', errorMessage: 'Init timed out after 0.30 seconds' },
    });
    expect(environment.alive).toBe(false);
  });

  it('answers an invocation with the JSON of the result, undefined as null', async () => {
    writeFileSync(join(root, 'index.js'), 'exports.handler = async () => undefined;');
    const { environment, init } = await start();
    expect(init.ok).toBe(true);
    const invocation = await environment.invoke({
      id: 1,
      event: {},
      traceId: 'Root=1-00000000-000000000000000000000000;Sampled=0',
      context: { awsRequestId: 'r' },
    });
    await environment.stop();
    expect(invocation).toMatchObject({ status: 'success', json: 'null' });
  });
});

describe('heapArgs', () => {
  // Lambda's Node.js runtime bootstrap: a tenth of the memory for the young generation.
  it('derives the heap flags from MemorySize', () => {
    expect(heapArgs(1024)).toEqual(['--max-semi-space-size=51', '--max-old-space-size=922']);
  });
});
