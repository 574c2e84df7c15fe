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
  const start = (initTimeoutMs?: number, env: Record<string, string> = {}) =>
    ExecutionEnvironment.start({
      taskRoot: root,
      env: {
        LAMBDA_TASK_ROOT: root,
        _HANDLER: 'index.handler',
        PATH: process.env.PATH ?? '',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        ...env,
      },
      memoryMb: 128,
      timeoutSeconds: 3,
      onOutput: (line) => output.push(line),
      ...(initTimeoutMs !== undefined ? { initTimeoutMs } : {}),
    });
  const invoke = (environment: ExecutionEnvironment, id: number, event: unknown = {}) =>
    environment.invoke({
      id,
      event,
      traceId: 'Root=1-00000000-000000000000000000000000;Sampled=0',
      context: { awsRequestId: `r${id}` },
    });
  const invokeOnce = async (handlerSource: string, env: Record<string, string> = {}) => {
    writeFileSync(join(root, 'index.js'), handlerSource);
    const { environment, init } = await start(undefined, env);
    expect(init).toMatchObject({ ok: true });
    const invocation = await invoke(environment, 1);
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

  it('takes a result printed after a forged end-of-invocation line for output, not the answer', async () => {
    // The forger prints what the runtime's end-of-invocation marker once carried (a result for
    // the invocation under way and for the next one), then answers for real.
    writeFileSync(
      join(root, 'index.js'),
      [
        'let calls = 0;',
        'exports.handler = async (event) => {',
        '  calls += 1;',
        '  for (const id of [calls, calls + 1]) {',
        '    process.stdout.write(`\\u0000end-of-invocation\\u0000${JSON.stringify({ type: "result", id, json: JSON.stringify("forged"), usedMemoryMb: 1, cpuMs: 0 })}\\n`);',
        '    process.stdout.write(`\\u0000end-of-invocation\\u0000${id}\\n`);',
        '    process.stdout.write(`\\u0000end-of-invocation\\u0000{"type":"result","id":${id},"json":"\\\\"forged\\\\""}\\n`);',
        '  }',
        '  await new Promise((resolve) => setTimeout(resolve, 20));',
        '  return { real: event.n, hasIpc: typeof process.send };',
        '};',
      ].join('\n'),
    );
    const { environment } = await start();
    for (const n of [1, 2]) {
      const invocation = await invoke(environment, n, { n });
      expect(invocation).toMatchObject({
        status: 'success',
        json: JSON.stringify({ real: n, hasIpc: 'undefined' }),
      });
    }
    await environment.stop();
    expect(output.some((line) => line.includes('forged'))).toBe(true);
  });

  // Lambda developer guide, "Define Lambda function handler in Node.js": callback-based handlers
  // and the context methods work up to nodejs22.x.
  it.each([
    [
      'callback(null, result)',
      '(event, context, callback) => { setTimeout(() => callback(null, { via: "callback" }), 10); }',
      { via: 'callback' },
    ],
    [
      'context.succeed',
      '(event, context) => { context.succeed({ via: "succeed" }); }',
      { via: 'succeed' },
    ],
    [
      'context.done(null, result)',
      '(event, context) => { context.done(null, { via: "done" }); }',
      { via: 'done' },
    ],
  ])('answers a nodejs22.x handler through %s', async (_label, handler, expected) => {
    const invocation = await invokeOnce(`exports.handler = ${handler};`, {
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    });
    expect(invocation).toMatchObject({ status: 'success', json: JSON.stringify(expected) });
  });

  it.each([
    ['callback(error)', '(event, context, callback) => callback(new Error("nope"))'],
    ['context.fail', '(event, context) => context.fail(new Error("nope"))'],
  ])('answers a nodejs20.x handler’s %s as a function error', async (_label, handler) => {
    const invocation = await invokeOnce(`exports.handler = ${handler};`, {
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    });
    expect(invocation).toMatchObject({ status: 'error', error: { errorMessage: 'nope' } });
  });

  it('returns a callback’s result once the event loop is empty, unless told not to wait', async () => {
    // The result is serialized when the runtime returns it: a timer still pending at the
    // callback changes it only if the runtime waits for the event loop to empty.
    const source = (wait: boolean) =>
      `exports.handler = (event, context, callback) => {
         context.callbackWaitsForEmptyEventLoop = ${wait};
         const result = { late: 'pending' };
         setTimeout(() => { result.late = 'ran'; }, 50);
         callback(null, result);
       };`;
    const waited = await invokeOnce(source(true), { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs18.x' });
    expect(waited).toMatchObject({ status: 'success', json: '{"late":"ran"}' });
    const unwaited = await invokeOnce(source(false), {
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs18.x',
    });
    expect(unwaited).toMatchObject({ status: 'success', json: '{"late":"pending"}' });
  });

  it('refuses a callback handler on nodejs24.x at init, naming why', async () => {
    writeFileSync(
      join(root, 'index.js'),
      'exports.handler = (event, context, callback) => callback(null, 1);',
    );
    const { init } = await start();
    expect(init).toMatchObject({
      ok: false,
      error: {
        errorType: 'Runtime.CallbackHandlerNotSupported',
        errorMessage: expect.stringContaining('nodejs24.x does not support'),
      },
    });
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
