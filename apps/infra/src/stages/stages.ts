import { IdempotencyLimits } from '@items-api/contract';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  type EdgeSettings,
  type MonitoringSettings,
  StageConfigSchema,
  StageNameSchema,
  stageNames,
  type StageConfig,
  type StageName,
} from './stage-config';

/** The account's default regional concurrency quota (Lambda developer guide, "Lambda quotas"). */
const defaultAccountConcurrency = 1_000;

const devMonitoring: MonitoringSettings = {
  applicationLogLevel: 'INFO',
  // A developer's stage shows every invocation's START/END/REPORT, as `npm start` does.
  systemLogLevel: 'INFO',
  accountConcurrencyLimit: defaultAccountConcurrency,
  alarms: {
    apiServerErrorRate: {
      threshold: 5,
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      reason:
        'dev carries experiments, where a few 5xx are normal; 5 % of requests for 15 minutes means the stage is broken for everyone using it.',
    },
    latencyP99OfTimeout: {
      threshold: 90,
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      reason:
        'A p99 at 90 % of the timeout for 15 minutes means requests are about to be cut off with 503s; dev tolerates slower runs than prod.',
    },
    functionErrors: {
      threshold: 5,
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      reason:
        'The handler turns every error into an answer, so an invocation error is a crash or a platform timeout; in dev, a handful in 5 minutes (not one) is worth a look.',
    },
    functionThrottles: {
      threshold: 5,
      periodSeconds: 300,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      reason:
        'A throttled invocation is a request the gateway answered 5xx without running the function; in dev a few come from load tests.',
    },
    concurrencyOfLimit: {
      threshold: 80,
      periodSeconds: 300,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      reason:
        'The account quota is shared by every function in the account and Region: at 80 % a burst starts throttling them all.',
    },
    dynamodbThrottles: {
      threshold: 10,
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      reason:
        'An on-demand table throttles past twice its previous peak or on a hot partition; the SDK retries, so only throttling that lasts 15 minutes matters in dev.',
    },
    dynamodbSystemErrors: {
      threshold: 5,
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      reason:
        'DynamoDB 500s are on the AWS side and the SDK retries them; two 5-minute periods out of three with several means the service is degraded.',
    },
    unavailableAnswers: {
      threshold: 10,
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      reason:
        'Each 503 tells a user to retry: DynamoDB stayed busy or slow through the SDK retries; 10 in 5 minutes, twice in 15, is an outage as dev users see it.',
    },
  },
};

const prodMonitoring: MonitoringSettings = {
  applicationLogLevel: 'INFO',
  // REPORT's figures are in Lambda's own metrics; the lines would only add ingestion.
  systemLogLevel: 'WARN',
  accountConcurrencyLimit: defaultAccountConcurrency,
  alarms: {
    apiServerErrorRate: {
      threshold: 1,
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      reason:
        'The API answers 5xx only on a bug or when DynamoDB fails; 1 % of requests in 3 of 5 minutes is sustained, not one unlucky request.',
    },
    latencyP99OfTimeout: {
      threshold: 80,
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      reason:
        'A p99 at 80 % of the function timeout means the slowest requests are close to being cut off with a 503; there is still headroom to act.',
    },
    functionErrors: {
      threshold: 1,
      periodSeconds: 60,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      reason:
        'The handler turns every error into an answer, so any invocation error is a crash or a timeout the 503 guard missed: each one is a bug.',
    },
    functionThrottles: {
      threshold: 1,
      periodSeconds: 60,
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      reason:
        'A throttled invocation is a request the gateway answered 5xx without running the function: concurrency ran out, users saw errors.',
    },
    concurrencyOfLimit: {
      threshold: 80,
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      reason:
        'The account quota is shared by every function in the account and Region: at 80 % for 3 minutes a burst will throttle them all; raise the quota first.',
    },
    dynamodbThrottles: {
      threshold: 1,
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      reason:
        'An on-demand table throttles past twice its previous peak or on a hot partition; the SDK retries, but throttling in 3 of 5 minutes ends in 503s.',
    },
    dynamodbSystemErrors: {
      threshold: 1,
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 2,
      reason:
        'DynamoDB 500s are on the AWS side and the SDK retries them; seen in 2 of 5 minutes, the service is degraded and users may get 503s.',
    },
    unavailableAnswers: {
      threshold: 5,
      periodSeconds: 60,
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      reason:
        'Each 503 tells a user to retry: DynamoDB stayed busy or slow through the SDK retries; 5 a minute in 3 of 5 minutes is an outage as users see it.',
    },
  },
};

/**
 * The front's settings; on in prod, where one client must not use up the stage throttle every
 * client shares, off in dev to save its monthly fee (README, "Abuse protection").
 */
const edge: EdgeSettings = {
  enabled: false,
  // 600 a minute is 10 requests/s from one IP: a tenth of the stage throttle, far above one user.
  rateLimitPerIp: 600,
  rateWindowSeconds: 60,
};

/** The stage throttle: every route shares a bucket of this rate and burst (the kit's promise). */
const stageThrottle = { rateLimit: 100, burstLimit: 50 };

/** The replay window the contract's text promises. */
const idempotencyTtlSeconds = IdempotencyLimits.replaySeconds;

const dev: StageConfig = {
  stageName: 'dev',
  throttle: stageThrottle,
  // No tighter POST limit in dev: it would only slow seeding scripts; prod sets one.
  routeThrottles: {},
  // The web app's origin is always allowed; in dev also a front-end dev server on this machine.
  cors: { allowOrigins: ['http://localhost:3001'], maxAgeSeconds: 600 },
  itemsFunction: { memoryMb: 512, timeoutSeconds: 10 },
  docsFunction: { memoryMb: 256, timeoutSeconds: 5 },
  logRetention: RetentionDays.ONE_WEEK,
  tracing: false,
  idempotencyTtlSeconds,
  retainData: false,
  mfa: 'optional',
  monitoring: devMonitoring,
  edge,
  web: {},
  oauth: {
    tokenValidity: { accessTokenMinutes: 60, idTokenMinutes: 60, refreshTokenDays: 30 },
    machineClient: true,
  },
};

const prod: StageConfig = {
  stageName: 'prod',
  throttle: stageThrottle,
  routeThrottles: { 'POST /items': { rateLimit: 50, burstLimit: 25 } },
  // Only the web app's own origin unless told (`-c corsOrigins=https://admin.example`).
  cors: { allowOrigins: [], maxAgeSeconds: 3600 },
  itemsFunction: { memoryMb: 1024, timeoutSeconds: 10 },
  docsFunction: { memoryMb: 256, timeoutSeconds: 5 },
  logRetention: RetentionDays.THREE_MONTHS,
  tracing: true,
  idempotencyTtlSeconds,
  retainData: true,
  mfa: 'required',
  monitoring: prodMonitoring,
  edge: { ...edge, enabled: true },
  web: {},
  oauth: {
    // Short-lived access tokens: a revoked user loses access within 15 minutes.
    tokenValidity: { accessTokenMinutes: 15, idTokenMinutes: 15, refreshTokenDays: 7 },
    // The pipeline's smoke test gets its tokens as this client after each deploy (`npm run smoke
    // -- --stage prod`): its items live in a partition of its own (its `sub` is its client id).
    machineClient: true,
  },
};

export const stageConfigs: Readonly<Record<StageName, StageConfig>> = { dev, prod };

type Overridable<T> = T extends readonly unknown[] ? T : T extends object ? Partial<T> : T;

/** Changes to a stage's config; object settings merge one level deep (`{ throttle: { burstLimit: 5 } }`). */
export type StageOverrides = {
  readonly [K in Exclude<keyof StageConfig, 'stageName'>]?: Overridable<StageConfig[K]>;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The named stage's config with overrides applied, validated as a whole.
 * @throws Error naming the stage and each invalid setting.
 */
export function resolveStageConfig(stage: string, overrides: StageOverrides = {}): StageConfig {
  const name = StageNameSchema.safeParse(stage);
  if (!name.success) {
    throw new Error(`Unknown stage "${stage}": use one of ${stageNames.join(', ')}`);
  }
  const base: Record<string, unknown> = { ...stageConfigs[name.data] };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    base[key] =
      isPlainObject(value) && isPlainObject(base[key]) ? { ...base[key], ...value } : value;
  }
  const parsed = StageConfigSchema.safeParse(base);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid config for stage "${name.data}": ${problems.join('; ')}`);
  }
  return parsed.data;
}
