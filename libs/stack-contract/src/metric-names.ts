import { Headers, itemsContract } from '@items-api/contract';

/**
 * The EMF metrics the items function writes, in the namespace the stack sets
 * (POWERTOOLS_METRICS_NAMESPACE). The stack's alarms and dashboard import these names, so the
 * two cannot drift.
 *
 * Every request writes one record with dimensions (service, operation): Requests, Latency,
 * ClientErrors and ServerErrors (0 or 1, so Average is a rate), plus the operation's own
 * counters. A problem answer adds a record with dimensions (service, problem).
 */
export const KitMetrics = {
  requests: 'Requests',
  latency: 'Latency',
  clientErrors: 'ClientErrors',
  serverErrors: 'ServerErrors',
  /** 412 answers of the operations that take If-Match. */
  preconditionFailed: 'PreconditionFailed',
  /** A create answered from its idempotency record. */
  idempotentReplays: 'IdempotentReplays',
  /** Attempts beyond the first that the SDK made, summed over the request's DynamoDB calls. */
  dynamodbRetries: 'DynamoDBRetries',
  /** Attempts DynamoDB answered with a throttling error (retried or not). */
  dynamodbThrottles: 'DynamoDBThrottles',
  /** One per problem+json answer, by problem type. */
  problems: 'Problems',
  /** Once per on-demand environment, as Powertools' own (dimensions service, function_name). */
  coldStart: 'ColdStart',
} as const;

export const KitDimensions = {
  service: 'service',
  operation: 'operation',
  problem: 'problem',
  functionName: 'function_name',
} as const;

/** The operation of a request no contract route matched (404, 405). */
export const unmatchedOperation = 'unmatched';

/** Every value of the `operation` dimension: the contract's operations, then `unmatched`. */
export const itemsOperations: readonly string[] = [
  ...Object.keys(itemsContract),
  unmatchedOperation,
];

const routes = Object.entries(itemsContract) as [
  string,
  { responses: object; headers?: unknown },
][];

/** Operations whose contract declares a 412 (they take If-Match). */
export const conditionalOperations: readonly string[] = routes
  .filter(([, route]) => 412 in route.responses)
  .map(([operation]) => operation);

/** Operations that take an Idempotency-Key, so a request may be a replay. */
export const idempotentOperations: readonly string[] = routes
  .filter(([, route]) => {
    const shape = (route.headers as { shape?: Record<string, unknown> } | undefined)?.shape;
    return shape !== undefined && Headers.idempotencyKey in shape;
  })
  .map(([operation]) => operation);
