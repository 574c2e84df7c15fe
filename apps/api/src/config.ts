import { IdempotencyLimits } from '@items-api/contract';
import { ItemsFunctionEnv as Env } from '@items-api/stack-contract';
import { z } from 'zod';

// Powertools Logger's levels, in either case (it upper-cases them); `silent` turns logs off.
const LogLevelSchema = z
  .string()
  .transform((level) => level.toLowerCase())
  .pipe(z.enum(['trace', 'debug', 'info', 'warn', 'error', 'critical', 'silent']));

const BooleanSchema = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

// Keyed by the names the stack sets (one list, in libs/stack-contract).
const EnvSchema = z.object({
  [Env.tableName]: z.string().min(1),
  [Env.dynamodbEndpoint]: z.string().url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /**
   * Lambda's advanced logging controls (`AWS_LAMBDA_LOG_LEVEL`, set by the function's
   * LoggingConfig) win over both: the Logger reads that one itself.
   */
  [Env.logLevel]: LogLevelSchema.optional(),
  [Env.logLevelAlias]: LogLevelSchema.optional(),
  [Env.serviceName]: z.string().min(1).default('items-api'),
  [Env.metricsNamespace]: z.string().min(1).max(255).default('ItemsApi'),
  [Env.metricsDisabled]: BooleanSchema.default('false'),
  [Env.tracingEnabled]: BooleanSchema.default('true'),
  [Env.idempotencyTtlSeconds]: z.coerce
    .number()
    .int()
    .min(60)
    .default(IdempotencyLimits.replaySeconds),
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
  /**
   * The HMAC key of list cursors. Not a secret, and there is no setting for it: a cursor only
   * says where to resume a query the token's owner may run anyway, inside the owner's own
   * partition (the owner comes from the token, never from the cursor), so forging one gains
   * nothing. The signature's job is to refuse a garbled cursor, or one made for another owner,
   * query or table, with a clean 400.
   */
  cursorKey: string;
  idempotencyTtlSeconds: number;
};

/** Parses the function's environment once at cold start; fails naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    tableName: e[Env.tableName],
    dynamodbEndpoint: e[Env.dynamodbEndpoint],
    region: e.AWS_REGION,
    logLevel: e[Env.logLevel] ?? e[Env.logLevelAlias],
    serviceName: e[Env.serviceName],
    metricsNamespace: e[Env.metricsNamespace],
    metricsDisabled: e[Env.metricsDisabled],
    tracingEnabled: e[Env.tracingEnabled],
    cursorKey: `items-cursor:${e[Env.tableName]}`,
    idempotencyTtlSeconds: e[Env.idempotencyTtlSeconds],
  };
}
