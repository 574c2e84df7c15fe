import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  conditionalOperations,
  idempotentOperations,
  KitDimensions,
  KitMetrics,
  unmatchedOperation,
} from './metric-names';
import type { RequestFacts } from './request-scope';

export type { Metrics };

/** Powertools Metrics: CloudWatch embedded metric format on stdout, no CloudWatch API call. */
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

const throttlingErrors = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

export const isThrottlingError = (name: string | undefined) =>
  name !== undefined && throttlingErrors.has(name);

/**
 * Writes the request's metrics: one record per request, plus one for a problem answer. Adding
 * and publishing happen in one synchronous run, so requests served at once never share a record.
 */
export function publishRequestMetrics(metrics: Metrics, outcome: RequestOutcome): void {
  const { operation, status, facts } = outcome;
  const count = (name: string, value: number) => metrics.addMetric(name, MetricUnit.Count, value);
  metrics.addDimension(KitDimensions.operation, operation);
  count(KitMetrics.requests, 1);
  metrics.addMetric(KitMetrics.latency, MetricUnit.Milliseconds, outcome.latencyMs);
  count(KitMetrics.clientErrors, status >= 400 && status < 500 ? 1 : 0);
  count(KitMetrics.serverErrors, status >= 500 ? 1 : 0);
  if (conditionalOperations.includes(operation)) {
    count(KitMetrics.preconditionFailed, status === 412 ? 1 : 0);
  }
  if (idempotentOperations.includes(operation)) {
    count(KitMetrics.idempotentReplays, facts?.idempotentReplay ? 1 : 0);
  }
  if (operation !== unmatchedOperation) {
    const calls = facts?.dynamodbCalls ?? [];
    count(
      KitMetrics.dynamodbRetries,
      calls.reduce((sum, call) => sum + Math.max(0, call.attempts - 1), 0),
    );
    count(
      KitMetrics.dynamodbThrottles,
      calls.reduce((sum, call) => sum + call.throttles, 0),
    );
  }
  metrics.publishStoredMetrics();
  if (outcome.problem) {
    metrics.addDimension(KitDimensions.problem, outcome.problem);
    count(KitMetrics.problems, 1);
    metrics.publishStoredMetrics();
  }
}
