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

  let output: string[];
  beforeEach(() => {
    output = [];
  });
  const start = (initTimeoutMs?: number) =>
    ExecutionEnvironment.start({
      taskRoot: root,
      env: { LAMBDA_TASK_ROOT: root, _HANDLER: 'index.handler', PATH: process.env.PATH ?? '' },
      memoryMb: 128,
      timeoutSeconds: 3,
      onOutput: (line) => output.push(line),
      ...(initTimeoutMs !== undefined ? { initTimeoutMs } : {}),
    });
  const invokeOnce = async (handlerSource: string) => {
    writeFileSync(join(root, 'index.js'), handlerSource);
    const { environment, init } = await start();
    expect(init.ok).toBe(true);
    const invocation = await environment.invoke({
      id: 1,
      event: {},
      traceId: 'Root=1-00000000-000000000000000000000000;Sampled=0',
      context: { awsRequestId: 'r' },
    });
    await environment.stop();
    return invocation;
  };

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
    const invocation = await invokeOnce('exports.handler = async () => undefined;');
    expect(invocation).toMatchObject({ status: 'success', json: 'null' });
  });

  it('has all of an invocation’s output when it answers, in the order written', async () => {
    const invocation = await invokeOnce(
      'exports.handler = async () => { for (let i = 0; i < 500; i++) process.stdout.write(`line ${i}\\n`); return 1; };',
    );
    expect(invocation).toMatchObject({ status: 'success', json: '1' });
    expect(output).toEqual(Array.from({ length: 500 }, (_, i) => `line ${i}`));
  });

  it('keeps output left without a final newline as a record of its own', async () => {
    const invocation = await invokeOnce(
      "exports.handler = async () => { process.stdout.write('no newline'); return 2; };",
    );
    expect(invocation).toMatchObject({ status: 'success', json: '2' });
    expect(output).toEqual(['no newline']);
  });

  it('takes text that only looks like the end of an invocation for output', async () => {
    const invocation = await invokeOnce(
      "exports.handler = async () => { console.info('\\u0000end-of-invocation\\u0000{not json'); return 3; };",
    );
    expect(invocation).toMatchObject({ status: 'success', json: '3' });
    expect(output.join('\n')).toContain('end-of-invocation');
  });

  // Lambda's runtime writes console records to a descriptor of its own and returns the result over
  // its API: a function ending process.stdout loses neither.
  it('answers, and keeps console output, after a function ends process.stdout', async () => {
    const invocation = await invokeOnce(
      "exports.handler = async () => { console.log('before'); process.stdout.end(); console.log('after'); return 4; };",
    );
    expect(invocation).toMatchObject({ status: 'success', json: '4' });
    expect(output.map((line) => line.split('\t').slice(2).join('\t'))).toEqual([
      'INFO\tbefore',
      'INFO\tafter',
    ]);
  });

  it('carries a result of several megabytes whole (Lambda allows 6 MB)', async () => {
    const invocation = await invokeOnce(
      "exports.handler = async () => ({ body: 'x'.repeat(5 * 1024 * 1024) });",
    );
    expect(invocation.status).toBe('success');
    const json = invocation.status === 'success' ? invocation.json : '';
    expect((JSON.parse(json) as { body: string }).body).toHaveLength(5 * 1024 * 1024);
  });
});

describe('heapArgs', () => {
  // Lambda's Node.js runtime bootstrap: a tenth of the memory for the young generation.
  it('derives the heap flags from MemorySize', () => {
    expect(heapArgs(1024)).toEqual(['--max-semi-space-size=51', '--max-old-space-size=922']);
  });
});
