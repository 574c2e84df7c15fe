import { createSocket } from 'node:dgram';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { captureOutput, splitRecords } from '../../test/capture-output';
import { createTestContext, createTestEvent } from '@items-api/test-events';
import { startScriptedDynamoDB } from '../../test/scripted-dynamodb';
import { createTestHandler } from '../../test/test-handler';
import { loadConfig } from '../config';
import { createItemsHandler, type ItemsHandler } from '../create-handler';
import { createDependencies } from '../dependencies';
import { InMemoryItemRepository } from '../../test/in-memory-item-repository';
import { KitMetrics } from '@items-api/stack-contract';

const testContext = createTestContext();
/** The API Gateway request id the events carry: the logs' correlation id. */
const gatewayRequestId = createTestEvent().requestContext.requestId;

type Emf = Record<string, unknown> & {
  _aws: {
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
};

const accessLines = (logs: Record<string, unknown>[]) =>
  logs.filter((l) => l['message'] === 'request');
const emfOf = (lines: string[]) => splitRecords(lines).metrics as Emf[];
const requestRecord = (lines: string[]) => {
  const found = emfOf(lines).filter((r) => KitMetrics.requests in r);
  expect(found).toHaveLength(1);
  return found[0] as Emf;
};
const problemRecords = (lines: string[]) => emfOf(lines).filter((r) => KitMetrics.problems in r);

const withEnv = async <T>(env: Record<string, string | undefined>, run: () => Promise<T>) => {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
};

describe('Powertools logs and EMF metrics of the items function, read from its output', () => {
  it('marks the first invocation a cold start (log key and ColdStart metric), later ones not', async () => {
    const { call, logLines } = createTestHandler();
    await call({});
    const first = [...logLines];
    logLines.length = 0;
    await call({});
    const [firstAccess] = accessLines(splitRecords(first).logs);
    expect(firstAccess).toMatchObject({ cold_start: true, function_name: 'items-test' });
    const coldStart = emfOf(first).filter((r) => KitMetrics.coldStart in r);
    expect(coldStart).toHaveLength(1);
    expect(coldStart[0]).toMatchObject({
      service: 'items-api',
      function_name: 'items-test',
      ColdStart: 1,
    });
    expect(coldStart[0]?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([
      ['service', 'function_name'],
    ]);
    expect(accessLines(splitRecords(logLines).logs)[0]).toMatchObject({ cold_start: false });
    expect(emfOf(logLines).filter((r) => KitMetrics.coldStart in r)).toEqual([]);
  });

  it('writes one access line per request with the Lambda request id, the X-Ray trace id and the gateway request id as correlation id', async () => {
    const { call, logLines } = createTestHandler();
    const traceId = '1-6745a0b2-2c8f1e0d9b7a6c5d4e3f2a1b';
    await withEnv({ _X_AMZN_TRACE_ID: `Root=${traceId};Parent=53995c3f42cd8ad8;Sampled=1` }, () =>
      call({}),
    );
    const lines = accessLines(splitRecords(logLines).logs);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'INFO',
      message: 'request',
      service: 'items-api',
      function_request_id: testContext.awsRequestId,
      correlation_id: gatewayRequestId,
      xray_trace_id: traceId,
      method: 'GET',
      path: '/items',
      operation: 'listItems',
      status: 200,
      sub: 'alice',
    });
    expect(typeof lines[0]?.['durationMs']).toBe('number');
  });

  it('writes per-operation request metrics in the configured namespace, dimensions service and operation', async () => {
    const { call, logLines } = createTestHandler();
    await call({});
    const record = requestRecord(logLines);
    expect(record._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: 'ItemsApi/test',
        Dimensions: [['service', 'operation']],
        Metrics: expect.arrayContaining([
          { Name: 'Requests', Unit: 'Count' },
          { Name: 'Latency', Unit: 'Milliseconds' },
          { Name: 'ClientErrors', Unit: 'Count' },
          { Name: 'ServerErrors', Unit: 'Count' },
          { Name: 'DynamoDBRetries', Unit: 'Count' },
          { Name: 'DynamoDBThrottles', Unit: 'Count' },
        ]),
      },
    ]);
    expect(record).toMatchObject({
      service: 'items-api',
      operation: 'listItems',
      Requests: 1,
      ClientErrors: 0,
      ServerErrors: 0,
    });
    expect(problemRecords(logLines)).toEqual([]);
  });

  it('counts a 412 as a precondition failure and a problem of its type', async () => {
    const { call, logLines } = createTestHandler();
    const item = (await call({ method: 'POST', body: { name: 'Boots' } })).json;
    logLines.length = 0;
    const res = await call({
      method: 'PUT',
      path: `/items/${item.id}`,
      body: { name: 'New' },
      headers: { 'if-match': '"7"' },
    });
    expect(res.statusCode).toBe(412);
    expect(requestRecord(logLines)).toMatchObject({
      operation: 'replaceItem',
      Requests: 1,
      PreconditionFailed: 1,
      ClientErrors: 1,
      ServerErrors: 0,
    });
    expect(problemRecords(logLines)).toEqual([
      expect.objectContaining({ service: 'items-api', problem: 'preconditionFailed', Problems: 1 }),
    ]);
    expect(accessLines(splitRecords(logLines).logs)[0]).toMatchObject({
      status: 412,
      problem: 'preconditionFailed',
    });
  });

  it('logs and counts a request that fails validation', async () => {
    const { call, logLines } = createTestHandler();
    await call({ method: 'POST', body: { name: '' } });
    expect(accessLines(splitRecords(logLines).logs)[0]).toMatchObject({
      operation: 'createItem',
      status: 400,
      problem: 'validation',
    });
    expect(requestRecord(logLines)).toMatchObject({ ClientErrors: 1, IdempotentReplays: 0 });
    expect(problemRecords(logLines)[0]).toMatchObject({ problem: 'validation' });
  });

  it('counts a request no route matches under the operation "unmatched", with no DynamoDB figures', async () => {
    const { call, logLines } = createTestHandler();
    await call({ path: '/nope' });
    const record = requestRecord(logLines);
    expect(record).toMatchObject({ operation: 'unmatched', ClientErrors: 1 });
    expect(record).not.toHaveProperty(KitMetrics.dynamodbRetries);
    expect(problemRecords(logLines)[0]).toMatchObject({ problem: 'notFound' });
  });

  // RFC 9110 §9.3.2: a HEAD answer has no content, yet the problem it stands for is logged.
  it('logs and counts the problem of a HEAD answer, whose body is gone', async () => {
    const { call, logLines } = createTestHandler();
    const response = await call({ method: 'HEAD', path: '/items/01ARZ3NDEKTSV4RRFFQ69G5FAV' });
    expect([response.statusCode, response.body]).toEqual([404, '']);
    expect(accessLines(splitRecords(logLines).logs)[0]).toMatchObject({
      method: 'HEAD',
      operation: 'getItem',
      status: 404,
      problem: 'notFound',
    });
    expect(problemRecords(logLines)[0]).toMatchObject({ problem: 'notFound', Problems: 1 });
  });

  it('counts an idempotent replay', async () => {
    const { call, logLines } = createTestHandler();
    const request = {
      method: 'POST',
      body: { name: 'Boots' },
      headers: { 'idempotency-key': 'k-1' },
    };
    await call(request);
    expect(requestRecord(logLines)).toMatchObject({ IdempotentReplays: 0 });
    logLines.length = 0;
    expect((await call(request)).statusCode).toBe(201);
    expect(requestRecord(logLines)).toMatchObject({
      operation: 'createItem',
      IdempotentReplays: 1,
    });
    expect(accessLines(splitRecords(logLines).logs)[0]).toMatchObject({ idempotentReplay: true });
  });

  it('still logs and counts the 503 of a function running out of time while DynamoDB stalls', async () => {
    const repo = new InMemoryItemRepository();
    repo.list = () => new Promise(() => undefined);
    const { handler, logLines } = createTestHandler(repo);
    // Lambda's remaining time is the test's to give, and the clock its to move: 600 ms left and
    // the early timeout at 500 ms before the end, so the function answers 100 ms in.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const pending = handler(createTestEvent({}), {
        ...testContext,
        getRemainingTimeInMillis: () => 600,
      });
      await jest.advanceTimersByTimeAsync(100);
      expect((await pending).statusCode).toBe(503);
    } finally {
      jest.useRealTimers();
    }
    const { logs } = splitRecords(logLines);
    expect(logs.find((l) => l['level'] === 'WARN')?.['message']).toMatch(/out of time/);
    expect(accessLines(logs)[0]).toMatchObject({
      status: 503,
      problem: 'unavailable',
      correlation_id: gatewayRequestId,
      durationMs: 100,
    });
    expect(requestRecord(logLines)).toMatchObject({
      operation: 'listItems',
      ServerErrors: 1,
      Latency: 100,
    });
    expect(problemRecords(logLines)[0]).toMatchObject({ problem: 'unavailable', Problems: 1 });
  });

  it('never writes the bearer token, the body, the idempotency key or a claim other than sub — even at debug with event logging asked for', async () => {
    const secrets = {
      token: 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl',
      name: 'body-secret-name-8d1f',
      description: 'body-secret-description-77aa',
      key: 'idem-secret-key-31c0',
      email: 'alice-secret@example.com',
    };
    await withEnv({ POWERTOOLS_LOGGER_LOG_EVENT: 'true' }, async () => {
      const { handler, logLines } = createTestHandler(undefined, { logLevel: 'debug' });
      const event = (options: Parameters<typeof createTestEvent>[0]) => {
        const e = createTestEvent(options);
        e.headers['authorization'] = `Bearer ${secrets.token}`;
        (
          e.requestContext as unknown as { authorizer: { jwt: { claims: object } } }
        ).authorizer.jwt.claims = {
          sub: 'alice',
          email: secrets.email,
          'cognito:username': secrets.email,
        };
        return e;
      };
      const body = { name: secrets.name, description: secrets.description };
      const headers = { 'idempotency-key': secrets.key };
      await handler(event({ method: 'POST', body, headers }), testContext);
      await handler(event({ method: 'POST', body, headers }), testContext); // the replay
      await handler(
        event({ method: 'POST', body: { ...body, id: 'x' }, headers: {} }),
        testContext,
      ); // 400
      await handler(event({ method: 'POST', body: '{"name": ', headers: {} }), testContext); // bad JSON
      expect(accessLines(splitRecords(logLines).logs)).toHaveLength(4);
      const output = logLines.join('\n');
      for (const secret of Object.values(secrets)) expect(output).not.toContain(secret);
    });
  });
});

it('writes no EMF record with POWERTOOLS_METRICS_DISABLED=true in its environment, and still logs', async () => {
  const config = loadConfig({
    TABLE_NAME: 'items',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const handler = createItemsHandler({
    ...createDependencies(config),
    repo: new InMemoryItemRepository(),
  });
  const { lines } = await captureOutput(() =>
    handler(createTestEvent({ path: '/nope' }), testContext),
  );
  expect(splitRecords(lines).metrics).toEqual([]);
  expect(accessLines(splitRecords(lines).logs)).toHaveLength(1);
});

describe('log level', () => {
  const env = {
    TABLE_NAME: 'items',
    AWS_REGION: 'us-east-1',
    DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
  };
  const levelsWritten = async (extra: Record<string, string | undefined>) =>
    withEnv({ AWS_LAMBDA_LOG_LEVEL: undefined, ...extra }, async () => {
      const deps = createDependencies(loadConfig({ ...env, ...extra }));
      const handler = createItemsHandler({ ...deps, repo: new InMemoryItemRepository() });
      const { lines } = await captureOutput(() =>
        handler(createTestEvent({ path: '/nope' }), testContext),
      );
      return splitRecords(lines).logs.map((l) => l['level']);
    });

  it('follows POWERTOOLS_LOG_LEVEL (LOG_LEVEL is its alias)', async () => {
    expect(await levelsWritten({})).toContain('INFO');
    expect(await levelsWritten({ POWERTOOLS_LOG_LEVEL: 'WARN' })).toEqual([]);
    expect(await levelsWritten({ LOG_LEVEL: 'silent' })).toEqual([]);
  });

  it("lets Lambda's advanced logging controls (AWS_LAMBDA_LOG_LEVEL) win over POWERTOOLS_LOG_LEVEL", async () => {
    expect(
      await levelsWritten({ POWERTOOLS_LOG_LEVEL: 'DEBUG', AWS_LAMBDA_LOG_LEVEL: 'ERROR' }),
    ).toEqual([]);
  });
});

describe('DynamoDB calls: retries, throttles and X-Ray subsegments', () => {
  it('counts a throttled, retried GetItem in the log line and metrics and sends one DynamoDB subsegment to the daemon', async () => {
    const dynamo = await startScriptedDynamoDB([{ kind: 'throttled' }, { kind: 'ok', body: {} }]);
    const daemon = createSocket('udp4');
    const datagrams: string[] = [];
    daemon.on('message', (message) => datagrams.push(message.toString('utf8')));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    const arrived = once(daemon, 'message');
    const port = (daemon.address() as AddressInfo).port;
    const trace = { root: '1-6745a0b2-0123456789abcdef01234567', parent: '53995c3f42cd8ad8' };
    try {
      await withEnv(
        {
          AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${port}`,
          _X_AMZN_TRACE_ID: `Root=${trace.root};Parent=${trace.parent};Sampled=1`,
        },
        async () => {
          const config = loadConfig({
            TABLE_NAME: 'items',
            AWS_REGION: 'us-east-1',
            DYNAMODB_ENDPOINT: dynamo.endpoint,
          });
          const handler = createItemsHandler(createDependencies(config));
          const { result, lines } = await captureOutput(() =>
            handler(createTestEvent({ path: '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7' }), testContext),
          );
          expect(result.statusCode).toBe(404);
          expect(dynamo.targets).toEqual([
            'DynamoDB_20120810.GetItem',
            'DynamoDB_20120810.GetItem',
          ]);
          expect(requestRecord(lines)).toMatchObject({
            operation: 'getItem',
            DynamoDBRetries: 1,
            DynamoDBThrottles: 1,
          });
          expect(accessLines(splitRecords(lines).logs)[0]?.['dynamodb']).toEqual([
            { operation: 'GetItem', ms: expect.any(Number), attempts: 2, throttles: 1 },
          ]);
        },
      );
      await arrived;
      expect(datagrams).toHaveLength(1);
      const [headerLine, document] = (datagrams[0] ?? '').split('\n');
      expect(JSON.parse(headerLine ?? '')).toEqual({ format: 'json', version: 1 });
      const subsegment = JSON.parse(document ?? '');
      expect(subsegment).toMatchObject({
        name: 'DynamoDB',
        namespace: 'aws',
        type: 'subsegment',
        trace_id: trace.root,
        parent_id: trace.parent,
        aws: {
          operation: 'GetItem',
          region: 'us-east-1',
          table_name: 'items',
          retries: 1,
          request_id: 'ddb-2',
        },
        http: { response: { status: 200 } },
      });
      expect(subsegment.id).toMatch(/^[0-9a-f]{16}$/);
      expect(subsegment.end_time).toBeGreaterThanOrEqual(subsegment.start_time);
    } finally {
      daemon.close();
      await dynamo.stop();
    }
  });

  it('logs a DynamoDB call still stalled when the function answers 503 out of time as in flight', async () => {
    const dynamo = await startScriptedDynamoDB([{ kind: 'stall' }]);
    // The clock is the test's: the function's early timeout (200 ms in) fires once the GetItem is
    // at DynamoDB, and the SDK's own timeouts (1 s to connect, 2 s to answer) never do.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const config = loadConfig({
        TABLE_NAME: 'items',
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        POWERTOOLS_TRACE_ENABLED: 'false',
      });
      const handler = createItemsHandler(createDependencies(config));
      const { result, lines } = await captureOutput(async () => {
        const pending = handler(createTestEvent({ path: '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7' }), {
          ...testContext,
          getRemainingTimeInMillis: () => 700,
        });
        await dynamo.received(1);
        await jest.advanceTimersByTimeAsync(200);
        return pending;
      });
      expect(result.statusCode).toBe(503);
      expect(accessLines(splitRecords(lines).logs)[0]).toMatchObject({
        status: 503,
        problem: 'unavailable',
        durationMs: 200,
        dynamodb: [{ operation: 'GetItem', attempts: 1, inFlight: true, ms: 200 }],
      });
      expect(requestRecord(lines)).toMatchObject({ operation: 'getItem', ServerErrors: 1 });
    } finally {
      jest.useRealTimers();
      await dynamo.stop();
    }
  });

  it('sends nothing when the invocation is not sampled', async () => {
    const dynamo = await startScriptedDynamoDB([
      { kind: 'ok', body: {} },
      { kind: 'ok', body: {} },
    ]);
    const daemon = createSocket('udp4');
    const datagrams: string[] = [];
    daemon.on('message', (message) => datagrams.push(message.toString('utf8')));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    const sampled = '1-6745a0b2-bbbbbbbbbbbbbbbbbbbbbbbb';
    const invoke = (handler: ItemsHandler, traceHeader: string) =>
      withEnv({ _X_AMZN_TRACE_ID: traceHeader }, () =>
        captureOutput(() =>
          handler(createTestEvent({ path: '/items/01JD8X3ZK5N2M4Q7R9T1V3W5Y7' }), testContext),
        ),
      );
    try {
      await withEnv(
        { AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${(daemon.address() as AddressInfo).port}` },
        async () => {
          const config = loadConfig({ TABLE_NAME: 'items', DYNAMODB_ENDPOINT: dynamo.endpoint });
          const handler = createItemsHandler(createDependencies(config));
          const arrived = once(daemon, 'message');
          // An unsampled invocation, then a sampled one: had the first sent its subsegment, it
          // would be the first datagram to arrive (one socket, over loopback).
          const unsampled =
            'Root=1-6745a0b2-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=53995c3f42cd8ad8;Sampled=0';
          expect((await invoke(handler, unsampled)).result.statusCode).toBe(404);
          const traced = `Root=${sampled};Parent=53995c3f42cd8ad8;Sampled=1`;
          expect((await invoke(handler, traced)).result.statusCode).toBe(404);
          await arrived;
        },
      );
      expect(JSON.parse(datagrams[0]?.split('\n')[1] ?? '')).toMatchObject({
        name: 'DynamoDB',
        trace_id: sampled,
      });
    } finally {
      daemon.close();
      await dynamo.stop();
    }
  });
});
