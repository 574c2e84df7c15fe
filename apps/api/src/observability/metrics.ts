import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MetricUnit as Unit } from '@aws-lambda-powertools/metrics/types';
import {
  conditionalOperations,
  idempotentOperations,
  KitDimensions,
  KitMetrics,
  unmatchedOperation,
} from '@items-api/stack-contract';
import type { RequestFacts } from './request-scope';

export type { Metrics };

/**
 * Powertools Metrics: CloudWatch embedded metric format records (one JSON object per line on
 * stdout, which CloudWatch Logs turns into metrics; no API call), in the stack's namespace with
 * `service` as default dimension. Its middy middleware publishes what a request added and, on
 * an on-demand environment's first invocation, its `ColdStart` (dimensions service and
 * function_name).
 */
export function createMetrics(options: { namespace: string; serviceName: string }): Metrics {
  return new Metrics({ namespace: options.namespace, serviceName: options.serviceName });
}

export type RequestOutcome = {
  operation: string;
  status: number;
  latencyMs: number;
  /** The problem type's name (`preconditionFailed`) when the answer is problem+json. */
  problem?: string;
  facts?: RequestFacts;
};

type DynamoTotals = { retries: number; throttles: number };

type RequestMetric = {
  name: string;
  unit: Unit;
  /** Whether an operation's record carries it (all do when absent). */
  carriedBy?: (operation: string) => boolean;
  value: (outcome: RequestOutcome, calls: DynamoTotals) => number;
};

const dynamodbTotals = (facts: RequestFacts | undefined): DynamoTotals => {
  let retries = 0;
  let throttles = 0;
  for (const call of facts?.dynamodbCalls ?? []) {
    retries += Math.max(0, call.attempts - 1);
    throttles += call.throttles;
  }
  return { retries, throttles };
};

/** A request record's metrics. */
const requestMetrics: RequestMetric[] = [
  { name: KitMetrics.requests, unit: MetricUnit.Count, value: () => 1 },
  { name: KitMetrics.latency, unit: MetricUnit.Milliseconds, value: (o) => o.latencyMs },
  {
    name: KitMetrics.clientErrors,
    unit: MetricUnit.Count,
    value: (o) => (o.status >= 400 && o.status < 500 ? 1 : 0),
  },
  {
    name: KitMetrics.serverErrors,
    unit: MetricUnit.Count,
    value: (o) => (o.status >= 500 ? 1 : 0),
  },
  {
    name: KitMetrics.preconditionFailed,
    unit: MetricUnit.Count,
    carriedBy: (operation) => conditionalOperations.includes(operation),
    value: (o) => (o.status === 412 ? 1 : 0),
  },
  {
    name: KitMetrics.idempotentReplays,
    unit: MetricUnit.Count,
    carriedBy: (operation) => idempotentOperations.includes(operation),
    value: (o) => (o.facts?.idempotentReplay ? 1 : 0),
  },
  {
    name: KitMetrics.dynamodbRetries,
    unit: MetricUnit.Count,
    carriedBy: (operation) => operation !== unmatchedOperation,
    value: (_o, calls) => calls.retries,
  },
  {
    name: KitMetrics.dynamodbThrottles,
    unit: MetricUnit.Count,
    carriedBy: (operation) => operation !== unmatchedOperation,
    value: (_o, calls) => calls.throttles,
  },
];

/**
 * The request's metrics: its record (dimensions service and operation), which the Metrics
 * middleware publishes once the request is answered, and for a problem answer a single-metric
 * record of its own (dimensions service and problem), written at once.
 */
export function addRequestMetrics(metrics: Metrics, outcome: RequestOutcome): void {
  const calls = dynamodbTotals(outcome.facts);
  metrics.addDimension(KitDimensions.operation, outcome.operation);
  for (const metric of requestMetrics) {
    if (metric.carriedBy?.(outcome.operation) ?? true) {
      metrics.addMetric(metric.name, metric.unit, metric.value(outcome, calls));
    }
  }
  if (outcome.problem) {
    metrics
      .singleMetric()
      .addDimension(KitDimensions.problem, outcome.problem)
      .addMetric(KitMetrics.problems, MetricUnit.Count, 1);
  }
}
