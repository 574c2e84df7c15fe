import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { KitDimensions, KitMetrics } from '@items-api/stack-contract';
import { formatFunctionLine, formatMetrics } from './log-format';
import { createFunctionLog } from './function-log';

/** The lines `run` writes to stdout, where Powertools Metrics writes its records. */
function stdoutLines(run: () => void): string[] {
  const write = process.stdout.write;
  let written = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  try {
    run();
  } finally {
    process.stdout.write = write;
  }
  return written.split('\n').filter((line) => line !== '');
}

// Shapes from the Powertools for AWS Lambda (TypeScript) Logger docs ("Standard structured keys",
// "Logging errors") and the CloudWatch Embedded Metric Format specification.
const powertools = {
  level: 'INFO',
  message: 'item created',
  timestamp: '2026-12-01T08:00:00.000Z',
  service: 'items-api',
  cold_start: true,
  function_name: 'ItemsApi-dev-ItemsFunction',
  function_memory_size: '512',
  function_arn: 'arn:aws:lambda:us-east-1:000000000000:function:ItemsApi-dev-ItemsFunction',
  function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  sampling_rate: 0,
  xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793',
  correlation_id: 'Ja8Dej0ZoAMEbcg=',
  route: 'POST /items',
  status: 201,
};

describe('formatFunctionLine', () => {
  it('shows a Powertools record as level, message and its own keys, not the standard ones', () => {
    expect(formatFunctionLine(JSON.stringify(powertools))).toEqual({
      level: 'INFO',
      text: 'item created  correlation_id=Ja8Dej0ZoAMEbcg=  route="POST /items"  status=201  cold_start',
    });
  });

  it('leaves cold_start out once the environment is warm', () => {
    const warm = formatFunctionLine(JSON.stringify({ ...powertools, cold_start: false }));
    expect(warm.text).not.toContain('cold_start');
  });

  it('shows a logged error as name: message with its stack below', () => {
    const line = JSON.stringify({
      ...powertools,
      level: 'ERROR',
      message: 'DynamoDB unavailable',
      route: undefined,
      status: undefined,
      correlation_id: undefined,
      cold_start: false,
      error: {
        name: 'TimeoutError',
        location: 'file:///var/task/main.mjs:1:100',
        message: 'socket hang up',
        stack: 'TimeoutError: socket hang up\n    at send (file:///var/task/main.mjs:1:100)',
      },
    });
    expect(formatFunctionLine(line)).toEqual({
      level: 'ERROR',
      text: 'DynamoDB unavailable\nTimeoutError: socket hang up\n    at send (file:///var/task/main.mjs:1:100)',
    });
  });

  it('shows an EMF record as one metrics line with values, units and dimensions', () => {
    const emf = {
      _aws: {
        Timestamp: 1796112000000,
        CloudWatchMetrics: [
          {
            Namespace: 'ItemsApi',
            Dimensions: [['service', 'operation']],
            Metrics: [
              { Name: 'Requests', Unit: 'Count' },
              { Name: 'Latency', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      service: 'items-api',
      operation: 'createItem',
      Requests: 1,
      Latency: 12.5,
    };
    expect(formatFunctionLine(JSON.stringify(emf))).toEqual({
      text: 'metrics ItemsApi Requests=1 Latency=12.5ms [service=items-api operation=createItem]',
    });
  });

  it('shows the records Powertools Metrics writes, its ColdStart included', () => {
    // Powertools counts a cold start only where Lambda says the environment is on-demand.
    const initialization = process.env['AWS_LAMBDA_INITIALIZATION_TYPE'];
    process.env['AWS_LAMBDA_INITIALIZATION_TYPE'] = 'on-demand';
    const metrics = new Metrics({ namespace: 'ItemsApi/dev', serviceName: 'items-api' });
    if (initialization === undefined) delete process.env['AWS_LAMBDA_INITIALIZATION_TYPE'];
    else process.env['AWS_LAMBDA_INITIALIZATION_TYPE'] = initialization;
    const lines = stdoutLines(() => {
      metrics.captureColdStartMetric('ItemsApi-dev-ItemsFunction');
      metrics.addDimension(KitDimensions.operation, 'getItem');
      metrics.addMetric(KitMetrics.requests, MetricUnit.Count, 1);
      metrics.addMetric(KitMetrics.latency, MetricUnit.Milliseconds, 12.5);
      metrics.publishStoredMetrics();
      metrics
        .singleMetric()
        .addDimension(KitDimensions.problem, 'notFound')
        .addMetric(KitMetrics.problems, MetricUnit.Count, 1);
    });
    expect(lines.map(formatFunctionLine)).toEqual([
      {
        text: 'metrics ItemsApi/dev ColdStart=1 [service=items-api function_name=ItemsApi-dev-ItemsFunction]',
      },
      {
        text: 'metrics ItemsApi/dev Requests=1 Latency=12.5ms [service=items-api operation=getItem]',
      },
      { text: 'metrics ItemsApi/dev Problems=1 [service=items-api problem=notFound]' },
    ]);
  });

  it('joins several values of one metric (EMF allows arrays)', () => {
    const text = formatMetrics({
      _aws: {
        CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [], Metrics: [{ Name: 'Retries' }] }],
      },
      Retries: [1, 2],
    });
    expect(text).toBe('metrics N Retries=1,2');
  });

  it('rounds metric values for people: 2 decimals, 3 significant digits below 1, integers kept', () => {
    const emf = {
      _aws: {
        Timestamp: 1,
        CloudWatchMetrics: [
          {
            Namespace: 'N',
            Dimensions: [],
            Metrics: [
              { Name: 'Latency', Unit: 'Milliseconds' },
              { Name: 'Ratio' },
              { Name: 'Requests' },
              { Name: 'Samples' },
            ],
          },
        ],
      },
      Latency: 234.48471900000004,
      Ratio: 0.000123456,
      Requests: 123456,
      Samples: [1.256, 2.5, 3],
    };
    expect(formatFunctionLine(JSON.stringify(emf)).text).toBe(
      `metrics N Latency=234.48ms Ratio=0.000123 Requests=123456 Samples=1.26,2.5,3`,
    );
  });

  it('leaves metric values raw in --log-format json', () => {
    const lines: string[] = [];
    const log = createFunctionLog({ label: 'Items', format: 'json', sink: (l) => lines.push(l) });
    const record = JSON.stringify({
      _aws: {
        Timestamp: 1,
        CloudWatchMetrics: [{ Namespace: 'N', Dimensions: [], Metrics: [{ Name: 'Latency' }] }],
      },
      Latency: 234.48471900000004,
    });
    log.output(record, 'c6af9ac6-7b61-11e6-9a41-93e812345678');
    expect(lines).toEqual([record]);
  });

  it('shows Lambda’s text console line as level and message, multi-line messages restored', () => {
    const line =
      '2026-12-01T08:00:00.000Z\tc6af9ac6-7b61-11e6-9a41-93e812345678\tWARN\tfirst\rsecond';
    expect(formatFunctionLine(line)).toEqual({ level: 'WARN', text: 'first\nsecond' });
  });

  it('shows Lambda’s JSON console record (LogFormat JSON) as level and message', () => {
    const line = JSON.stringify({
      timestamp: '2026-12-01T08:00:00.000Z',
      level: 'INFO',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      message: 'hello',
    });
    expect(formatFunctionLine(line)).toEqual({ level: 'INFO', text: 'hello' });
  });

  it.each([
    ['plain text', 'listening'],
    ['JSON without a level', '{"a":1}'],
    ['broken JSON', '{"level":"INFO",'],
  ])('passes %s through as written', (_label, line) => {
    expect(formatFunctionLine(line)).toEqual({ text: line });
  });
});
