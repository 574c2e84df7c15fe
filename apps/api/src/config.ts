import { z } from 'zod';

const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error', 'silent']);

const EnvSchema = z.object({
  TABLE_NAME: z.string().min(1),
  /** Another DynamoDB (DynamoDB Local) instead of the regional endpoint. */
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  LOG_LEVEL: LogLevelSchema.default('info'),
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
  logLevel: LogLevel;
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
    logLevel: e.LOG_LEVEL,
    cursorSecret: e.CURSOR_SECRET ?? `items-cursor:${e.TABLE_NAME}`,
    idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_SECONDS,
  };
}
