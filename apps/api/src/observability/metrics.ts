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
  private readonly shapes = new Map<string, { head: string; names: string[] }>();

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
  }

  /** One record: `dimensions` (service added) and the metrics' values and units. */
  publish(dimensions: Record<string, string>, metrics: Record<string, [Unit, number]>): void {
    const shape = this.shapeOf(dimensions, metrics);
    let values = '';
    let index = 0;
    for (const name in metrics) {
      const value = (metrics[name] as [Unit, number])[1];
      values += `${shape.names[index++]}${Number.isFinite(value) ? value : 'null'}`;
    }
    const line = `{"_aws":{"Timestamp":${Date.now()},${shape.head}${values}}`;
    if (this.options.write) this.options.write(line);
    else process.stdout.write(`${line}\n`);
  }

  /**
   * The constant part of a record (namespace, dimension names, metric definitions, dimension
   * values), serialised once per kind of record: a request writes the same few kinds over and
   * over, and only the timestamp and the values change. `names` holds each value's
   * `,"Name":`, in the order of `metrics`.
   */
  private shapeOf(dimensions: Record<string, string>, metrics: Record<string, [Unit, number]>) {
    // Names and values are identifiers and units (none holds a NUL), so NUL separates them.
    let key = '';
    for (const name in dimensions) key += `${name}\0${dimensions[name]}\0`;
    for (const name in metrics) key += `\0${name}\0${metrics[name]?.[0]}`;
    let shape = this.shapes.get(key);
    if (!shape) {
      const dims = { [KitDimensions.service]: this.options.serviceName, ...dimensions };
      const definitions = Object.entries(metrics).map(([name, [unit]]) => ({
        Name: name,
        Unit: unit,
      }));
      const cloudWatchMetrics = [
        {
          Namespace: this.options.namespace,
          Dimensions: [Object.keys(dims)],
          Metrics: definitions,
        },
      ];
      shape = {
        head: `"CloudWatchMetrics":${JSON.stringify(cloudWatchMetrics)}},${JSON.stringify(dims).slice(1, -1)}`,
        names: Object.keys(metrics).map((name) => `,${JSON.stringify(name)}:`),
      };
      this.shapes.set(key, shape);
    }
    return shape;
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

const throttlingErrors = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

export const isThrottlingError = (name: string | undefined) =>
  name !== undefined && throttlingErrors.has(name);

/** The request's metrics: one record per request, plus one for a problem answer. */
export function publishRequestMetrics(metrics: Metrics, outcome: RequestOutcome): void {
  const { operation, status, facts } = outcome;
  const values: Record<string, ['Count' | 'Milliseconds', number]> = {
    [KitMetrics.requests]: ['Count', 1],
    [KitMetrics.latency]: ['Milliseconds', outcome.latencyMs],
    [KitMetrics.clientErrors]: ['Count', status >= 400 && status < 500 ? 1 : 0],
    [KitMetrics.serverErrors]: ['Count', status >= 500 ? 1 : 0],
  };
  if (conditionalOperations.includes(operation)) {
    values[KitMetrics.preconditionFailed] = ['Count', status === 412 ? 1 : 0];
  }
  if (idempotentOperations.includes(operation)) {
    values[KitMetrics.idempotentReplays] = ['Count', facts?.idempotentReplay ? 1 : 0];
  }
  if (operation !== unmatchedOperation) {
    let retries = 0;
    let throttles = 0;
    for (const call of facts?.dynamodbCalls ?? []) {
      retries += Math.max(0, call.attempts - 1);
      throttles += call.throttles;
    }
    values[KitMetrics.dynamodbRetries] = ['Count', retries];
    values[KitMetrics.dynamodbThrottles] = ['Count', throttles];
  }
  metrics.publish({ [KitDimensions.operation]: operation }, values);
  if (outcome.problem) {
    metrics.publish(
      { [KitDimensions.problem]: outcome.problem },
      { [KitMetrics.problems]: ['Count', 1] },
    );
  }
}
