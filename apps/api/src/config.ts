import { z } from 'zod';

// Powertools Logger's levels, in either case (it upper-cases them); `silent` turns logs off.
const LogLevelSchema = z
  .string()
  .transform((level) => level.toLowerCase())
  .pipe(z.enum(['trace', 'debug', 'info', 'warn', 'error', 'critical', 'silent']));

const BooleanSchema = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const EnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  /** Another DynamoDB (DynamoDB Local) instead of the regional endpoint. */
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /**
   * Powertools' variable; `LOG_LEVEL` is its documented alias. Lambda's advanced logging controls
   * (`AWS_LAMBDA_LOG_LEVEL`, set by the function's LoggingConfig) win over both: the Logger
   * reads that one itself.
   */
  POWERTOOLS_LOG_LEVEL: LogLevelSchema.optional(),
  LOG_LEVEL: LogLevelSchema.optional(),
  /** `service` in every log line and metric; the stack sets it. */
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('items-api'),
  /** CloudWatch namespace of the EMF metrics; the stack sets one per stage. */
  POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).max(255).default('ItemsApi'),
  /** `true` writes no EMF record (Powertools' own switch, read here from the given environment). */
  POWERTOOLS_METRICS_DISABLED: BooleanSchema.default('false'),
  /** `false` keeps the DynamoDB subsegments off even in a sampled trace. */
  POWERTOOLS_TRACE_ENABLED: BooleanSchema.default('true'),
  /**
   * HMAC key for list cursors. Without it the key is derived from the table name: cursors stay
   * tamper-evident against edits, and forging one gains nothing because the owner always comes
   * from the token; set it (from a secret) to make cursors unforgeable as well.
   */
  CURSOR_SECRET: z.string().min(32).optional(),
  IDEMPOTENCY_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
});

export type LogLevel = z.infer<typeof LogLevelSchema>;

export type Config = {
  tableName: string;
  dynamodbEndpoint?: string;
  region: string;
  /** Unset: Lambda's advanced logging controls decide, else Powertools' default (INFO). */
  logLevel?: LogLevel;
  serviceName: string;
  metricsNamespace: string;
  metricsDisabled: boolean;
  tracingEnabled: boolean;
  cursorSecret: string;
  idempotencyTtlSeconds: number;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the function's environment once at cold start; fails naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    tableName: e.TABLE_NAME,
    dynamodbEndpoint: e.DYNAMODB_ENDPOINT,
    region: e.AWS_REGION,
    logLevel: e.POWERTOOLS_LOG_LEVEL ?? e.LOG_LEVEL,
    serviceName: e.POWERTOOLS_SERVICE_NAME,
    metricsNamespace: e.POWERTOOLS_METRICS_NAMESPACE,
    metricsDisabled: e.POWERTOOLS_METRICS_DISABLED,
    tracingEnabled: e.POWERTOOLS_TRACE_ENABLED,
    cursorSecret: e.CURSOR_SECRET ?? `items-cursor:${e.TABLE_NAME}`,
    idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_SECONDS,
  };
}
