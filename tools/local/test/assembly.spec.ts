import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalApi, type LocalApi } from '../src/server/local-api';
import { ECHO_AUDIENCE, ECHO_ORIGIN, synthesizeEchoApp } from './fixtures/echo-app/echo-app';

type Echo = {
  event: any;
  context: Record<string, any>;
  env: Record<string, string>;
  pid: number;
  cwd: string;
  heapLimitMb: number;
  invocations: number;
};

const INTERNAL = { message: 'Internal Server Error' };

/**
 * A URL the echo function's `?hold=` fetches: each request waits there until `release()`, so a
 * test holds an environment busy for as long as it needs, and `holding(n)` says when n are held.
 */
async function startHoldServer() {
  const held: (() => void)[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const server = createServer((_req, res) => {
    held.push(() => res.end('released'));
    for (const waiter of waiting.filter((w) => w.count <= held.length)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const release = () => {
    for (const answer of held.splice(0)) answer();
  };
  return {
    /** `?hold=…` for a request to the echo function. */
    query: `hold=${encodeURIComponent(url)}`,
    holding: (count: number) =>
      held.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.push({ count, resolve })),
    release,
    close: () => {
      release();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('npm start -- --assembly: any CDK app, its functions in execution environments', () => {
  let dir: string;
  let assembly: string;
  let api: LocalApi;
  const logs: string[] = [];
  const lineWaiters: { pattern: RegExp; resolve: () => void }[] = [];
  const logSink = (line: string) => {
    logs.push(line);
    for (const waiter of lineWaiters.filter((w) => w.pattern.test(line))) {
      lineWaiters.splice(lineWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  /** Resolves once a log line matching `pattern` has been written (the log can trail the answer). */
  const logged = (pattern: RegExp) =>
    logs.some((line) => pattern.test(line))
      ? Promise.resolve()
      : new Promise<void>((resolve) => lineWaiters.push({ pattern, resolve }));
  let hold: Awaited<ReturnType<typeof startHoldServer>>;
  const get = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${api.url}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: tryJson(text) };
  };
  const echo = async (path: string, init?: RequestInit) => {
    const response = await get(path, init);
    expect(response.status).toBe(200);
    return response.json as Echo;
  };
  const pidOf = async (prefix = '/public') => (await echo(`${prefix}/pid`)).pid;
  const poolOf = (name: string) => () => {
    const [, stats] = Object.entries(api.environments()).find(([id]) =>
      new RegExp(`^${name}[0-9A-F]{8}$`).test(id),
    )!;
    return stats;
  };
  const echoPool = poolOf('Echo');
  const heldPool = poolOf('Held');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'echo-app-'));
    assembly = synthesizeEchoApp(join(dir, 'cdk.out'));
    process.env['LOCAL_TEST_PARENT_ONLY'] = 'must not leak';
    hold = await startHoldServer();
    api = await startLocalApi({
      assembly,
      inMemory: true,
      logSink,
      watch: true,
      // Above the concurrency the tests use: every concurrent request gets its own environment.
      maxEnvironments: 8,
    });
  });
  afterAll(async () => {
    delete process.env['LOCAL_TEST_PARENT_ONLY'];
    await api?.stop();
    await hold?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the assembly’s HTTP API without DynamoDB when the template has no table', async () => {
    const body = await echo('/public/hello?x=1');
    expect(body.event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /public/{proxy+}',
      rawPath: '/public/hello',
      pathParameters: { proxy: 'hello' },
      queryStringParameters: { x: '1' },
    });
    expect(api.stackName).toBe('EchoApp');
    expect(api.dynamodbEndpoint).toBe('');
  });

  it('runs the asset directory the template references, as LAMBDA_TASK_ROOT and working directory', async () => {
    const { env, cwd } = await echo('/public/where');
    const template = JSON.parse(readFileSync(join(assembly, 'EchoApp.template.json'), 'utf8'));
    const [, echoFn] = Object.entries<any>(template.Resources).find(
      ([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('Echo'),
    )!;
    const assets = JSON.parse(readFileSync(join(assembly, 'EchoApp.assets.json'), 'utf8'));
    const asset = Object.values<any>(assets.files).find((f) =>
      Object.values<any>(f.destinations).some((d) => d.objectKey === echoFn.Properties.Code.S3Key),
    );
    expect(env['LAMBDA_TASK_ROOT']).toBe(join(assembly, asset.source.path));
    expect(cwd).toBe(env['LAMBDA_TASK_ROOT']);
  });

  // Lambda developer guide, "Defined runtime environment variables" and "Lambda context object in Node.js".
  it('sets the environment variables and context Lambda gives, and nothing of the parent’s', async () => {
    const sentAt = Date.now();
    const { env, context, heapLimitMb } = await echo('/public/env');
    const answeredAt = Date.now();
    const name = env['AWS_LAMBDA_FUNCTION_NAME']!;
    expect(name).toMatch(/^EchoApp-Echo/);
    expect(env).toMatchObject({
      GREETING: 'hello',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${name}`,
      _HANDLER: 'index.handler',
      TZ: ':UTC',
    });
    expect(env['_X_AMZN_TRACE_ID']).toMatch(
      /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/,
    );
    expect(env['AWS_LAMBDA_LOG_STREAM_NAME']).toMatch(
      /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/,
    );
    expect(env['LOCAL_TEST_PARENT_ONLY']).toBeUndefined();
    expect(context).toMatchObject({
      functionName: name,
      functionVersion: '$LATEST',
      memoryLimitInMB: '256',
      invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: env['AWS_LAMBDA_LOG_STREAM_NAME'],
    });
    expect(context['awsRequestId']).toMatch(/^[0-9a-f-]{36}$/);
    // Counting down from the template's 2 s timeout, started when this invocation was: the
    // deadline the remaining time implies lies 2 s after a moment between request and answer.
    const deadline = context['remainingReadAt'] + context['remainingTimeMs'];
    expect(deadline).toBeGreaterThanOrEqual(sentAt + 2000);
    expect(deadline).toBeLessThanOrEqual(answeredAt + 2000);
    // The heap follows MemorySize (old space 256 MB less a tenth, plus the young generation's
    // semi-spaces), far below Node's own default of at least 2 GB on 64-bit machines.
    expect(heapLimitMb).toBeGreaterThan(200);
    expect(heapLimitMb).toBeLessThan(320);
  });

  it('gives N concurrent requests N environments, and reuses them for sequential ones', async () => {
    const before = heldPool().coldStarts;
    // Each request is held until all three are: only three environments at once can get there.
    const concurrent = Promise.all(Array.from({ length: 3 }, () => echo(`/held/x?${hold.query}`)));
    await hold.holding(3);
    hold.release();
    const pids = new Set((await concurrent).map((r) => r.pid));
    expect(pids.size).toBe(3);
    const started = heldPool().coldStarts;
    expect(started - before).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 4; i++) expect(pids.has(await pidOf('/held'))).toBe(true);
    expect(heldPool().coldStarts).toBe(started);
  });

  it('frames each invocation with START, END and REPORT, Init Duration on cold starts only', async () => {
    logs.length = 0;
    await echo('/limited');
    await echo('/limited');
    const reports = logs.filter((l) => l.startsWith('Limited') && l.includes('REPORT RequestId'));
    expect(reports).toHaveLength(2);
    for (const field of ['Duration', 'Billed Duration', 'Memory Size: 256 MB', 'Max Memory Used']) {
      expect(reports[0]).toContain(field);
    }
    expect(reports.filter((r) => r.includes('Init Duration'))).toHaveLength(1);
    const lines = logs.filter((l) => l.startsWith('Limited'));
    expect(lines[0]).toMatch(/^Limited\w* START RequestId: [0-9a-f-]{36} Version: \$LATEST$/);
    const id = /RequestId: (\S+)/.exec(lines[0]!)![1]!;
    expect(lines[1]).toBe(`${lines[1]!.split(' ')[0]} ${id.slice(0, 8)} INFO  echo /limited echo`);
    expect(lines[2]).toMatch(new RegExp(`END RequestId: ${id}$`));
  });

  // Lambda developer guide, "Configuring JSON and plain text log formats" and "log-level filtering".
  it('writes console output as JSON records when LoggingConfig says JSON, filtered by its level', async () => {
    logs.length = 0;
    const { env } = await echo('/json-logs?warn=careful');
    expect(env).toMatchObject({ AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'WARN' });
    const lines = logs.filter((l) => l.startsWith('JsonLogs') && !/START|END|REPORT/.test(l));
    // console.log (INFO) is below WARN: only the warning is written, and shown readably.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^JsonLogs\w* [0-9a-f]{8} WARN {2}warned careful$/);
  });

  it('shows Powertools log records and EMF metrics readably', async () => {
    logs.length = 0;
    await echo('/public/logs?log=powertools');
    expect(
      logs.some((l) => /INFO {2}item created {2}correlation_id=\S+ {2}status=201/.test(l)),
    ).toBe(true);
    expect(logs.some((l) => l.endsWith('metrics Echo Echoes=1 [service=echo]'))).toBe(true);
  });

  it.each([
    ['a thrown error', 'throw'],
    ['a rejected promise', 'reject'],
  ])(
    'answers %s with the gateway’s 500 and keeps the environment (a function error)',
    async (_label, action) => {
      await pidOf();
      const before = echoPool();
      logs.length = 0;
      const failed = await get(`/public/fail?do=${action}`);
      expect([failed.status, failed.json]).toEqual([500, INTERNAL]);
      expect(echoPool()).toEqual(before);
      expect(logs.some((l) => l.includes('Invoke Error'))).toBe(true);
    },
  );

  it.each([
    ['process.exit', '/public', 'exit', 'Runtime.ExitError'],
    ['running out of memory', '/hoard', 'oom', 'Runtime.OutOfMemory'],
    ['the function timeout', '/public', 'hang', 'Sandbox.Timedout'],
  ])(
    'answers %s with a 500 and discards the environment',
    async (_label, prefix, action, errorType) => {
      const pool = poolOf(prefix === '/hoard' ? 'Hoard' : 'Echo');
      const warm = await pidOf(prefix);
      const before = pool();
      logs.length = 0;
      const failed = await get(`${prefix}/fail?do=${action}`);
      expect([failed.status, failed.json]).toEqual([500, INTERNAL]);
      // The log can trail the answer (as CloudWatch's does): wait for the line.
      await logged(new RegExp(`Error Type: ${errorType}`));
      // It ran in a warm environment, which is gone; the next request gets another one.
      expect(pool()).toEqual({
        ...before,
        environments: before.environments - 1,
        idle: before.idle - 1,
      });
      expect(await pidOf(prefix)).not.toBe(warm);
    },
  );

  it('answers the integration timeout with 503 while the function runs on', async () => {
    // The /short route's integration timeout is 800 ms; its function is held past it.
    const before = heldPool();
    logs.length = 0;
    const response = await get(`/short/x?${hold.query}`);
    expect([response.status, response.json]).toEqual([503, { message: 'Service Unavailable' }]);
    await hold.holding(1);
    expect(heldPool().busy).toBe(before.busy + 1);
    hold.release();
    await logged(/^Held\w* END RequestId/);
    expect(heldPool().busy).toBe(before.busy);
  });

  it.each([
    ['object header values', 'object-headers'],
    ['a status that is not a number', 'bad-status'],
  ])('answers a result with %s (invalid for payload 2.0) with a 500', async (_label, action) => {
    const response = await get(`/public/bad?do=${action}`);
    expect([response.status, response.json]).toEqual([500, INTERNAL]);
  });

  it('honours ReservedConcurrentExecutions: a request beyond it is throttled (500)', async () => {
    // The first holds the one environment until the second has been answered.
    logs.length = 0;
    const first = get(`/limited?${hold.query}`);
    await hold.holding(1);
    const second = await get('/limited');
    expect([second.status, second.json]).toEqual([500, INTERNAL]);
    expect(logs.some((l) => l.includes('throttled'))).toBe(true);
    hold.release();
    expect((await first).status).toBe(200);
  });

  // Lambda's Node.js runtime (aws-lambda-nodejs-runtime-interface-client, UserFunction.js):
  // .js, then .mjs, then .cjs; a .js file is an ES module when its package.json says so.
  it('loads an ES module handler from a sub-folder (lib/handler.main)', async () => {
    expect((await get('/esm')).text).toBe('esm /esm');
  });

  it('loads a .js handler as an ES module when its package.json has "type": "module"', async () => {
    expect((await get('/esm-js')).text).toBe('esm-js undefined');
  });

  it.each([
    ['a missing file', '/broken/missing-file', 'Runtime.ImportModuleError'],
    ['a missing export', '/broken/missing-export', 'Runtime.HandlerNotFound'],
    ['an init that throws', '/broken/init-throws', 'init failed on purpose'],
  ])(
    'answers a handler with %s with a 500 per request, naming why in the log',
    async (_label, path, why) => {
      logs.length = 0;
      for (let i = 0; i < 2; i++) {
        const response = await get(path);
        expect([response.status, response.json]).toEqual([500, INTERNAL]);
      }
      expect(logs.filter((l) => l.includes(why)).length).toBeGreaterThanOrEqual(2);
      expect((await get('/esm')).status).toBe(200);
    },
  );

  it('puts the JWT authorizer in front of its routes, with the template’s audience', async () => {
    expect((await get('/private/x')).status).toBe(401);
    const token = await api.issueToken({ sub: 'carol' });
    const { event } = await echo('/private/x', { headers: { authorization: `Bearer ${token}` } });
    // An access token, as Cognito shapes it: the app client in `client_id`, no `aud`.
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({
      sub: 'carol',
      client_id: ECHO_AUDIENCE,
      token_use: 'access',
    });
  });

  it('answers CORS preflight from the template’s configuration', async () => {
    const preflight = await get('/public/x', {
      method: 'OPTIONS',
      headers: { origin: ECHO_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ECHO_ORIGIN);
  });

  it('hot reloads: after its code changes, the next request runs the new code in a new environment', async () => {
    const { env } = await echo('/public/root');
    const root = env['LAMBDA_TASK_ROOT']!;
    const original = readFileSync(join(root, 'index.js'), 'utf8');
    const pid = await pidOf();
    logs.length = 0;
    writeFileSync(
      join(root, 'index.js'),
      original.replace('body: JSON.stringify({', 'body: JSON.stringify({ reloaded: true,'),
    );
    // The echo code serves several functions: wait for the Echo function's own reload.
    await logged(/^Echo\w* code changed/);
    const after = (await get('/public/after')).json;
    expect(after.reloaded).toBe(true);
    expect(after.pid).not.toBe(pid);
  });
});

describe('npm start -- --assembly: bad assemblies get a clear message at start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bad-assembly-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names an assembly path that does not exist', async () => {
    await expect(startLocalApi({ assembly: join(dir, 'absent') })).rejects.toThrow(
      /assembly .*absent does not exist/,
    );
  });

  it('names a directory that is not a cloud assembly', async () => {
    await expect(startLocalApi({ assembly: dir })).rejects.toThrow(/is not a cloud assembly/);
  });

  it('names an assembly with no HTTP API', async () => {
    const out = join(dir, 'no-api');
    mkdirSync(out);
    writeFileSync(
      join(out, 'manifest.json'),
      JSON.stringify({
        version: '55.0.0',
        artifacts: {
          Lonely: {
            type: 'aws:cloudformation:stack',
            properties: { templateFile: 'Lonely.template.json' },
          },
        },
      }),
    );
    writeFileSync(join(out, 'Lonely.template.json'), JSON.stringify({ Resources: {} }));
    await expect(startLocalApi({ assembly: out })).rejects.toThrow(
      /holds no HTTP API \(stacks: Lonely\)/,
    );
    await expect(startLocalApi({ assembly: out, stack: 'Other' })).rejects.toThrow(
      /no stack Other .*\(stacks: Lonely\)/,
    );
  });
});

function tryJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
