import {
  conditionalOperations,
  idempotentOperations,
  KitDimensions,
  KitMetrics,
  unmatchedOperation,
} from '@items-api/stack-contract';
import type { RequestFacts } from './request-scope';

type Unit = 'Count' | 'Milliseconds';

/**
 * One kind of record: its namespace, dimension set, metric definitions and dimension values,
 * serialised once. A request writes the same few kinds over and over; only the timestamp and
 * the values change.
 */
export class RecordKind {
  /** Each value's `,"Name":`, in the order of the units the kind was made with. */
  private readonly names: string[];
  private readonly head: string;

  constructor(
    options: { namespace: string; serviceName: string },
    dimensions: Record<string, string>,
    units: Record<string, Unit>,
    private readonly write: (line: string) => void,
  ) {
    const dims = { [KitDimensions.service]: options.serviceName, ...dimensions };
    const cloudWatchMetrics = [
      {
        Namespace: options.namespace,
        Dimensions: [Object.keys(dims)],
        Metrics: Object.entries(units).map(([name, unit]) => ({ Name: name, Unit: unit })),
      },
    ];
    this.head = `"CloudWatchMetrics":${JSON.stringify(cloudWatchMetrics)}},${JSON.stringify(dims).slice(1, -1)}`;
    this.names = Object.keys(units).map((name) => `,${JSON.stringify(name)}:`);
  }

  /** One record of this kind; `values` in the order of its units. */
  publish(values: readonly number[]): void {
    let members = '';
    for (let i = 0; i < this.names.length; i++) {
      const value = values[i] as number;
      members += `${this.names[i]}${Number.isFinite(value) ? value : 'null'}`;
    }
    this.write(`{"_aws":{"Timestamp":${Date.now()},${this.head}${members}}`);
  }
}

/**
 * CloudWatch embedded metric format (CloudWatch user guide, "Specification: Embedded metric
 * format"): one JSON object per line on stdout, `_aws.CloudWatchMetrics` naming the namespace,
 * the dimension set and each metric's unit, the values as top-level members. CloudWatch Logs
 * extracts the metrics; the function makes no API call. Written to process.stdout, not through
 * console.log, so Lambda's JSON log format cannot wrap the record.
 *
 * The records are what Powertools Metrics writes (same namespace and service variables, its
 * `ColdStart` metric with dimensions service and function_name), without its per-record
 * machinery: that cost about 8 µs a request in the overhead benchmark, a quarter of its goal.
 */
export class Metrics {
  private coldStart: boolean;
  private readonly kinds = new Map<string, RecordKind>();
  private readonly write: (line: string) => void;

  constructor(
    private readonly options: {
      namespace: string;
      serviceName: string;
      write?: (line: string) => void;
    },
  ) {
    // As Powertools: a cold start counts only for on-demand initialisation, which Lambda names in
    // AWS_LAMBDA_INITIALIZATION_TYPE (not for provisioned concurrency or SnapStart).
    this.coldStart = process.env['AWS_LAMBDA_INITIALIZATION_TYPE'] === 'on-demand';
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
  }

  /**
   * The kind of record with these dimensions (service added) and metrics, made once: a caller
   * writing many records of one kind keeps it.
   */
  kind(dimensions: Record<string, string>, units: Record<string, Unit>): RecordKind {
    // Names and values are identifiers and units (none holds a NUL), so NUL separates them.
    let key = '';
    for (const name in dimensions) key += `${name}\0${dimensions[name]}\0`;
    for (const name in units) key += `\0${name}\0${units[name]}`;
    let kind = this.kinds.get(key);
    if (!kind) {
      kind = new RecordKind(this.options, dimensions, units, this.write);
      this.kinds.set(key, kind);
    }
    return kind;
  }

  /** One record: `dimensions` (service added) and the metrics' values and units. */
  publish(dimensions: Record<string, string>, metrics: Record<string, [Unit, number]>): void {
    const units: Record<string, Unit> = {};
    const values: number[] = [];
    for (const name in metrics) {
      const [unit, value] = metrics[name] as [Unit, number];
      units[name] = unit;
      values.push(value);
    }
    this.kind(dimensions, units).publish(values);
  }

  /** `ColdStart` once, on the first invocation of an on-demand environment. */
  captureColdStartMetric(functionName: string | undefined): void {
    if (!this.coldStart) return;
    this.coldStart = false;
    this.publish(functionName ? { [KitDimensions.functionName]: functionName } : {}, {
      [KitMetrics.coldStart]: ['Count', 1],
    });
  }
}

export function createMetrics(options: { namespace: string; serviceName: string }): Metrics {
  return new Metrics(options);
}

export type RequestOutcome = {
  operation: string;
  status: number;
  latencyMs: number;
  /** The problem type's name (`preconditionFailed`) when the answer is problem+json. */
  problem?: string;
  facts?: RequestFacts;
};

type RequestMetric = {
  name: string;
  unit: Unit;
  /** Whether an operation's record carries it (all do when absent). */
  carriedBy?: (operation: string) => boolean;
  value: (outcome: RequestOutcome, calls: DynamoTotals) => number;
};

type DynamoTotals = { retries: number; throttles: number };

const dynamodbTotals = (facts: RequestFacts | undefined): DynamoTotals => {
  let retries = 0;
  let throttles = 0;
  for (const call of facts?.dynamodbCalls ?? []) {
    retries += Math.max(0, call.attempts - 1);
    throttles += call.throttles;
  }
  return { retries, throttles };
};

/** A request record's metrics, in the order their values are written. */
const requestMetrics: RequestMetric[] = [
  { name: KitMetrics.requests, unit: 'Count', value: () => 1 },
  { name: KitMetrics.latency, unit: 'Milliseconds', value: (o) => o.latencyMs },
  {
    name: KitMetrics.clientErrors,
    unit: 'Count',
    value: (o) => (o.status >= 400 && o.status < 500 ? 1 : 0),
  },
  { name: KitMetrics.serverErrors, unit: 'Count', value: (o) => (o.status >= 500 ? 1 : 0) },
  {
    name: KitMetrics.preconditionFailed,
    unit: 'Count',
    carriedBy: (operation) => conditionalOperations.includes(operation),
    value: (o) => (o.status === 412 ? 1 : 0),
  },
  {
    name: KitMetrics.idempotentReplays,
    unit: 'Count',
    carriedBy: (operation) => idempotentOperations.includes(operation),
    value: (o) => (o.facts?.idempotentReplay ? 1 : 0),
  },
  {
    name: KitMetrics.dynamodbRetries,
    unit: 'Count',
    carriedBy: (operation) => operation !== unmatchedOperation,
    value: (_o, calls) => calls.retries,
  },
  {
    name: KitMetrics.dynamodbThrottles,
    unit: 'Count',
    carriedBy: (operation) => operation !== unmatchedOperation,
    value: (_o, calls) => calls.throttles,
  },
];

/**
 * The request's metrics: one record per request, plus one for a problem answer. Which metrics
 * an operation's record carries, and the record's serialised kind, are worked out once per
 * operation; a request only computes its values.
 */
export function requestMetricsPublisher(metrics: Metrics): (outcome: RequestOutcome) => void {
  const records = new Map<string, { kind: RecordKind; carried: RequestMetric[] }>();
  const recordOf = (operation: string) => {
    let record = records.get(operation);
    if (!record) {
      const carried = requestMetrics.filter((m) => m.carriedBy?.(operation) ?? true);
      const units = Object.fromEntries(carried.map((m) => [m.name, m.unit]));
      record = { kind: metrics.kind({ [KitDimensions.operation]: operation }, units), carried };
      records.set(operation, record);
    }
    return record;
  };
  return (outcome) => {
    const { kind, carried } = recordOf(outcome.operation);
    const calls = dynamodbTotals(outcome.facts);
    kind.publish(carried.map((m) => m.value(outcome, calls)));
    if (outcome.problem) {
      metrics.publish(
        { [KitDimensions.problem]: outcome.problem },
        { [KitMetrics.problems]: ['Count', 1] },
      );
    }
  };
}
