import { apiRoutes, formatHours, IdempotencyLimits } from '@items-api/contract';
import { AwsQuotas } from '@items-api/stack-contract';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';

/** The deployable stages; each is its own stack (`ItemsApi-<stage>`). */
export const stageNames = ['dev', 'prod'] as const;
export const StageNameSchema = z.enum(stageNames);
export type StageName = z.infer<typeof StageNameSchema>;

const contractRouteKeys = new Set(apiRoutes.map((route) => route.routeKey));

const ThrottleSchema = z.object({
  rateLimit: z.number().positive(),
  burstLimit: z.number().int().nonnegative(),
});

const FunctionSettingsSchema = z.object({
  memoryMb: z.number().int().min(128).max(10_240),
  // The gateway waits one second longer than this, and no integration waits longer than its quota.
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(AwsQuotas.maxIntegrationTimeoutSeconds - 1),
});

const OriginSchema = z
  .string()
  .regex(/^(\*|https?:\/\/[^/\s*]+)$/, 'must be `*` or a scheme://host[:port] origin');

/**
 * One alarm's trigger: `threshold` in the alarm's own unit (see MonitoringSchema), breached in
 * `datapointsToAlarm` of the last `evaluationPeriods` periods of `periodSeconds`. `reason` says
 * why these numbers; it becomes the alarm's description, so whoever is paged reads it.
 */
const AlarmSettingSchema = z
  .object({
    threshold: z.number().nonnegative(),
    periodSeconds: z.union([z.literal(60), z.literal(300), z.literal(900), z.literal(3600)]),
    evaluationPeriods: z.number().int().min(1).max(100),
    datapointsToAlarm: z.number().int().min(1),
    reason: z.string().min(20),
  })
  .strict()
  .refine((a) => a.datapointsToAlarm <= a.evaluationPeriods, {
    message: 'datapointsToAlarm cannot exceed evaluationPeriods',
    path: ['datapointsToAlarm'],
  });

const MonitoringSchema = z
  .object({
    /** Subscribed to the stage's alarm topic (`-c alarmEmail=ops@example.com`); it must confirm. */
    alarmEmail: z.string().email().optional(),
    /** Lambda's advanced logging controls: the functions' application log level. */
    applicationLogLevel: z.enum(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']),
    /**
     * Lambda's system log level: INFO writes each invocation's START, END and REPORT lines (what
     * `npm start` shows), WARN leaves them out and saves their ingestion.
     */
    systemLogLevel: z.enum(['DEBUG', 'INFO', 'WARN']),
    /** The account's regional Lambda concurrency quota (1,000 unless raised). */
    accountConcurrencyLimit: z.number().int().min(10),
    alarms: z
      .object({
        /** Percent of the API's requests answered 5xx (gateway and function). */
        apiServerErrorRate: AlarmSettingSchema,
        /** The items function's p99 duration, in percent of its timeout. */
        latencyP99OfTimeout: AlarmSettingSchema,
        /** Failed invocations (crash, timeout) of either function. */
        functionErrors: AlarmSettingSchema,
        /** Invocations Lambda refused for lack of concurrency, either function. */
        functionThrottles: AlarmSettingSchema,
        /** Account-wide concurrent executions, in percent of accountConcurrencyLimit. */
        concurrencyOfLimit: AlarmSettingSchema,
        /** DynamoDB requests throttled, over the operations the function calls. */
        dynamodbThrottles: AlarmSettingSchema,
        /** DynamoDB requests that failed with HTTP 500, over the same operations. */
        dynamodbSystemErrors: AlarmSettingSchema,
        /** The kit's own count of 503 unavailable answers (DynamoDB busy or too slow). */
        unavailableAnswers: AlarmSettingSchema,
      })
      .strict(),
  })
  .strict();

/**
 * A CloudFront distribution's own name: the domain and an ACM certificate covering it. CloudFront
 * takes certificates from us-east-1 only (CloudFront developer guide, "Requirements for using
 * SSL/TLS certificates with CloudFront"). With one, viewers need TLS 1.2 or later
 * (`TLSv1.2_2021`); the default `*.cloudfront.net` certificate allows no such choice. The DNS
 * record (an alias or CNAME to the distribution) is yours to make.
 */
const CustomDomainSchema = z
  .object({
    domainName: z
      .string()
      .regex(
        /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'must be a lower-case DNS name such as app.example.com',
      ),
    certificateArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/,
        'must be an ACM certificate ARN in us-east-1, where CloudFront reads certificates',
      ),
  })
  .strict();

/**
 * An optional CloudFront distribution with an AWS WAF web ACL in front of the HTTP API (which
 * cannot take WAF itself): a rate-based rule per client IP and AWS's managed common rule set.
 */
const EdgeSchema = z
  .object({
    enabled: z.boolean(),
    /** Requests one IP may send per `rateWindowSeconds` before WAF blocks it (WAF's minimum is 10). */
    rateLimitPerIp: z.number().int().min(10).max(2_000_000_000),
    rateWindowSeconds: z.union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)]),
    /** The API's own name on the distribution (`https://api.example.com/` becomes `ApiUrl`). */
    domain: CustomDomainSchema.optional(),
  })
  .strict();

export const StageConfigSchema = z
  .object({
    stageName: StageNameSchema,
    /** Stage-wide default for every route. */
    throttle: ThrottleSchema,
    /** Per route key (`POST /items`); each key must name a contract route. */
    routeThrottles: z.record(
      z.string().refine((key) => contractRouteKeys.has(key), 'is not a route in the contract'),
      ThrottleSchema.partial(),
    ),
    cors: z.object({
      /**
       * Origins allowed besides the web app's own (its distribution's domain, always allowed):
       * e.g. a front-end dev server. Each may also sign in (callback and sign-out URL). `*` alone
       * allows any origin.
       */
      allowOrigins: z
        .array(OriginSchema)
        .refine(
          (origins) => origins.length === 1 || !origins.includes('*'),
          '`*` cannot be combined with explicit origins',
        ),
      maxAgeSeconds: z.number().int().min(0).max(86_400),
    }),
    /** An external OIDC issuer; without it the stack makes a Cognito user pool and app client. */
    auth: z
      .object({
        issuer: z.string().url().startsWith('https://'),
        audience: z.array(z.string().min(1)).min(1),
      })
      .optional(),
    itemsFunction: FunctionSettingsSchema,
    docsFunction: FunctionSettingsSchema,
    logRetention: z.nativeEnum(RetentionDays),
    /** X-Ray active tracing on both functions. */
    tracing: z.boolean(),
    /**
     * How long the first answer to an Idempotency-Key is replayed (and its record kept): never
     * less than the window the API's documentation promises.
     */
    idempotencyTtlSeconds: z
      .number()
      .int()
      .min(
        IdempotencyLimits.replaySeconds,
        `is shorter than the ${formatHours(IdempotencyLimits.replaySeconds)} the contract promises`,
      ),
    /** RETAIN + deletion protection for the table and user pool (never lose data by accident). */
    retainData: z.boolean(),
    /** MFA for the stack's Cognito users. */
    mfa: z.enum(['required', 'optional']),
    /** Alarms, their topic and the dashboard; the functions' log level. */
    monitoring: MonitoringSchema,
    /** CloudFront + WAF in front of the API. */
    edge: EdgeSchema,
    /** The web app's site: its own name on CloudFront (the app's origin, CORS, sign-in URLs). */
    web: z.object({ domain: CustomDomainSchema.optional() }).strict(),
    /** OAuth 2.0 with the stack's Cognito user pool (ignored with an external issuer). */
    oauth: z
      .object({
        /** Cognito's limits: access and ID tokens 5 min – 1 day, refresh tokens 1 h – 10 years. */
        tokenValidity: z.object({
          accessTokenMinutes: z.number().int().min(5).max(1440),
          idTokenMinutes: z.number().int().min(5).max(1440),
          refreshTokenDays: z.number().int().min(1).max(3650),
        }),
        /** A confidential app client for the client-credentials grant (services calling the API). */
        machineClient: z.boolean(),
        /**
         * Prefix of the hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`),
         * unique per region. Default: `items-<stage>-<account id>`.
         */
        domainPrefix: z
          .string()
          .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and -')
          .refine((p) => !/aws|amazon|cognito/.test(p), 'may not contain aws, amazon or cognito')
          .optional(),
      })
      .strict(),
  })
  .strict()
  .readonly();

export type StageConfig = z.infer<typeof StageConfigSchema>;
export type FunctionSettings = StageConfig['itemsFunction'];
export type MonitoringSettings = StageConfig['monitoring'];
export type AlarmSetting = z.infer<typeof AlarmSettingSchema>;
export type EdgeSettings = StageConfig['edge'];
export type CustomDomain = z.infer<typeof CustomDomainSchema>;
