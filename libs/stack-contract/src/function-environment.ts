/**
 * The environment variables the items function reads, by what they mean. The function parses
 * them (apps/api `loadConfig`), the stack sets them (`itemsFunctionEnvironment`), and the local
 * server finds the table's variable by name in the template: renaming one here renames it
 * everywhere, and a variable the function needs but the stack forgot fails a template test.
 */
export const ItemsFunctionEnv = {
  tableName: 'TABLE_NAME',
  /** Another DynamoDB (DynamoDB Local) instead of the regional endpoint. */
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
  /** `service` in every log line and metric. */
  serviceName: 'POWERTOOLS_SERVICE_NAME',
  /** CloudWatch namespace of the EMF metrics. */
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  /** `true` writes no EMF record. */
  metricsDisabled: 'POWERTOOLS_METRICS_DISABLED',
  /** `false` keeps the DynamoDB subsegments off even in a sampled trace. */
  tracingEnabled: 'POWERTOOLS_TRACE_ENABLED',
  /** Powertools' variable; `LOG_LEVEL` is its documented alias. */
  logLevel: 'POWERTOOLS_LOG_LEVEL',
  logLevelAlias: 'LOG_LEVEL',
  /** How long an Idempotency-Key's first answer is replayed. */
  idempotencyTtlSeconds: 'IDEMPOTENCY_TTL_SECONDS',
} as const;

/** What a stack decides about the items function; the rest has working defaults. */
export type ItemsFunctionSettings = {
  /** A table name, or a deploy-time token standing for one. */
  tableName: string;
  serviceName: string;
  metricsNamespace: string;
  tracingEnabled: boolean;
  idempotencyTtlSeconds: number;
};

/** The items function's environment for these settings. */
export function itemsFunctionEnvironment(settings: ItemsFunctionSettings): Record<string, string> {
  return {
    [ItemsFunctionEnv.tableName]: settings.tableName,
    [ItemsFunctionEnv.serviceName]: settings.serviceName,
    [ItemsFunctionEnv.metricsNamespace]: settings.metricsNamespace,
    [ItemsFunctionEnv.tracingEnabled]: String(settings.tracingEnabled),
    [ItemsFunctionEnv.idempotencyTtlSeconds]: String(settings.idempotencyTtlSeconds),
  };
}
