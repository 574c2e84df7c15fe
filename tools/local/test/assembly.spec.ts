import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('npm start -- --assembly: any CDK app, its functions in execution environments', () => {
  let dir: string;
  let assembly: string;
  let api: LocalApi;
  const logs: string[] = [];
  const logged = async (text: string) => {
    for (let waited = 0; waited < 5_000; waited += 50) {
      if (logs.some((l) => l.includes(text))) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return logs.some((l) => l.includes(text));
  };
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

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'echo-app-'));
    assembly = synthesizeEchoApp(join(dir, 'cdk.out'));
    process.env['LOCAL_TEST_PARENT_ONLY'] = 'must not leak';
    api = await startLocalApi({
      assembly,
      inMemory: true,
      logSink: (line) => logs.push(line),
      watch: true,
      // Above the concurrency the tests use: every concurrent request gets its own environment.
      maxEnvironments: 8,
    });
  });
  afterAll(async () => {
    delete process.env['LOCAL_TEST_PARENT_ONLY'];
    await api?.stop();
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
    const { env, context, heapLimitMb } = await echo('/public/env');
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
    // Counting down from the template's 2 s timeout.
    expect(context['remainingTimeMs']).toBeGreaterThan(0);
    expect(context['remainingTimeMs']).toBeLessThanOrEqual(2000);
    // The heap follows MemorySize (old space 256 MB less a tenth, plus the young generation's
    // semi-spaces), far below Node's own default of at least 2 GB on 64-bit machines.
    expect(heapLimitMb).toBeGreaterThan(200);
    expect(heapLimitMb).toBeLessThan(320);
  });

  it('gives N concurrent requests N environments, and reuses them for sequential ones', async () => {
    const before = echoPool().coldStarts;
    // Each request holds its environment for a second: long enough that, on a busy machine,
    // none is free again before the last of the three arrives.
    const concurrent = await Promise.all(
      Array.from({ length: 3 }, () => echo('/public/slow?ms=1000')),
    );
    const pids = new Set(concurrent.map((r) => r.pid));
    expect(pids.size).toBe(3);
    const started = echoPool().coldStarts;
    expect(started - before).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < 4; i++) expect(pids.has(await pidOf())).toBe(true);
    expect(echoPool().coldStarts).toBe(started);
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
    ['the function timeout', '/public', 'timeout&ms=5000', 'Sandbox.Timedout'],
  ])(
    'answers %s with a 500 and discards the environment',
    async (_label, prefix, action, errorType) => {
      const pool = poolOf(prefix === '/hoard' ? 'Hoard' : 'Echo');
      await pidOf(prefix);
      const before = pool();
      logs.length = 0;
      const failed = await get(`${prefix}/fail?do=${action}`);
      expect([failed.status, failed.json]).toEqual([500, INTERNAL]);
      // The log can trail the answer (as CloudWatch's does): wait for it, a few seconds at most.
      expect(await logged(`Error Type: ${errorType}`)).toBe(true);
      // It ran in a warm environment, which is gone; the next request gets another one.
      expect(pool()).toEqual({
        ...before,
        environments: before.environments - 1,
        idle: before.idle - 1,
      });
      expect(typeof (await pidOf(prefix))).toBe('number');
    },
  );

  it('answers the integration timeout with 503 while the function runs on', async () => {
    const response = await get('/short/slow?ms=1200');
    expect([response.status, response.json]).toEqual([503, { message: 'Service Unavailable' }]);
  });

  it.each([
    ['object header values', 'object-headers'],
    ['a status that is not a number', 'bad-status'],
  ])('answers a result with %s (invalid for payload 2.0) with a 500', async (_label, action) => {
    const response = await get(`/public/bad?do=${action}`);
    expect([response.status, response.json]).toEqual([500, INTERNAL]);
  });

  it('honours ReservedConcurrentExecutions: a request beyond it is throttled (500)', async () => {
    // The first holds the one environment for a second, however late the second arrives.
    const answers = await Promise.all([get('/limited?ms=1000'), get('/limited?ms=1000')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 500]);
    expect(logs.some((l) => l.includes('throttled'))).toBe(true);
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
    for (let i = 0; i < 100 && !logs.some((l) => l.includes('code changed')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
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
